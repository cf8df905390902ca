// Typography a Chinese production editor would sign off, read back from the
// built files: the PDFs as MuPDF places their glyphs (mutool stext), the
// EPUBs as Chromium lays out their documents. Built once, both editions.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from '../src/io/browser.js';
import { loadBook } from '../src/load-book.js';
import type { Book, Locale } from '../src/model/book.js';
import { allParagraphs, inlineText } from '../src/model/text.js';
import { markKinds, strings } from '../src/render/i18n.js';
import { unitsIn } from '../src/render/nobreak.js';
import { pageGeometry, verticalPageGeometry } from '../src/render/print-document.js';
import { convertBook } from '../src/transforms/convert-script.js';
import { readDestinations } from '../src/write/pdf/index.js';
import { bookBuild } from './helpers/shared-build.js';
import { edition } from './helpers/editions.js';
import { xhtmlText } from './helpers/epub.js';
import { bookDir } from './helpers/paths.js';
import { lineSpread, readPrintedPages, readVerticalPages, type PrintedLine, type PrintedPage } from './helpers/stext.js';

const locales: Locale[] = ['zh-Hant', 'zh-Hans'];
/** This file's own folder (the build's is shared, read-only). */
const work = mkdtempSync(join(tmpdir(), 'typography-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const build = bookBuild();
const out = build.dir;
const source = await loadBook(bookDir);
const books = new Map<Locale, Book>(locales.map((l) => [l, convertBook(source, edition(l))]));
const pdfOf = (l: Locale) => join(out, `${source.meta.id}.${l}.pdf`);
const epubOf = (l: Locale) => join(out, `${source.meta.id}.${l}.epub`);
const printed = new Map<Locale, PrintedPage[]>();
let buildError: unknown;
const needsBuild = () => {
  if (buildError !== undefined) throw buildError;
};

beforeAll(() => {
  try {
    if (build.status !== 0) throw new Error(`build failed (${build.status}): ${build.stderr}`);
    for (const l of locales) printed.set(l, readPrintedPages(pdfOf(l)));
  } catch (e) {
    buildError = e;
  }
});

// A5, in pt from the page's top left: the text block.
const g = pageGeometry.A5;
const pt = 72 / 25.4;
const block = { top: g.top * pt, bottom: (g.top + g.textHeight) * pt, linePt: g.linePt };
const inBlock = (l: PrintedLine) => l.y > block.top && l.y < block.bottom + 2;
/** Body text: the text faces at the body size (not headings, labels, superscripts or the small apparatus). */
const isBody = (l: PrintedLine) => l.glyphs.every((x) => Math.abs(x.size - g.fontPt) < 0.3 && /Serif|WenKai|Sans/.test(x.font));
const letters = (l: PrintedLine) => l.glyphs.filter((x) => /[\p{L}\p{N}]/u.test(x.c)).length;

async function chapterPages(file: string): Promise<Map<string, number>> {
  return readDestinations(await PDFDocument.load(readFileSync(file), { updateMetadata: false }));
}

describe.each(locales)('the %s PDF (A5)', (locale) => {
  beforeEach(needsBuild);
  const pages = () => printed.get(locale)!;

  it('spreads no justified line by more than 0.08 em between ideographs', () => {
    const loose = pages().flatMap((p) =>
      p.lines.filter(inBlock).flatMap((l) => {
        const s = lineSpread(l);
        return s !== undefined && s > 0.08 ? [`p.${p.n} ${s.toFixed(3)} ${l.text}`] : [];
      }),
    );
    expect(loose).toEqual([]);
    // The measure is real: the body has lines, and full lines are 32 characters wide.
    const body = pages().flatMap((p) => p.lines.filter((l) => inBlock(l) && isBody(l)));
    expect(body.length).toBeGreaterThan(200);
  });

  it('leaves no paragraph ending in a single character (孤字)', () => {
    const orphans = pages().flatMap((p) => p.lines.filter((l) => inBlock(l) && isBody(l) && letters(l) === 1).map((l) => `p.${p.n}: ${l.text}`));
    expect(orphans).toEqual([]);
  });

  it('splits no speaker label, number with its unit, or date across lines', () => {
    const book = books.get(locale)!;
    const units = new Set<string>([
      ...book.meta.speakers.map((s) => `${s.name}：`),
      ...allParagraphs(book).flatMap((p) => unitsIn(inlineText(p.paragraph.content))),
      ...book.timeline.flatMap((e) => [...unitsIn(e.text), ...unitsIn(e.when?.words ?? '')]),
    ]);
    expect(units.size).toBeGreaterThan(5);
    // Every line of the text block at text or apparatus size, in reading order, spaces removed.
    const text = pages()
      .flatMap((p) => p.lines.filter((l) => inBlock(l) && l.glyphs.every((x) => x.size > 7.5)).map((l) => l.text.replace(/\s+/g, '')))
      .join('\n');
    const split: string[] = [];
    for (const unit of units) {
      const chars = [...unit.replace(/\s+/g, '')].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      for (const m of text.matchAll(new RegExp(chars.join('\\n?'), 'g'))) if (m[0].includes('\n')) split.push(m[0].replace('\n', ' / '));
    }
    expect(split).toEqual([]);
  });

  it('puts every body baseline on the grid: whole lines from the top of the text block', async () => {
    // The chapters set on the grid: from the first part to the timeline.
    const dests = await chapterPages(pdfOf(locale));
    const body = pages().slice(dests.get(books.get(locale)!.parts[0]!.id)! - 1, dests.get('timeline')! - 1);
    const lines = body.flatMap((p) => p.lines.filter((x) => inBlock(x) && isBody(x)).map((l) => ({ p: p.n, l, frac: ((l.y - block.top) / block.linePt) % 1 })));
    expect(lines.length).toBeGreaterThan(200);
    // The baseline sits at the same depth in every line box: one fraction of a line for all.
    const common = lines.map((x) => x.frac).sort((a, b) => a - b)[Math.floor(lines.length / 2)]!;
    const stray = lines.filter((x) => Math.abs(x.frac - common) > 0.03).map((x) => `p.${x.p} y=${x.l.y.toFixed(1)} ${x.l.text.slice(0, 12)}`);
    expect(stray).toEqual([]);
  });

  it('sets the timeline as a compact 年表 of at most five pages, every event with its page references', async () => {
    const dests = await chapterPages(pdfOf(locale));
    const from = dests.get('timeline')!;
    const to = dests.get('editorial-notes')!;
    const used = pages().slice(from - 1, to - 1).filter((p) => p.lines.some(inBlock)).length;
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThanOrEqual(5);
    const text = pages().slice(from - 1, to - 1).map((p) => p.lines.map((l) => l.text).join('')).join('').replace(/\s+/g, '');
    for (const e of books.get(locale)!.timeline) expect(text, e.id).toContain(`${e.order}`);
  });

  it('embeds the Kai of the host\'s questions as a TrueType subset', () => {
    const fonts = execFileSync('pdffonts', [pdfOf(locale)], { encoding: 'utf8' });
    expect(fonts).toMatch(/LXGWWenKai\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    const kai = pages().flatMap((p) => p.lines.flatMap((l) => l.glyphs.filter((x) => x.font.includes('WenKai'))));
    const serif = pages().flatMap((p) => p.lines.flatMap((l) => l.glyphs.filter((x) => x.font.includes('Serif'))));
    expect(kai.length).toBeGreaterThan(500);
    expect(serif.length).toBeGreaterThan(kai.length);
    // Only ideographs are set in Kai: punctuation stays with the text face, which can trim it.
    expect(kai.filter((x) => !/\p{Script=Han}|\s/u.test(x.c))).toEqual([]);
  });

  it('prints the colophon as a 版權頁 without software identifiers, dated as a publisher dates it', () => {
    const verso = pages()[3]!.lines.map((l) => l.text).join('').replace(/\s+/g, '');
    expect(verso).toContain(locale === 'zh-Hant' ? '2024年7月初版' : '2024年7月初版');
    expect(verso).toMatch(/148×210/);
    expect(verso).not.toMatch(/urn:uuid|建置|构建|PDF（A5）/);
  });
});

describe('the zh-Hant-vertical PDF (A5): its columns', () => {
  beforeEach(needsBuild);
  // The text block of a vertical page, and its columns read right to left (readVerticalPages): a column is a line.
  const v = verticalPageGeometry.A5;
  const columns = () =>
    readVerticalPages(join(out, `${source.meta.id}.zh-Hant-vertical.pdf`), { top: (v.top - 1) * pt, bottom: (v.top + v.textHeight + 1) * pt }).flatMap((p) => p.columns.map((c) => ({ page: p.n, ...c })));
  const isBodyColumn = (c: { glyphs: { size: number }[] }) => c.glyphs.every((x) => Math.abs(x.size - v.fontPt) < 0.3);

  it('spreads no justified column by more than 0.08 em between ideographs, and leaves no 孤字', () => {
    const han = /\p{Script=Han}/u;
    const all = columns();
    const body = all.filter(isBodyColumn);
    // The measure is real: the body has columns (fewer than the horizontal editions' lines: 42 characters a column, not 32), full ones 42 characters long.
    expect(body.length).toBeGreaterThan(120);
    expect(Math.max(...body.map((c) => c.glyphs.length))).toBeGreaterThanOrEqual(40);
    const loose = body.flatMap((c) => {
      let sum = 0;
      let n = 0;
      for (let i = 0; i + 1 < c.glyphs.length; i++) {
        const [a, b] = [c.glyphs[i]!, c.glyphs[i + 1]!];
        if (!han.test(a.c) || !han.test(b.c)) continue;
        sum += (b.y - a.y) / a.size - 1;
        n++;
      }
      return n && sum / n > 0.08 ? [`p.${c.page} ${(sum / n).toFixed(3)} ${c.text}`] : [];
    });
    expect(loose).toEqual([]);
    const orphans = body.filter((c) => c.glyphs.filter((x) => /[\p{L}\p{N}]/u.test(x.c)).length === 1).map((c) => `p.${c.page}: ${c.text}`);
    expect(orphans).toEqual([]);
  });
});

describe('adjacent punctuation in the zh-Hant PDF (clreq §3.1.6.2)', () => {
  beforeEach(needsBuild);
  it('sets two adjacent marks in 1.5 em, not 2', () => {
    const pairs: number[] = [];
    for (const p of printed.get('zh-Hant')!) {
      for (const l of p.lines.filter(inBlock)) {
        for (let i = 0; i + 1 < l.glyphs.length; i++) {
          const [a, b] = [l.glyphs[i]!, l.glyphs[i + 1]!];
          if (/[」』）]/.test(a.c) && /[，。、；：」』）]/.test(b.c) && a.size === b.size) pairs.push((b.x - a.x) / a.size);
        }
      }
    }
    expect(pairs.length).toBeGreaterThan(5);
    // The closing mark gives up its blank half: 」， takes 1.5 em.
    expect(pairs.filter((w) => w > 0.6)).toEqual([]);
  });
});

// ── EPUB ───────────────────────────────────────────────────────────────

const unpacked = new Map<Locale, string>();
let session: BrowserSession;
beforeAll(async () => {
  if (buildError !== undefined) return;
  session = await launchBrowser();
  for (const l of locales) {
    const dir = join(work, `${l}-epub`);
    const zip = await JSZip.loadAsync(readFileSync(epubOf(l)));
    for (const [name, f] of Object.entries(zip.files)) {
      if (f.dir) continue;
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), await f.async('nodebuffer'));
    }
    unpacked.set(l, join(dir, 'OEBPS'));
  }
});
afterAll(async () => {
  await session?.close();
});

/** A document of the EPUB, as Chromium lays it out at 600 × 800. */
async function openDoc(locale: Locale, name: string, scheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await session.browser.newPage();
  await page.setViewport({ width: 600, height: 800 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.goto(pathToFileURL(join(unpacked.get(locale)!, name)).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  return page;
}

const docs = ['titlepage.xhtml', 'toc.xhtml', 'conventions.xhtml', 'introduction.xhtml', 'conversation.xhtml', 'timeline.xhtml', 'editorial-notes.xhtml', 'colophon.xhtml'];

/** Luminance contrast (WCAG 2) of two CSS rgb()/rgba() colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g2, b2] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g2! + 0.0722 * b2!;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe.each(locales)('the %s EPUB in a reading system', (locale) => {
  beforeEach(needsBuild);
  const css = () => readFileSync(join(unpacked.get(locale)!, 'style.css'), 'utf8');

  it('sets no white or near-white text, no background that carries meaning, and keeps font synthesis', () => {
    const sheet = css().replace(/\/\*[\s\S]*?\*\//g, '');
    const colours = [...sheet.matchAll(/(?<![-\w])color\s*:\s*([^;}]+)/g)].map((m) => m[1]!.trim());
    const white = colours.filter((c) => /^(#f{3}\b|#f{6}\b|white\b|#fefefe|#fdfdfd|rgb\(\s*2[45]\d)/i.test(c));
    expect(white).toEqual([]);
    expect([...sheet.matchAll(/background(?:-color)?\s*:\s*([^;}]+)/g)].map((m) => m[1]!.trim()).filter((v) => !/^(none|transparent)$/.test(v))).toEqual([]);
    expect(sheet).not.toMatch(/font-synthesis\s*:\s*none/);
    // No viewport height outside @supports: MuPDF would push a blank page.
    expect(sheet.replace(/@supports[^{]*\{[^{}]*\{[^}]*\}\s*\}/g, '')).not.toMatch(/\d+vh/);
  });

  it.each(['light', 'dark'] as const)('gives every piece of text at least 4.5:1 contrast, and 0.9 em or more (%s)', async (scheme) => {
    const low: string[] = [];
    const small: string[] = [];
    for (const name of docs) {
      const page = await openDoc(locale, name, scheme);
      const found = await page.evaluate(() => {
        const root = parseFloat(getComputedStyle(document.documentElement).fontSize);
        const out: { text: string; size: number; color: string; bg: string }[] = [];
        for (const el of document.body.querySelectorAll('*')) {
          const own = [...el.childNodes].some((n) => n.nodeType === 3 && (n.nodeValue ?? '').trim() !== '');
          if (!own) continue;
          const style = getComputedStyle(el);
          let bg = 'rgba(0, 0, 0, 0)';
          for (let e: Element | null = el; e; e = e.parentElement) {
            const b = getComputedStyle(e).backgroundColor;
            if (!/rgba\(0, 0, 0, 0\)|transparent/.test(b)) {
              bg = b;
              break;
            }
          }
          out.push({ text: (el.textContent ?? '').trim().slice(0, 20), size: parseFloat(style.fontSize) / root, color: style.color, bg });
        }
        return out;
      });
      await page.close();
      for (const t of found) {
        // No background set anywhere: the reading system's page, white or (dark theme) black; a text colour of our own would have to read on both.
        const backs = /rgba\(0, 0, 0, 0\)/.test(t.bg) ? ['rgb(255, 255, 255)', ...(t.color === 'rgb(0, 0, 0)' ? [] : ['rgb(0, 0, 0)'])] : [t.bg];
        for (const b of backs) if (contrast(t.color, b) < 4.5) low.push(`${name}: ${t.text} ${t.color} on ${b}`);
        if (t.size < 0.9 - 1e-6) small.push(`${name}: ${t.text} at ${t.size.toFixed(2)} em`);
      }
    }
    expect(low).toEqual([]);
    expect(small).toEqual([]);
  });

  it('gives the superscript references targets WCAG 2.5.8 accepts (24 px, or spaced 24 px apart)', async () => {
    const page = await openDoc(locale, 'conversation.xhtml');
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll('a')].map((a) => {
        const r = a.getBoundingClientRect();
        return { ref: a.classList.contains('tl-ref'), x: r.x, y: r.y, w: r.width, h: r.height };
      }),
    );
    await page.close();
    const refs = boxes.filter((b) => b.ref);
    expect(refs.length).toBeGreaterThan(20);
    const centre = (b: (typeof boxes)[number]) => [b.x + b.w / 2, b.y + b.h / 2] as const;
    const bad: string[] = [];
    refs.forEach((r, i) => {
      if (r.w >= 24 && r.h >= 24) return;
      const [cx, cy] = centre(r);
      boxes.forEach((o, j) => {
        if (i === j || o === r) return;
        // The circle (radius 12) around r must meet no other target, nor the circle around another small one.
        const nx = Math.max(o.x, Math.min(cx, o.x + o.w));
        const ny = Math.max(o.y, Math.min(cy, o.y + o.h));
        const [ox, oy] = centre(o);
        const small = o.w < 24 || o.h < 24;
        if (Math.hypot(cx - nx, cy - ny) < 12 || (small && Math.hypot(cx - ox, cy - oy) < 24)) bad.push(`ref ${i} (${r.w.toFixed(1)}×${r.h.toFixed(1)}) meets target ${j}`);
      });
    });
    expect(bad).toEqual([]);
  });

  it('tells the speakers apart by the name itself, never by a box, a fill or a colour', async () => {
    const page = await openDoc(locale, 'conversation.xhtml');
    const labels = await page.evaluate(() =>
      [...document.querySelectorAll('.speaker')].map((b) => {
        const s = getComputedStyle(b);
        return { text: b.textContent ?? '', border: s.borderTopStyle, bg: s.backgroundColor, color: s.color, size: s.fontSize, parent: getComputedStyle(b.parentElement!).fontSize };
      }),
    );
    await page.close();
    expect(labels.length).toBeGreaterThan(20);
    for (const l of labels) {
      expect(l.text).toMatch(/^〔?[^〔〕：]+〕?：$/);
      expect([l.border, l.bg, l.color, l.size]).toEqual(['none', 'rgba(0, 0, 0, 0)', 'rgb(0, 0, 0)', l.parent]);
    }
  });

  it('has one 凡例 in the front matter, which names every mark', async () => {
    const text = xhtmlText(readFileSync(join(unpacked.get(locale)!, 'conventions.xhtml'), 'utf8'));
    // Every mark of the one table of marks, with its meaning.
    for (const k of markKinds) expect(text, k).toContain(`${strings[edition(locale).labels].marks[k].sign}　${strings[edition(locale).labels].marks[k].meaning.slice(0, 8)}`);
    const opf = readFileSync(join(unpacked.get(locale)!, 'content.opf'), 'utf8');
    const spine = [...opf.matchAll(/<itemref idref="doc-([^"]+)"/g)].map((m) => m[1]);
    expect(spine.indexOf('conventions')).toBeLessThan(spine.indexOf(books.get(locale)!.parts[0]!.id));
  });
});
