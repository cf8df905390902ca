// The typeset PDF editions, read back as a reader's tools see them: poppler
// (pdfinfo, pdftotext, pdffonts), qpdf and pdf-lib. Built once in beforeAll;
// without Chromium the build throws there and every test here fails (CI
// installs it; see .ci/run), rather than being skipped.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BookError } from '../src/errors.js';
import { findChromium, launchBrowser } from '../src/io/browser.js';
import { fontPath } from '../src/io/fonts.js';
import { subsetFontFile } from '../src/io/hb-subset.js';
import { loadBook } from '../src/load-book.js';
import type { Book } from '../src/model/book.js';
import { isVertical } from '../src/model/edition.js';
import { editionIdentifier } from '../src/model/identifier.js';
import { allParagraphs, inlineText } from '../src/model/text.js';
import { readTemplate } from '../src/io/assets.js';
import { bookHead, cssString, geometryOf, headText, renderPageCss, renderPrintDocument, type PageSize } from '../src/render/print-document.js';
import type { TocEntry } from '../src/render/chapters.js';
import { convertBook } from '../src/transforms/convert-script.js';
import { blockNetwork, planPages, readDestinations, renderPdf, type PdfResult } from '../src/write/pdf/index.js';
import { edition } from './helpers/editions.js';
import { escapeRegExp } from '../src/clean/regexp.js';
import { strings } from '../src/render/i18n.js';
import { bookBuild, sharedBuild, testEpoch, type SharedBuild } from './helpers/shared-build.js';
import { bookDir } from './helpers/paths.js';
import { readPrintedPages, readVerticalPages } from './helpers/stext.js';

// Every edition, the vertical one too (read back in its own reading order: see pageTexts).
const locales = ['zh-Hant', 'zh-Hans', 'zh-Hant-vertical'] as const;
type Locale = (typeof locales)[number];
const date = new Date(1722297600 * 1000); // as SOURCE_DATE_EPOCH in the other tests
const mm = 72 / 25.4;
const source = await loadBook(bookDir);
const books = new Map<Locale, Book>(locales.map((l) => [l, convertBook(source, edition(l))]));
const identifier = (l: Locale) => editionIdentifier(source.meta.id, `${l}.pdf`);
const temp: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temp.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});
const out = tempDir('pdf-a-');
const fileOf = (l: Locale, size: PageSize = 'A5', dir = out) => join(dir, `${source.meta.id}.${l}.${size}.pdf`);
const second = tempDir('pdf-b-');
const halfLetter = tempDir('pdf-hl-');
/** The printer's files of a build: <id>.<edition>.press.pdf, .cover.pdf, .booklet.pdf. */
const printFile = (l: Locale, kind: 'press' | 'cover' | 'booklet', dir = out) => join(dir, `${source.meta.id}.${l}.${kind}.pdf`);
const results = new Map<Locale, Built>();
const again = new Map<Locale, Built>();

type Built = Pick<PdfResult, 'data' | 'pages' | 'blockedRequests'> & { locale: Locale };

/**
 * The PDFs as a user makes them: `npm run build` with the build date fixed,
 * every edition in one browser. The log line gives the page count and the
 * number of network requests the build blocked. The A5 builds are the ones
 * other files read too (bookBuild: made once a run); each build's PDFs are
 * copied under their page size into this file's own folder.
 */
async function build(b: SharedBuild, size: PageSize, editions: Locale[], dir: string): Promise<Built[]> {
  if (b.status !== 0) throw new Error(`build failed (${b.status}): ${b.stderr}`);
  return editions.map((locale) => {
    const file = join(b.dir, `${source.meta.id}.${locale}.pdf`);
    const data = readFileSync(file);
    writeFileSync(fileOf(locale, size, dir), data);
    for (const kind of ['press', 'cover', 'booklet'] as const) if (existsSync(printFile(locale, kind, b.dir))) copyFileSync(printFile(locale, kind, b.dir), printFile(locale, kind, dir));
    // Only a --verbose build logs its files.
    if (!b.args.includes('--verbose')) return { locale, data, pages: NaN, blockedRequests: NaN };
    const line = b.stderr.split('\n').find((l) => l.includes(`${locale}.pdf (`)) ?? '';
    const m = /\((\d+) pages, \d+ KB, (\d+) network requests blocked, [\d.]+ s\)/.exec(line);
    if (!m) throw new Error(`no PDF log line for ${locale}: ${b.stderr}`);
    return { locale, data, pages: Number(m[1]), blockedRequests: Number(m[2]) };
  });
}
const pdfBuild = (size: PageSize, editions: Locale[], extra: string[] = []) =>
  sharedBuild(['build', '--verbose', '--formats', 'pdf', ...extra, '--page-size', size, '--editions', editions.join(',')], { SOURCE_DATE_EPOCH: testEpoch });

/** Why the PDFs could not be built (no Chromium…): every test that reads them fails with it, none is skipped. */
let buildError: unknown;
const needsPdfs = () => {
  if (buildError !== undefined) throw buildError;
};

