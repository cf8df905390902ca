// The EPUB editions: valid (epubcheck), complete, reproducible, well described.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fontCodePoints } from '../src/io/font-chunks.js';
import { loadBook } from '../src/load-book.js';
import { isVertical } from '../src/model/edition.js';
import { uprightDigits } from '../src/render/upright.js';
import { allParagraphs, inlineText } from '../src/model/text.js';
import { convertBook } from '../src/transforms/convert-script.js';
import { edition } from './helpers/editions.js';
import { epubcheckBatched } from './helpers/epubcheck.js';
import { bookBuild } from './helpers/shared-build.js';
import { openEpub, xhtmlText, type EpubFiles } from './helpers/epub.js';
import { bookDir } from './helpers/paths.js';

// Edition ids: the vertical edition is zh-Hant set vertically.
const locales = ['zh-Hant', 'zh-Hans', 'zh-Hant-vertical'];
type Locale = string;
// This book's shared builds (bookBuild): the first, and a second of the same input for reproducibility.
const first = bookBuild(1);
const second = bookBuild(2);
const out = first.dir;
const again = second.dir;
const fileOf = (dir: string, l: Locale) => join(dir, `siggraph-2024-huang-zuckerberg.${l}.epub`);
const epubs = new Map<Locale, EpubFiles>();
const book = await loadBook(bookDir);

beforeAll(async () => {
  expect(first.status, first.stderr).toBe(0);
  // As a user runs it (the first build is --verbose): nothing on stderr.
  expect(second.stderr).toBe('');
  expect(second.status).toBe(0);
  for (const l of locales) epubs.set(l, await openEpub(fileOf(out, l)));
});