beforeAll(async () => {
  try {
    // With the printer's files: the press interior and the cover (--press), and the booklet.
    for (const r of await build(bookBuild(1), 'A5', [...locales], out)) results.set(r.locale, r);
    for (const r of await build(bookBuild(2), 'A5', [...locales], second)) again.set(r.locale, r);
    await build(pdfBuild('A4', ['zh-Hant']), 'A4', ['zh-Hant'], out);
    // Half-letter, for a booklet on US Letter sheets.
    await build(pdfBuild('HalfLetter', ['zh-Hans'], ['--booklet']), 'HalfLetter', ['zh-Hans'], halfLetter);
  } catch (e) {
    buildError = e;
  }
});

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
const squash = (s: string) => s.replace(/\s+/g, '');
const count = (hay: string, needle: string) => hay.split(needle).length - 1;

/**
 * Each page's text as lines (1-based through pages[n - 1]): pdftotext
 * -layout; for a vertical edition, MuPDF's glyphs read column by column,
 * right to left (readVerticalPages: pdftotext sets vertical text one
 * character a line, and -layout interleaves the columns), the running head
 * first and the folio last, as -layout gives them for a horizontal page.
 */
const pageTexts = (file: string, id: Locale = 'zh-Hant', size: PageSize = 'A5') => {
  if (!isVertical(edition(id))) return run('pdftotext', ['-layout', file, '-']).split('\f').slice(0, -1);
  const g = geometryOf(size, edition(id));
  return readVerticalPages(file, { top: (g.top - 1) * mm, bottom: (g.top + g.textHeight + 1) * mm }).map((p) => [p.head, ...p.columns.map((c) => c.text), p.foot].filter((l) => l !== '').join('\n'));
};
const lines = (page: string) => page.split('\n').filter((l) => l.trim() !== '');
const folioOf = (page: string) => {
  const last = lines(page).at(-1);
  return last !== undefined && /^\s*\d+\s*$/.test(last) ? Number(last.trim()) : undefined;
};
/** Pages before the book block in the reading PDF (the cover and its back): folio n is pages[n + 1]. */
const coverPages = 2;
/** The page (pdftotext's) of folio n. */
const folioPage = (pages: string[], n: number) => pages[n + coverPages - 1]!;
/** A page's text without its running head (first line) and folio (last line), where it has them. */
const bodyOf = (page: string) => (folioOf(page) === undefined ? lines(page) : lines(page).slice(1, -1)).join('\n');

interface Margins {
  /** Per page: the text of the head margin's left and right halves. */
  heads: [string, string][];
  feet: [string, string][];
}

/** The text in the head and foot margins of every page (above and below the text block), each half apart, by pdftotext's crop box. */
function margins(file: string, size: PageSize, id: Locale): Margins {
  const g = geometryOf(size, edition(id));
  const half = (g.width * mm) / 2;
  const crop = (x: number, y: number, h: number) =>
    run('pdftotext', ['-layout', '-x', String(Math.round(x)), '-y', String(Math.round(y)), '-W', String(Math.round(half)), '-H', String(Math.round(h)), file, '-'])
      .split('\f')
      .slice(0, -1)
      .map((p) => p.trim());
  const halves = (y: number, h: number) => {
    const [left, right] = [crop(0, y, h), crop(half, y, h)];
    return left.map((l, i): [string, string] => [l, right[i]!]);
  };
  return { heads: halves(0, (g.top - 1) * mm), feet: halves((g.height - g.bottom + 1) * mm, (g.bottom - 1) * mm) };
}

const pdfinfo = (file: string) =>
  new Map(run('pdfinfo', ['-isodates', file]).split('\n').flatMap((l) => {
    const m = /^([^:]+):\s*(.*)$/.exec(l);
    return m ? [[m[1]!, m[2]!] as const] : [];
  }));

const flatToc = (entries: TocEntry[], depth = 0): { entry: TocEntry; depth: number }[] =>
  entries.flatMap((e) => [{ entry: e, depth }, ...flatToc(e.children, depth + 1)]);