const spine = async (e: EpubFiles): Promise<string[]> => {
  const opf = await e.text('OEBPS/content.opf');
  const hrefs = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  return [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((m) => hrefs.get(m[1]!)!);
};

const epubcheck = epubcheckBatched(locales.map((l) => fileOf(out, l)));

describe.each(locales)('the %s EPUB', (locale) => {
  const e = () => epubs.get(locale)!;

  it('passes epubcheck with 0 errors and 0 warnings', () => {
    const r = epubcheck(fileOf(out, locale));
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  }, 60_000);

  it('is byte-identical when built twice', () => {
    const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
    expect(sha(fileOf(again, locale))).toBe(sha(fileOf(out, locale)));
  });

  it('names every face it embeds in its colophon: the fallback faces with exactly the characters they set, or none', async () => {
    const colophon = xhtmlText(await e().text('OEBPS/colophon.xhtml'));
    const fallbacks = e().names.filter((n) => n.endsWith('-fallback.ttf'));
    const { serif, sans } = edition(locale).fonts.fallback!.families;
    if (fallbacks.length === 0) {
      expect(colophon).not.toContain(serif);
      return;
    }
    expect(colophon).toContain(`（${serif}、${sans}）`);
    const named = [...(/未收的((?:「.」)+)借自/.exec(colophon)?.[1] ?? '').matchAll(/「(.)」/gu)].map((m) => m[1]!.codePointAt(0)!);
    const supplied = new Set<number>();
    for (const f of fallbacks) for (const cp of fontCodePoints(await e().bytes(f))) supplied.add(cp);
    expect(named.length).toBeGreaterThan(0);
    expect([...supplied].sort()).toEqual([...new Set(named)].sort());
  });

  it('is at most 2 MB with its fonts, which are TrueType subsets', async () => {
    expect(statSync(fileOf(out, locale)).size).toBeLessThanOrEqual(2 * 1024 * 1024);
    const fonts = e().names.filter((n) => n.startsWith('OEBPS/fonts/'));
    // The four faces (the Kai of the host's questions too), and for what they lack (爲 in the zh-Hant notes) a fallback subset of each.
    expect(fonts.filter((f) => !f.endsWith('-fallback.ttf')).sort()).toEqual(['OEBPS/fonts/kai.ttf', 'OEBPS/fonts/sans-bold.ttf', 'OEBPS/fonts/sans.ttf', 'OEBPS/fonts/serif.ttf']);
    for (const f of fonts.filter((n) => n.endsWith('-fallback.ttf'))) expect(await e().size(f)).toBeLessThan(64 * 1024);
    for (const f of fonts) expect(await e().size(f)).toBeLessThan(1024 * 1024);
  });

  it('contains every manuscript paragraph exactly once, in spine order', async () => {
    const converted = convertBook(book, edition(locale));
    const docs = await spine(e());
    const texts = await Promise.all(docs.map((d) => e().text(`OEBPS/${d}`).then(xhtmlText)));
    // The parts' documents only: the apparatus may quote a short paragraph whole (「以下爲訪談實錄：」).
    const parts = new Set(converted.parts.map((p) => `${p.id}.xhtml`));
    const body = texts.filter((_, i) => parts.has(docs[i]!)).join('\n');
    const missing: string[] = [];
    const doubled: string[] = [];
    for (const { paragraph } of allParagraphs(converted)) {
      const text = inlineText(paragraph.content);
      const n = body.split(text).length - 1;
      if (n === 0) missing.push(paragraph.id);
      if (n > 1) doubled.push(paragraph.id);
    }
    expect(missing).toEqual([]);
    expect(doubled).toEqual([]);
    // And the parts come in the book's order.
    const at = converted.parts.map((p) => docs.indexOf(`${p.id}.xhtml`));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('has the reading order cover, title page, contents, 凡例, parts, timeline, notes, colophon — as in the TOC', async () => {
    const docs = await spine(e());
    expect(docs).toEqual(['cover.xhtml', 'titlepage.xhtml', 'toc.xhtml', 'conventions.xhtml', ...book.parts.map((p) => `${p.id}.xhtml`), 'timeline.xhtml', 'editorial-notes.xhtml', 'colophon.xhtml']);
    const nav = await e().text('OEBPS/toc.xhtml');
    const tocFiles = [...nav.slice(nav.indexOf('<nav'), nav.indexOf('landmarks')).matchAll(/href="([^"#]+)/g)].map((m) => m[1]!);
    const order = [...new Set(tocFiles)];
    expect(order).toEqual(docs.slice(3));
    expect(nav).toMatch(/<li><a href="conversation.xhtml">.*<ol><li><a href="conversation.xhtml#future-of-ai-products">/s);
    const ncx = await e().text('OEBPS/toc.ncx');
    const ncxFiles = [...new Set([...ncx.matchAll(/<content src="([^"#]+)/g)].map((m) => m[1]!))];
    expect(ncxFiles).toEqual(order);
    expect(nav).toMatch(/epub:type="landmarks"/);
  });

  it('declares its language everywhere, and every document is XML with no scripts or remote resources', async () => {
    const opf = await e().text('OEBPS/content.opf');
    const lang = edition(locale).locale;
    expect(opf).toContain(`xml:lang="${lang}"`);
    expect(opf).toContain(`<dc:language>${lang}</dc:language>`);
    for (const name of e().names.filter((n) => n.endsWith('.xhtml'))) {
      const doc = await e().text(name);
      expect(doc.startsWith('<?xml version="1.0" encoding="UTF-8"?>'), name).toBe(true);
      expect(doc, name).toContain(`lang="${lang}" xml:lang="${lang}"`);
      expect(doc, name).not.toMatch(/<script|\s(?:src|href)="https?:/);
    }
  });

  it('has stable identity, dates from SOURCE_DATE_EPOCH, contributors and accessibility metadata', async () => {
    const opf = await e().text('OEBPS/content.opf');
    expect(opf).toMatch(/<dc:identifier id="book-id">urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/);
    expect(opf).toContain('<meta property="dcterms:modified">2024-07-30T00:00:00Z</meta>');
    // Authors (aut) as well as interviewer and interviewee: calibre and Send to Kindle show no author without aut.
    expect(opf).toMatch(/<dc:creator id="creator-0">[^<]+<\/dc:creator>\s*<meta refines="#creator-0" property="role" scheme="marc:relators">aut<\/meta>\s*<meta refines="#creator-0" property="role" scheme="marc:relators">ivr<\/meta>/);
    expect(opf).toMatch(/<dc:creator id="creator-1">[^<]+<\/dc:creator>\s*<meta refines="#creator-1" property="role" scheme="marc:relators">aut<\/meta>\s*<meta refines="#creator-1" property="role" scheme="marc:relators">ive<\/meta>/);
    // One main title with its subtitle after 「——」 (no separate subtitle for calibre to join with an ASCII colon), and the bare title as the short one.
    const converted = convertBook(book, edition(locale)).meta;
    expect(opf).toContain(`<dc:title id="title">${converted.title}——${converted.subtitle}</dc:title>`);
    expect(opf).toContain(`<dc:title id="short-title">${converted.title}</dc:title>`);
    expect(opf).not.toContain('title-type">subtitle');
    expect(opf).toMatch(/<dc:source>倍可[親亲]/);
    for (const p of ['accessMode', 'accessModeSufficient', 'accessibilityFeature', 'accessibilityHazard', 'accessibilitySummary']) {
      expect(opf).toContain(`property="schema:${p}"`);
    }
    expect(opf).toContain('<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>');
    expect(opf).toMatch(/<item id="cover-image" href="cover.png" media-type="image\/png" properties="cover-image" \/>/);
    expect(await e().text('META-INF/com.apple.ibooks.display-options.xml')).toContain('<option name="specified-fonts">true</option>');
    const other = await openEpub(fileOf(out, locale === 'zh-Hant' ? 'zh-Hans' : 'zh-Hant'));
    // Each edition its own identity, the vertical one too.
    expect((await other.text('OEBPS/content.opf')).match(/urn:uuid:[^<]+/)![0]).not.toBe(opf.match(/urn:uuid:[^<]+/)![0]);
  });

  it('labels every turn with the speaker\'s name as text', async () => {
    const doc = await e().text('OEBPS/conversation.xhtml');
    // The name and its full-width colon, as text, in one bold run; the host's turns and the guests' told apart by a class for the typeface only.
    const turns = [...doc.matchAll(/<div id="conversation-t\d+" class="turn (host|guest) s\d speaker-(\w+)" role="group" aria-labelledby="([^"]+)"><p id="[^"]+" class="first"><b class="speaker" id="\3">(〔?)([^<〔〕：]+)(〕?)：<\/b>/g)];
    const turnBlocks = book.parts.flatMap((p) => p.blocks.filter((b) => b.type === 'turn'));
    expect(turns).toHaveLength(turnBlocks.length);
    const speakers = convertBook(book, edition(locale)).meta.speakers;
    expect(new Set(turns.map((t) => t[5]))).toEqual(new Set(speakers.map((s) => s.name)));
    turns.forEach((t, i) => {
      const b = turnBlocks[i]!;
      expect(t[1]).toBe(b.type === 'turn' && b.speaker === speakers[0]!.id ? 'host' : 'guest');
      // An editor-supplied name keeps its 〔〕, and only it.
      expect(`${t[4]}${t[6]}`).toBe(b.type === 'turn' && b.attributed ? '〔〕' : '');
    });
  });

  it('turns its pages right to left and sets its text vertically only if it is the vertical edition', async () => {
    const opf = await e().text('OEBPS/content.opf');
    const css = await e().text('OEBPS/style.css');
    const conversation = await e().text('OEBPS/conversation.xhtml');
    if (!isVertical(edition(locale))) {
      expect(opf).toContain('<spine toc="ncx">');
      expect(opf).not.toContain('primary-writing-mode');
      expect(css).not.toContain('writing-mode');
      expect(conversation).not.toContain('class="tcy"');
      return;
    }
    // Every reading system reads the spine's direction; Kindle the primary writing mode.
    expect(opf).toContain('<spine toc="ncx" page-progression-direction="rtl">');
    expect(opf).toContain('<meta name="primary-writing-mode" content="vertical-rl" />');
    // The root set vertically, with the prefixed forms older Readium, Apple and WebKit engines need.
    for (const p of ['-epub-writing-mode', '-webkit-writing-mode', 'writing-mode']) expect(css).toMatch(new RegExp(`html \\{[^}]*(?<![-\\w])${p}: vertical-rl`));
    expect(css).toMatch(/\.tcy \{[^}]*text-combine-upright: all/);
    // Every number of one or two digits in the text stands upright in a span of its own, and no longer one does.
    const spans = [...conversation.matchAll(/<span class="tcy">([^<]*)<\/span>/g)].map((m) => m[1]!);
    expect(spans.length).toBeGreaterThan(10);
    for (const n of spans) expect(n).toMatch(/^\d{1,2}$/);
    // Outside them, no such number is left (markup read as a break, as the render stage reads each text node alone).
    const rest = conversation.replace(/<span class="tcy">[^<]*<\/span>/g, ' ').replace(/<[^>]+>/g, ' ');
    expect(rest.match(uprightDigits)).toBeNull();
    expect(xhtmlText(conversation)).toContain('2018 年');
  });
});