describe.each(locales)('the %s PDF', (locale) => {
  const file = () => fileOf(locale);
  const book = books.get(locale)!;
  const m = book.meta;
  let pages: string[] = [];
  let toc: TocEntry[] = [];
  /** What the contents page prints, entry by entry. */
  let printed = new Map<string, number>();
  beforeEach(needsPdfs);
  beforeAll(async () => {
    if (buildError !== undefined) return;
    pages = pageTexts(file(), locale);
    toc = renderPrintDocument(book, { edition: edition(locale), buildDate: '', identifier: '', pageSize: 'A5' }, { blankBefore: new Set(), pageOf: () => undefined }, await readTemplate('print.html.ejs')).toc;
    // The contents: its opener (folio 3, no running head), then any pages under its own running head (or the book's, on the left).
    const contentsHead = strings[edition(locale).labels].toc;
    const tocPages: string[] = [folioPage(pages, 3)];
    for (let n = 4; folioOf(folioPage(pages, n)) === n && [contentsHead, bookHead(m.title)].includes(lines(folioPage(pages, n))[0]?.trim() ?? ''); n++) tocPages.push(folioPage(pages, n));
    expect(tocPages.length).toBeGreaterThan(0);
    const contents = squash(tocPages.map(bodyOf).join(''));
    let at = 0;
    for (const { entry } of flatToc(toc)) {
      const title = squash(entry.title);
      const found = contents.indexOf(title, at);
      expect(found, `「${entry.title}」 in the printed contents`).toBeGreaterThanOrEqual(0);
      at = found + title.length;
      const n = /^\d+/.exec(contents.slice(at))?.[0];
      expect(n, `a page number after 「${entry.title}」`).toBeDefined();
      printed.set(entry.id, Number(n));
    }
  });

  it('is A5 with a sane number of pages, tagged, loaded only from its own files', () => {
    const info = pdfinfo(file());
    const [, w, h] = /^([\d.]+) x ([\d.]+) pts/.exec(info.get('Page size')!)!;
    expect(Number(w)).toBeCloseTo(148 * mm, -0.5);
    expect(Number(h)).toBeCloseTo(210 * mm, -0.5);
    const n = Number(info.get('Pages'));
    expect(n).toBe(results.get(locale)!.pages);
    expect(n).toBe(pages.length);
    // ≈ 5,700 characters of text at ≈ 600 a page, plus cover, title, contents, timeline, notes.
    expect(n).toBeGreaterThan(20);
    expect(n).toBeLessThan(60);
    // The cover leaf, then the book block in whole sheets.
    expect((n - coverPages) % 4).toBe(0);
    expect(info.get('Tagged')).toBe('yes');
    expect(results.get(locale)!.blockedRequests).toBe(0);
  });

  it('has document properties, XMP and /Lang from the book and the build date', async () => {
    const info = pdfinfo(file());
    expect(info.get('Title')).toBe(m.title);
    expect(info.get('Author')).toBe(m.speakers.map((s) => s.name).join('、'));
    expect(info.get('Subject')).toContain(m.event.name);
    expect(info.get('Keywords')).toContain(m.speakers[0]!.name);
    expect(info.get('Creator')).toBe('Transcript Press');
    expect(info.get('CreationDate')).toBe(date.toISOString().replace('.000', ''));
    expect(info.get('ModDate')).toBe(date.toISOString().replace('.000', ''));
    expect(info.get('Metadata Stream')).toBe('yes');
    const xmp = run('pdfinfo', ['-meta', file()]);
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${m.title}</rdf:li>`);
    expect(xmp).toContain(`<dc:language><rdf:Bag><rdf:li>${edition(locale).locale}</rdf:li></rdf:Bag></dc:language>`);
    const doc = await PDFDocument.load(readFileSync(file()), { updateMetadata: false });
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe(edition(locale).locale);
  });

  it('embeds every font as a TrueType subset, with a real bold, and no Type 3', () => {
    const rows = run('pdffonts', [file()]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row).not.toMatch(/Type 3/);
      expect(row).toMatch(/^\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/);
    }
    const script = edition(locale).locale === 'zh-Hant' ? 'TC' : 'SC';
    expect(rows.some((r) => r.includes(`NotoSerif${script}-Regular`))).toBe(true);
    expect(rows.some((r) => r.includes(`NotoSans${script}-Bold`))).toBe(true);
  });

  it('counts folios from the title page, and prints them with the running head on every page but openers, blank pages, the title page and the 版權頁', () => {
    // The cover (drawn, not printed by Chromium: vector outlines, no text, no image) and its blank back.
    expect(lines(pages[0]!)).toEqual([]);
    expect(run('pdfimages', ['-list', '-f', '1', '-l', '1', file()]).split('\n').slice(2).filter((l) => l.trim())).toEqual([]);
    expect(lines(pages[1]!)).toEqual([]);
    expect(squash(folioPage(pages, 1))).toContain(squash(m.title.slice(0, 6)));
    // What is printed in the head and foot margins, page by page.
    const { heads, feet } = margins(file(), 'A5', locale);
    // Versos (even) are left-hand pages when pages turn left to right, right-hand ones in a right-to-left book.
    const versoOnLeft = edition(locale).pageProgression === 'ltr';
    const starts = toc.map((e) => ({ id: e.id, title: e.title, page: printed.get(e.id)! }));
    const openers = new Set([3, ...starts.map((s) => s.page)]);
    const colophon = 2;
    const chapterAt = (n: number) => [...starts].reverse().find((s) => s.page <= n)!.title;
    let furnished = 0;
    for (let n = 1; n <= pages.length - coverPages; n++) {
      const [head, foot] = [heads[n + coverPages - 1]!, feet[n + coverPages - 1]!];
      // The title page (1) and its back, the 版權頁 (2), carry nothing.
      const bare = n === 1 || n === colophon || openers.has(n) || lines(folioPage(pages, n)).length === 0;
      if (bare) {
        expect([...head, ...foot], `folio ${n}: no running head, no folio`).toEqual(['', '', '', '']);
        continue;
      }
      furnished++;
      // Versos carry the book's title, rectos the chapter's; both at the outer edge, as the folio.
      const outer = (text: string): [string, string] => ((n % 2 === 0) === versoOnLeft ? [text, ''] : ['', text]);
      expect(head, `folio ${n}: running head`).toEqual(outer(n % 2 === 0 ? bookHead(m.title) : headText(chapterAt(n))));
      expect(foot, `folio ${n}: folio`).toEqual(outer(String(n)));
      expect(folioOf(folioPage(pages, n)), `folio ${n}`).toBe(n);
    }
    expect(furnished).toBeGreaterThan(10);
  });

  it('labels its pages with the printed folios, and the cover 封面', async () => {
    const labels = (JSON.parse(run('qpdf', ['--json', '--json-key=pagelabels', file()])) as { pagelabels: { index: number; label: { '/P'?: string; '/S'?: string; '/St'?: number } }[] }).pagelabels;
    const decode = (p: string) => (p.startsWith('u:') ? p.slice(2) : p);
    // Label of every page (0-based), as a viewer shows it.
    const labelOf = (i: number) => {
      const range = [...labels].reverse().find((l) => l.index <= i)!;
      const prefix = range.label['/P'] ? decode(range.label['/P']) : '';
      return range.label['/S'] === '/D' ? `${prefix}${(range.label['/St'] ?? 1) + i - range.index}` : prefix;
    };
    expect(labelOf(0)).toBe('封面');
    let checked = 0;
    pages.forEach((text, i) => {
      if (i < coverPages) return;
      const folio = folioOf(text);
      expect(labelOf(i), `page ${i + 1}`).toBe(String(i + 1 - coverPages));
      if (folio !== undefined) {
        expect(labelOf(i), `page ${i + 1}`).toBe(String(folio));
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(10);
  });

  it('starts every chapter on a recto (odd: right-hand, or left-hand in a right-to-left book), after a blank page where needed', () => {
    for (const e of toc) {
      const n = printed.get(e.id)!;
      expect(n % 2, `「${e.title}」 on folio ${n}`).toBe(1);
      const before = folioPage(pages, n - 1);
      if (lines(before).length === 0) continue;
      expect(folioOf(before), `「${e.title}」`).toBe(n - 1);
    }
  });

  it('prints in the contents the true page of every heading', async () => {
    const doc = await PDFDocument.load(readFileSync(file()), { updateMetadata: false });
    const dests = readDestinations(doc);
    for (const { entry } of flatToc(toc)) {
      const n = printed.get(entry.id)!;
      expect(squash(bodyOf(folioPage(pages, n))), `「${entry.title}」 on folio ${n}`).toContain(squash(entry.title));
      expect(dests.get(entry.id), entry.id).toBe(n + coverPages);
    }
  });

  it('prints the true page in every timeline reference', async () => {
    const doc = await PDFDocument.load(readFileSync(file()), { updateMetadata: false });
    const dests = readDestinations(doc);
    const timeline = printed.get('timeline')!;
    const notes = printed.get('editorial-notes')!;
    // Read line by line from the glyphs' positions (pdftotext may lift a closing mark in another font onto a line of its own).
    const text = isVertical(edition(locale))
      ? squash(pages.slice(timeline + coverPages - 1, notes + coverPages - 1).map(bodyOf).join(''))
      : squash(readPrintedPages(file()).slice(timeline + coverPages - 1, notes + coverPages - 1).map((p) => p.lines.filter((l) => l.y > 20 * mm && l.y < p.height - 20 * mm).map((l) => l.text).join('')).join(''));
    const refs = book.timeline.flatMap((e) => e.evidence);
    expect(refs.length).toBeGreaterThan(10);
    let at = 0;
    for (const ref of refs) {
      const quoted = squash(strings[edition(locale).labels].quote(ref.quote));
      // The quote as evidence (the event's own text may quote it too): followed by its page.
      const re = new RegExp(`${escapeRegExp(quoted)}第(\\d+)[頁页]`, 'g');
      re.lastIndex = at;
      const found = re.exec(text);
      expect(found, ref.quote).not.toBeNull();
      at = re.lastIndex;
      const n = Number(found![1]);
      expect(n + coverPages, ref.quote).toBe(dests.get(ref.paragraph));
      // The page where the quoted paragraph begins.
      const paragraph = allParagraphs(book).find((p) => p.paragraph.id === ref.paragraph)!.paragraph;
      expect(squash(bodyOf(folioPage(pages, n))), `${ref.paragraph} on folio ${n}`).toContain(squash(inlineText(paragraph.content)).slice(0, 12));
    }
  });

  it('has bookmarks: cover, title page, 版權頁, contents, then the contents nested as printed', () => {
    interface Item { title: string; destpageposfrom1: number; kids: Item[] }
    const outline = (JSON.parse(run('qpdf', ['--json', '--json-key=outlines', file()])) as { outlines: Item[] }).outlines;
    const t = edition(locale).locale === 'zh-Hant' ? ['封面', '書名頁', '版權頁', '目錄'] : ['封面', '书名页', '版权页', '目录'];
    expect(outline.slice(0, 4).map((o) => [o.title, o.destpageposfrom1])).toEqual([[t[0], 1], [t[1], 3], [t[2], 4], [t[3], 5]]);
    const shape = (items: Item[]): unknown[] => items.map((o) => [o.title, o.destpageposfrom1, shape(o.kids)]);
    const expected = (entries: TocEntry[]): unknown[] => entries.map((e) => [e.title, printed.get(e.id)! + coverPages, expected(e.children)]);
    expect(shape(outline.slice(4))).toEqual(expected(toc));
  });

  it('links every internal link to a destination', async () => {
    const doc = await PDFDocument.load(readFileSync(file()), { updateMetadata: false });
    const dests = readDestinations(doc);
    let links = 0;
    for (const page of doc.getPages()) {
      const annots = page.node.Annots();
      for (let i = 0; annots && i < annots.size(); i++) {
        const a = annots.lookup(i, PDFDict);
        if (a.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
        const dest = a.get(PDFName.of('Dest'));
        expect(dest).toBeInstanceOf(PDFName);
        expect(dests.has((dest as PDFName).decodeText())).toBe(true);
        links++;
      }
    }
    // Contents entries, timeline evidence, back links to the timeline.
    expect(links).toBeGreaterThan(flatToc(toc).length + book.timeline.length);
  });

  it('prints every paragraph of the parts exactly once, in order', () => {
    const first = printed.get(book.parts[0]!.id)!;
    const after = printed.get('timeline')!;
    // The editor's 〔原文如此〕 after a passage is apparatus, not the text.
    const body = squash(pages.slice(first + coverPages - 1, after + coverPages - 1).map(bodyOf).join('')).replaceAll(squash(`〔${strings[edition(locale).labels].mark.sic}〕`), '');
    const paragraphs = allParagraphs(book).map((p) => squash(inlineText(p.paragraph.content)));
    const all = paragraphs.join('');
    let at = 0;
    for (const p of paragraphs) {
      // A short paragraph may also occur inside a longer one: as often as in the manuscript.
      expect(count(body, p), p).toBe(count(all, p));
      const found = body.indexOf(p, at);
      expect(found, p).toBeGreaterThanOrEqual(at);
      at = found + p.length;
    }
  });

  it('is byte-identical when built twice', () => {
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(again.get(locale)!.data)).toBe(sha(results.get(locale)!.data));
  });

  it('prints exactly the final HTML (the page was updated in place, not reloaded)', async () => {
    const keep = tempDir('pdf-page-');
    const session = await launchBrowser();
    try {
      const r = await renderPdf(book, edition(locale), { date, pageSize: 'A5', identifier: identifier(locale), keep }, session);
      expect(r.data.equals(results.get(locale)!.data)).toBe(true);
      const page = await session.browser.newPage();
      await page.goto(pathToFileURL(join(keep, locale, 'index.html')).href);
      const fresh = await page.evaluate(() => document.documentElement.outerHTML);
      expect(readFileSync(join(keep, locale, 'printed-dom.html'), 'utf8')).toBe(fresh);
    } finally {
      await session.close();
    }
  });
});

describe.each(locales)('Chinese line breaking, read back from the %s PDF', (locale) => {
  // From MuPDF's glyph positions, line by line (pdftotext cuts lines where
  // the font changes, at a bold label or compressed corner punctuation).
  beforeEach(needsPdfs);
  it('never starts a line with closing punctuation nor ends one with opening punctuation', () => {
    if (isVertical(edition(locale))) {
      // A vertical page's lines are its columns (the superscript references left out).
      const g = geometryOf('A5', edition(locale));
      const bad = readVerticalPages(fileOf(locale), { top: (g.top - 1) * mm, bottom: (g.top + g.textHeight + 1) * mm }).flatMap((page) =>
        page.columns
          .map((c) => c.glyphs.filter((x) => x.size > 7).map((x) => x.c).join('').trim())
          .filter((l) => /^[，。、：；！？）」』”’]/.test(l) || /[（「『“‘]$/.test(l))
          .map((l) => `p.${page.n}: ${l}`),
      );
      expect(bad).toEqual([]);
      return;
    }
    const top = 15 * mm;
    const bad = readPrintedPages(fileOf(locale)).flatMap((page) =>
      page.lines
        // The text block's lines, without the superscript references (set apart above the baseline).
        .filter((l) => l.y > top && l.glyphs.every((g) => g.size > 7))
        .map((l) => l.text.trim())
        .filter((l) => /^[，。、：；！？）」』”’]/.test(l) || /[（「『“‘]$/.test(l))
        .map((l) => `p.${page.n}: ${l}`),
    );
    expect(bad).toEqual([]);
  });
});

/** Every page's boxes (pdfinfo -box): name → [x0, y0, x1, y1] in points. */
function boxes(file: string): Map<string, number[]>[] {
  const out: Map<string, number[]>[] = [];
  for (const line of run('pdfinfo', ['-box', '-f', '1', '-l', '100000', file]).split('\n')) {
    const m = /^Page\s+(\d+) (\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/.exec(line);
    if (!m) continue;
    const i = Number(m[1]) - 1;
    (out[i] ??= new Map()).set(m[2]!, [m[3], m[4], m[5], m[6]].map(Number));
  }
  return out;
}
const sizeMm = (b: number[]) => [(b[2]! - b[0]!) / mm, (b[3]! - b[1]!) / mm];
/** Ghostscript's ink coverage of every page, measured inside its TrimBox: [C, M, Y, K]. */
const inkCoverage = (file: string) =>
  run('gs', ['-q', '-dSAFER', '-dUseTrimBox', '-o', '-', '-sDEVICE=inkcov', file])
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).slice(0, 4).map(Number));
/** pdftotext of one page (or of a crop of it, in points), in layout order (the same page placed elsewhere reads the same), whitespace removed. */
const pageText = (file: string, page: number, crop?: { x: number; y: number; w: number; h: number }) =>
  squash(run('pdftotext', ['-layout', '-f', String(page), '-l', String(page), ...(crop ? ['-x', String(Math.round(crop.x)), '-y', String(Math.round(crop.y)), '-W', String(Math.round(crop.w)), '-H', String(Math.round(crop.h))] : []), file, '-']));

describe.each(locales)('the %s printer\'s files', (locale) => {
  beforeEach(needsPdfs);
  const book = books.get(locale)!;
  const reading = () => fileOf(locale);
  /** The book block: the reading PDF's pages after the cover leaf. */
  const blockPages = () => results.get(locale)!.pages - coverPages;

  it('press: the book block without the cover, page for page, padded to whole sheets of 4', () => {
    const file = printFile(locale, 'press');
    const n = Number(pdfinfo(file).get('Pages'));
    expect(n % 4).toBe(0);
    expect(n).toBe(blockPages()); // the reading PDF's block is already whole sheets
    // Its first page is the title page, not the cover; every page has the text of the reading PDF's page after the cover leaf.
    const first = isVertical(edition(locale)) ? squash(readVerticalPages(file, { top: 0, bottom: 1e6 })[0]!.columns.map((c) => c.text).join('')) : pageText(file, 1);
    expect(first).toContain(squash(book.meta.title.slice(0, 6)));
    // A character the font lacks is drawn as .notdef, which the reading PDF maps to no text and
    // Ghostscript to U+0E00: both are "no character" (the Noto TC faces have no 爲, which the notes list).
    // Read in logical order from MuPDF's glyphs: pdftotext orders a trimmed bracket's glyph by its origin, which Ghostscript's rewrite moves.
    // A vertical page in columns, right to left (readVerticalPages), the whole page as one block.
    const readPages = (f: string) => (isVertical(edition(locale)) ? readVerticalPages(f, { top: -1e6, bottom: 1e6 }).map((p) => ({ lines: p.columns })) : readPrintedPages(f));
    const press = readPages(file);
    const read = readPages(reading());
    const textOf = (p: { lines: { text: string }[] }) => squash(p.lines.map((l) => l.text).join('')).replaceAll('\u0e00', '').replaceAll('\ufffd', '');
    for (let p = 1; p <= n; p++) expect(textOf(press[p - 1]!), `press page ${p}`).toBe(p + coverPages <= read.length ? textOf(read[p + coverPages - 1]!) : '');
  });

  it('press: a trim box of the page size and 3 mm of bleed on every page, with room for the marks', () => {
    const all = boxes(printFile(locale, 'press'));
    expect(all.length).toBe(blockPages());
    all.forEach((b, i) => {
      const [trim, bleed, media] = [b.get('TrimBox')!, b.get('BleedBox')!, b.get('MediaBox')!];
      expect(sizeMm(trim).map((v) => v.toFixed(2)), `page ${i + 1}`).toEqual(['148.00', '210.00']);
      [-3, -3, 3, 3].forEach((d, k) => expect(bleed[k]! - trim[k]!, `page ${i + 1}`).toBeCloseTo(d * mm, 1));
      [0, 1].forEach((k) => expect(media[k]!).toBeLessThan(bleed[k]! - 5 * mm));
      [2, 3].forEach((k) => expect(media[k]!).toBeGreaterThan(bleed[k]! + 5 * mm));
    });
  });

  it('press: black ink only inside the trim (C = M = Y = 0 on every page), fonts embedded, no Type 3', () => {
    const file = printFile(locale, 'press');
    const ink = inkCoverage(file);
    expect(ink.length).toBe(blockPages());
    ink.forEach(([c, m, y], i) => expect([c, m, y], `page ${i + 1}`).toEqual([0, 0, 0]));
    // It measured something: the text pages carry black.
    expect(ink.filter(([, , , k]) => k! > 0.01).length).toBeGreaterThan(blockPages() / 2);
    const rows = run('pdffonts', [file]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row).not.toMatch(/Type 3/);
      expect(row).toMatch(/^\S+\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/);
    }
  });

  it('press: PDF/X-1a with an output intent, no link annotations, the metadata kept', async () => {
    const file = printFile(locale, 'press');
    const info = pdfinfo(file);
    expect(info.get('PDF version')).toBe('1.4');
    expect(info.get('PDF subtype')).toBe('PDF/X-1a:2003');
    expect(info.get('Title')).toBe(book.meta.title);
    expect(info.get('Author')).toBe(book.meta.speakers.map((s) => s.name).join('、'));
    expect(info.get('CreationDate')).toBe(date.toISOString().replace('.000', ''));
    const xmp = run('pdfinfo', ['-meta', file]);
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${book.meta.title}</rdf:li>`);
    expect(xmp).toContain('<pdfx:GTS_PDFXVersion>PDF/X-1a:2003</pdfx:GTS_PDFXVersion>');
    const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    expect(doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe(edition(locale).locale);
    const intent = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray).lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFX'));
    expect(intent.has(PDFName.of('DestOutputProfile'))).toBe(true);
    for (const page of doc.getPages()) {
      expect(page.node.has(PDFName.of('Annots'))).toBe(false);
      expect(page.node.has(PDFName.of('ArtBox'))).toBe(false);
    }
  });

  it('cover: 2 × trim width + spine + 2 × 3 mm bleed by trim height + 2 × 3 mm, the spine 0.1 mm a leaf of the interior', () => {
    const file = printFile(locale, 'cover');
    const [b] = boxes(file);
    const spine = (blockPages() / 2) * 0.1;
    const [bw, bh] = sizeMm(b!.get('BleedBox')!);
    expect(bw).toBeCloseTo(2 * 148 + spine + 2 * 3, 1);
    expect(bh).toBeCloseTo(210 + 2 * 3, 1);
    const [tw, th] = sizeMm(b!.get('TrimBox')!);
    expect(tw).toBeCloseTo(2 * 148 + spine, 1);
    expect(th).toBeCloseTo(210, 1);
    // The slug line says it, outside the bleed.
    const slug = run('pdftotext', ['-layout', file, '-']);
    expect(squash(slug)).toContain(squash(`spine ${Math.round(spine * 100) / 100} mm = ${blockPages()} pages`));
    const info = pdfinfo(file);
    expect(info.get('Pages')).toBe('1');
    expect(info.get('PDF subtype')).toBe('PDF/X-1a:2003');
    // Black ink only, and drawn, not pasted in as a picture.
    const [[c, m, y, k]] = inkCoverage(file) as [number[]];
    expect([c, m, y]).toEqual([0, 0, 0]);
    expect(k).toBeGreaterThan(0.5);
    expect(run('pdfimages', ['-list', file]).split('\n').slice(2).filter((l) => l.trim())).toEqual([]);
  });

  it('booklet: (interior pages) / 4 A4 sheets, each half holding the interior page saddle stitching puts there', () => {
    const file = printFile(locale, 'booklet');
    const n = blockPages();
    const info = pdfinfo(file);
    expect(Number(info.get('Pages'))).toBe((n / 4) * 2);
    const [, w, h] = /^([\d.]+) x ([\d.]+) pts/.exec(info.get('Page size')!)!.map(Number) as [unknown, number, number];
    expect([w / mm, h / mm].map(Math.round)).toEqual([297, 210]);
    // Sheet k (from 0): outside n − 2k | 2k + 1, inside 2k + 2 | n − 2k − 1; mirrored in a right-to-left book (page 1 on the left).
    const rtl = edition(locale).pageProgression === 'rtl';
    // Vertical pages in reading order (pdftotext -layout interleaves columns differently wherever a page is placed): a half sheet's columns by their place.
    const vertical = isVertical(edition(locale));
    const read = new Map<string, ReturnType<typeof readVerticalPages>>();
    const columnsText = (f: string, page: number, half?: number) => {
      if (!read.has(f)) read.set(f, readVerticalPages(f, { top: -1e6, bottom: 1e6 }));
      const cols = read.get(f)![page - 1]!.columns.filter((c) => half === undefined || (half === 1 ? c.x >= w / 2 : c.x < w / 2));
      return squash(cols.map((c) => c.text).join(''));
    };
    let blanks = 0;
    for (let k = 0; k < n / 4; k++) {
      const sides = [[n - 2 * k, 2 * k + 1], [2 * k + 2, n - 2 * k - 1]].map((pair) => (rtl ? pair.reverse() : pair));
      sides.forEach((pair, s) => {
        const side = 2 * k + s + 1;
        pair.forEach((folio, half) => {
          const text = vertical ? columnsText(file, side, half) : pageText(file, side, { x: (half * w) / 2, y: 0, w: w / 2, h });
          expect(text, `sheet ${k + 1}, side ${s + 1}, ${half ? 'right' : 'left'}: folio ${folio}`).toBe(vertical ? columnsText(reading(), folio + coverPages) : pageText(reading(), folio + coverPages));
          if (text === '') blanks++;
        });
      });
    }
    expect(blanks).toBeGreaterThan(0); // the blank versos compare as blank
    expect(blanks).toBeLessThan(n / 2);
  });

  it('is byte-identical when built twice: press, cover and booklet', () => {
    const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    for (const kind of ['press', 'cover', 'booklet'] as const) expect(sha(printFile(locale, kind, second)), kind).toBe(sha(printFile(locale, kind)));
  });
});

describe('the half-letter booklet', () => {
  beforeEach(needsPdfs);
  it('imposes 5.5 × 8.5 in pages two-up on US Letter sheets', () => {
    const file = printFile('zh-Hans', 'booklet', halfLetter);
    const info = pdfinfo(file);
    const [, w, h] = /^([\d.]+) x ([\d.]+) pts/.exec(info.get('Page size')!)!.map(Number) as [unknown, number, number];
    expect([w, h]).toEqual([792, 612]);
    const reading = fileOf('zh-Hans', 'HalfLetter', halfLetter);
    const n = Number(pdfinfo(reading).get('Pages')) - coverPages;
    expect(Number(info.get('Pages'))).toBe(n / 2);
    // The outside of the first sheet: the last page and the title page.
    expect(pageText(file, 1, { x: w / 2, y: 0, w: w / 2, h })).toBe(pageText(reading, 1 + coverPages));
    expect(pageText(file, 1, { x: 0, y: 0, w: w / 2, h })).toBe(pageText(reading, n + coverPages));
  });
});

describe('other page sizes', () => {
  beforeEach(needsPdfs);
  it.each([
    ['A4', 'zh-Hant', 210, 297, out],
    ['HalfLetter', 'zh-Hans', 139.7, 215.9, halfLetter],
  ] as const)('%s: the page box, and as many pages as its text area takes', (size, locale, w, h, dir) => {
    const info = pdfinfo(fileOf(locale, size, dir));
    const [, pw, ph] = /^([\d.]+) x ([\d.]+) pts/.exec(info.get('Page size')!)!;
    expect(Number(pw)).toBeCloseTo(w * mm, -0.5);
    expect(Number(ph)).toBeCloseTo(h * mm, -0.5);
    const pages = Number(info.get('Pages'));
    // A4's text area is about twice A5's; half-letter's a little smaller (a measure of 30 characters, not 32).
    if (size === 'A4') expect(pages).toBeLessThan(results.get(locale)!.pages);
    else expect(pages).toBeGreaterThanOrEqual(results.get(locale)!.pages);
    expect(pages).toBeGreaterThan(10);
    expect((pages - coverPages) % 4).toBe(0);
  });
});

describe('the print page', () => {
  it('sets the page box and mirrored margins, with no margin boxes (the furniture is drawn on the PDF)', async () => {
    expect(cssString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\a d"');
    const css = renderPageCss('A5');
    expect(css).toContain('@page { size: 148mm 210mm;');
    expect(css).not.toMatch(/@(top|bottom)-/);
    const doc = renderPrintDocument(books.get('zh-Hans')!, { edition: edition('zh-Hans'), buildDate: 'x', identifier: 'y', pageSize: 'A5' }, { blankBefore: new Set(), pageOf: () => undefined }, await readTemplate('print.html.ejs'));
    expect(doc.html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-Hans">/);
    expect(doc.pageCss).toBe(css);
    // The book block begins with the title page: the cover is drawn apart.
    expect(doc.body).toMatch(/^<section id="titlepage"/);
  });

  it('plans blank pages so that every chapter begins on a right-hand page', () => {
    // Chapters at 7 (3 pages), 10 (2 pages), 12 (1 page) of 12; a paragraph on 11.
    const plan = planPages(['a', 'b', 'c'], new Map([['a', 7], ['b', 10], ['p', 11], ['c', 12]]), new Set(), 12);
    expect([...plan.blankBefore]).toEqual(['b']);
    expect(['a', 'b', 'p', 'c'].map(plan.pageOf)).toEqual([7, 11, 12, 13]);
    // Planning again from that layout changes nothing.
    const again = planPages(['a', 'b', 'c'], new Map([['a', 7], ['b', 11], ['p', 12], ['c', 13]]), plan.blankBefore, 13);
    expect([...again.blankBefore]).toEqual(['b']);
    expect(['a', 'b', 'p', 'c'].map(again.pageOf)).toEqual([7, 11, 12, 13]);
  });
});

describe('the browser', () => {
  it('blocks and counts every request outside the page folder', async () => {
    const dir = tempDir('pdf-net-');
    writeFileSync(
      join(dir, 'index.html'),
      '<!DOCTYPE html><link rel="stylesheet" href="https://example.com/x.css"><img src="file:///etc/hostname"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
    );
    const session = await launchBrowser();
    try {
      const page = await session.browser.newPage();
      const blocked = await blockNetwork(page, dir);
      await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
      expect(blocked.count).toBe(2);
      expect(blocked.urls.sort()).toEqual(['file:///etc/hostname', 'https://example.com/x.css']);
    } finally {
      await session.close();
    }
  });

  it('serves a font the page asks for before it is made once it is written, and fails it if it cannot be made', async () => {
    // As the PDF step stages its page: the fonts are still being subset when the page starts loading.
    const dir = tempDir('pdf-hold-');
    const face = await subsetFontFile(fontPath(edition('zh-Hant').fonts, 'sans'), '甲乙');
    writeFileSync(
      join(dir, 'index.html'),
      '<!DOCTYPE html><style>@font-face { font-family: A; src: url(a.ttf); } @font-face { font-family: B; src: url(b.ttf); }</style><p style="font-family: A">甲</p><p style="font-family: B">乙</p>',
    );
    // a.ttf is written 0.3 s after the page starts loading.
    let write = () => {};
    const later = new Promise<void>((resolve) => (write = () => setTimeout(() => resolve(writeFileSync(join(dir, 'a.ttf'), face)), 300)));
    const never = Promise.reject(new Error('could not be made'));
    never.catch(() => undefined);
    const held = new Map([
      [join(dir, 'a.ttf'), later],
      [join(dir, 'b.ttf'), never],
    ]);
    const session = await launchBrowser();
    try {
      const page = await session.browser.newPage();
      const blocked = await blockNetwork(page, dir, (file) => held.get(file));
      write();
      await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
      const status = await page.evaluate(async () => {
        await document.fonts.ready;
        return Object.fromEntries([...document.fonts].map((f) => [f.family, f.status]));
      });
      expect(status).toEqual({ A: 'loaded', B: 'error' });
      expect(blocked.count).toBe(0);
    } finally {
      await session.close();
    }
  });

  it('without Chromium, stops with one line that says how to get one', async () => {
    const error = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const e = error(() => findChromium({ CHROME_PATH: '/nowhere/chromium' }));
    expect(e).toBeInstanceOf(BookError);
    expect((e as BookError).code).toBe('browser');
    expect((e as BookError).format()).toMatch(/^CHROME_PATH is 「\/nowhere\/chromium」, which is not an executable file\. Fix: install it with `apt-get install -y chromium`, or set CHROME_PATH/);
    expect((e as BookError).format()).not.toContain('\n');
    // A binary that is not a browser.
    await expect(launchBrowser({ CHROME_PATH: '/bin/false' })).rejects.toMatchObject({ code: 'browser', message: expect.stringMatching(/^Chromium at \/bin\/false did not start/) });
  });
});
