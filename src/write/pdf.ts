// Book (each edition) → a typeset PDF, printed by Chromium from the same HTML
// rendering as the EPUB, then finished with pdf-lib.
//
// Chromium cannot print the page number of another element (no
// target-counter()) nor begin a chapter on a right-hand page (break-before:
// right inserts no blank page). So, before printing, the loaded page is laid
// out on screen as columns the size of a page's text area (html.measuring in
// styles/print.css): Chromium breaks columns as it breaks pages, so the
// column of every linked element is its page. From that, blank pages and page
// numbers are planned, the page is updated in place (no reload: the fonts
// stay loaded) and measured again until it holds. Then it is printed once,
// and the PDF itself is checked: its named destinations (Chromium writes one
// for every linked id) must fall on the pages the book prints. If they do
// not, the numbers are planned again from the PDF and it is printed again
// (at most three printings). Measuring costs a fraction of a printing.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import { TimeoutError, type Browser, type Page } from 'puppeteer';
import { BookError } from '../errors.js';
import { readStyle, readTemplate } from '../io/assets.js';
import { browserError, firstLine, launchBrowser, type BrowserSession } from '../io/browser.js';
import { subsetFonts } from '../io/fonts.js';
import type { Book, Locale } from '../model/book.js';
import { bookDescription, bookKeywords } from '../model/text.js';
import type { TocEntry } from '../render/chapters.js';
import { renderPrintDocument, type PageSize, type PrintDocument, type PrintLayout } from '../render/print-document.js';

export type { PageSize } from '../render/print-document.js';

export interface PdfEdition {
  locale: Locale;
  book: Book;
}

export interface PdfOptions {
  /** The build's one date (as for the EPUB): creation and modification dates, colophon. */
  date: Date;
  pageSize: PageSize;
  /** The edition's stable identifier (urn:uuid:…), e.g. editionIdentifier(id, `${locale}.pdf`). */
  identifier: (locale: Locale) => string;
  /** Keep each edition's final page (index.html, style.css, fonts/) in <keep>/<locale>/ (bench, debugging). */
  keep?: string;
}

export interface PdfResult {
  locale: Locale;
  data: Buffer;
  pages: number;
  /** Requests the page tried to make outside its own folder (blocked; expected 0). */
  blockedRequests: number;
  /** Times the page was printed (1, unless the measured pages were not the printed ones). */
  prints: number;
  /** Seconds spent in each stage (for the bench). */
  timings: Record<string, number>;
}

export type Log = (line: string) => void;

/** Plans from the on-screen measure, and printings, before giving up. */
const maxPlans = 3;
const maxPrints = 3;
const printTimeout = 300_000;

interface Shared {
  base: string;
  print: string;
  template: string;
}

/** An edition rendered for its first printing, its files written into a private folder. */
interface Staged {
  edition: PdfEdition;
  dir: string;
  doc: PrintDocument;
  render: (layout: PrintLayout) => PrintDocument;
  identifier: string;
  t0: number;
  stageSeconds: number;
}

/** Every edition, in one browser. */
export async function renderPdfs(editions: PdfEdition[], opts: PdfOptions, log: Log = () => {}): Promise<PdfResult[]> {
  if (editions.length === 0) return [];
  const [base, print, template] = await Promise.all([readStyle('base.css'), readStyle('print.css'), readTemplate('print.html.ejs')]);
  const shared = { base, print, template };
  const staged: Staged[] = [];
  let session: BrowserSession | undefined;
  try {
    // The first edition is rendered and its fonts subset while Chromium starts.
    const [launched, first] = await Promise.allSettled([launchBrowser(), stageEdition(editions[0]!, opts, shared)]);
    if (first.status === 'fulfilled') staged.push(first.value);
    if (launched.status === 'fulfilled') session = launched.value;
    else throw launched.reason;
    if (first.status === 'rejected') throw first.reason;
    const results: PdfResult[] = [];
    for (let i = 0; i < editions.length; i++) {
      const s = staged[i] ?? (staged[i] = await stageEdition(editions[i]!, opts, shared));
      results.push(await printEdition(session.browser, s, opts, log));
      await rm(s.dir, { recursive: true, force: true });
    }
    return results;
  } catch (e) {
    if (e instanceof BookError || session === undefined) throw e;
    if (e instanceof TimeoutError) {
      throw browserError(`Chromium did not finish printing the PDF in ${printTimeout / 60_000} minutes (${firstLine(e)}).`, 'run again; if it keeps failing, reinstall it (`apt-get install -y chromium`) or set CHROME_PATH to another Chromium or Chrome.');
    }
    // Puppeteer's errors when Chromium dies under us.
    if (!session.browser.connected || /Target closed|Session closed|Connection closed|crash/i.test(String(e))) {
      throw browserError(`Chromium stopped while printing the PDF (${firstLine(e)}).`, 'run again; if it keeps failing, check the free memory, reinstall it (`apt-get install -y chromium`) or set CHROME_PATH to another Chromium or Chrome.');
    }
    throw e;
  } finally {
    await Promise.all(staged.map((s) => rm(s.dir, { recursive: true, force: true })));
    await session?.close().catch(() => undefined);
  }
}

async function stageEdition(edition: PdfEdition, opts: PdfOptions, shared: Shared): Promise<Staged> {
  const t0 = performance.now();
  const { book, locale } = edition;
  const identifier = opts.identifier(locale);
  const printEdition = { buildDate: opts.date.toISOString().slice(0, 10), identifier, pageSize: opts.pageSize };
  const render = (layout: PrintLayout) => renderPrintDocument(book, printEdition, layout, shared.template);
  const doc = render({ blankBefore: new Set(), pageOf: () => undefined });
  const dir = await mkdtemp(join(tmpdir(), 'pdf-'));
  try {
    const fonts = await subsetFonts(locale, doc.text);
    await mkdir(join(dir, 'fonts'));
    await Promise.all([
      ...fonts.map((f) => writeFile(join(dir, 'fonts', f.filename), f.data)),
      writeFile(join(dir, 'style.css'), [shared.base, shared.print, doc.pageCss].join('\n')),
      writeFile(join(dir, 'index.html'), doc.html),
    ]);
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return { edition, dir, doc, render, identifier, t0, stageSeconds: (performance.now() - t0) / 1000 };
}

async function printEdition(browser: Browser, staged: Staged, opts: PdfOptions, log: Log): Promise<PdfResult> {
  const { edition, dir, render } = staged;
  const { book, locale } = edition;
  const timings: Record<string, number> = { stage: staged.stageSeconds };
  let lap = performance.now();
  const mark = (name: string) => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + (now - lap) / 1000;
    lap = now;
  };
  let doc = staged.doc;
  const chapters = chapterIdsOf(doc);
  let layout: PrintLayout = { blankBefore: new Set(), pageOf: () => undefined };
  const page = await browser.newPage();
  try {
    mark('open');
    const blocked = await blockNetwork(page, dir);
    await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
    await fontsReady(page);
    mark('load');

    // Before printing: with html.measuring the screen lays the page out as
    // columns the size of a page's text area, which Chromium breaks exactly
    // as it breaks pages (styles/print.css). Read where everything falls,
    // plan blank pages and page numbers, update the page, measure again
    // until it holds; then back to the plain page, which is what prints.
    await setMeasuring(page, true);
    let measured = await measurePage(page);
    for (let i = 0; i < maxPlans; i++) {
      layout = planPages(chapters, measured.dests, layout.blankBefore, measured.pages);
      doc = render(layout);
      await updatePage(page, doc, layout, chapters);
      measured = await measurePage(page, doc.front.map((f) => f.id));
      if (matches(measured.dests, layout)) break;
    }
    await setMeasuring(page, false);
    mark('measure');

    // Print, and check with the PDF itself: every named destination (one per
    // linked id) must be on the page the book says. If not, plan again from
    // the printed destinations and print again.
    let prints = 0;
    let parsed: PDFDocument;
    for (;;) {
      const pdf = await printPage(page);
      prints++;
      mark('print');
      parsed = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Infinity });
      const dests = readDestinations(parsed);
      mark('parse');
      if (matches(dests, layout)) break;
      if (prints >= maxPrints) {
        throw new BookError('check', `the page numbers of the ${locale} PDF did not settle after ${prints} printings.`, 'report this with the manuscript; a page that reflows each time its numbers change cannot be numbered.');
      }
      log(`pdf ${locale}: printed pages differ from the measured ones; printing again`);
      layout = planPages(chapters, dests, layout.blankBefore, parsed.getPageCount());
      doc = render(layout);
      await updatePage(page, doc, layout, chapters);
      mark('render');
    }
    // What was printed, for a check that it is exactly the final HTML (test/pdf.test.ts).
    const printedDom = opts.keep ? await page.evaluate(() => document.documentElement.outerHTML) : '';
    // Done with Chromium's copy: free it before pdf-lib writes ours.
    await page.close();
    if (opts.keep) await keepPage(opts.keep, locale, dir, doc, printedDom);
    // Pages nothing links to (cover, title page, contents), where the last measure put them.
    const front = doc.front.map((f): Bookmark => ({ title: f.title, target: { page: measured.at.get(f.id) ?? 1 }, children: [] }));
    const toBookmark = (e: TocEntry): Bookmark => ({ title: e.title, target: { id: e.id }, children: e.children.map(toBookmark) });
    writeOutline(parsed, [...front, ...doc.toc.map(toBookmark)]);
    const data = await finishPdf(parsed, book, opts.date, staged.identifier);
    mark('finish');
    const pages = parsed.getPageCount();
    log(`pdf ${locale}: ${pages} pages, ${prints === 1 ? '1 printing' : `${prints} printings`}, ${(data.length / 1024).toFixed(0)} KB, ${((performance.now() - staged.t0) / 1000).toFixed(2)} s`);
    return { locale, data, pages, blockedRequests: blocked.count, prints, timings };
  } finally {
    if (!page.isClosed()) await page.close().catch(() => undefined);
  }
}

/** Switch the measuring columns on or off, and lay the page out at once (printing then starts from a settled page). */
const setMeasuring = (page: Page, on: boolean) =>
  page.evaluate((measuring: boolean) => {
    document.documentElement.classList.toggle('measuring', measuring);
    if (!measuring && document.documentElement.classList.length === 0) document.documentElement.removeAttribute('class');
    return document.body.scrollWidth;
  }, on);

/**
 * Where every linked element falls, from the on-screen columns (one column =
 * one page, numbered from 1), and how many pages there are.
 */
async function measurePage(page: Page, also: string[] = []): Promise<{ dests: Map<string, number>; pages: number; at: Map<string, number> }> {
  // No named helpers inside evaluate: tsx would wrap them in a __name() the page does not have.
  const { dests, pages, at } = await page.evaluate((ids: string[]) => {
    const body = document.body.getBoundingClientRect();
    const column = body.width;
    const linked = [...document.querySelectorAll('a[href^="#"]')].map((a) => decodeURIComponent(a.getAttribute('href')!.slice(1)));
    const found: [string, number][][] = [[], []];
    [linked, ids].forEach((list, which) => {
      const seen = new Set<string>();
      for (const id of list) {
        const target = document.getElementById(id);
        if (seen.has(id) || !target) continue;
        seen.add(id);
        const box = target.getClientRects()[0] ?? target.getBoundingClientRect();
        found[which]!.push([id, Math.floor((box.left - body.left + 0.5) / column) + 1]);
      }
    });
    return { dests: found[0]!, pages: Math.round(document.body.scrollWidth / column), at: found[1]! };
  }, also);
  return { dests: new Map(dests), pages, at: new Map(at) };
}

const chapterIdsOf = (doc: PrintDocument): string[] => doc.toc.map((e) => e.id);

/**
 * Bring the loaded page up to the newly rendered document without reloading
 * it (the fonts stay loaded, and Chromium relays out only what changed): the
 * page numbers' texts and the blank pages before chapters. The
 * texts are the renderer's own; if the page does not have the same number of
 * page-number elements, the whole body is replaced instead.
 */
async function updatePage(page: Page, doc: PrintDocument, layout: PrintLayout, chapters: string[]): Promise<void> {
  const patched = await page.evaluate(
    (texts: string[], blanks: string[], chapterIds: string[]) => {
      const numbers = document.querySelectorAll('.toc-page, .page-ref');
      if (numbers.length !== texts.length) return false;
      numbers.forEach((el, i) => {
        if (el.textContent !== texts[i]) el.textContent = texts[i]!;
      });
      const chapterSet = new Set(chapterIds);
      for (const el of [...document.querySelectorAll('body > .blank-page')]) {
        const next = el.nextElementSibling;
        if (next && chapterSet.has(next.id) && !blanks.includes(next.id)) {
          if (el.nextSibling?.nodeType === Node.TEXT_NODE) el.nextSibling.remove();
          el.remove();
        }
      }
      for (const id of blanks) {
        const chapter = document.getElementById(id);
        if (!chapter) return false;
        if (chapter.previousElementSibling?.classList.contains('blank-page')) continue;
        const blank = document.createElement('div');
        blank.className = 'blank-page';
        blank.setAttribute('aria-hidden', 'true');
        // As the renderer joins the body's children: one line each.
        chapter.before(blank, '\n');
      }
      return true;
    },
    doc.pageNumbers,
    [...layout.blankBefore],
    chapters,
  );
  if (!patched) {
    await page.evaluate((html: string) => {
      document.body.innerHTML = html;
    }, doc.body);
  }
}

async function printPage(page: Page): Promise<Uint8Array> {
  return page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    // A tagged (structured) PDF; the outline is ours (writeOutline).
    outline: false,
    tagged: true,
    // About 5 s for 1,000 pages here; a printing that takes minutes is stuck.
    timeout: printTimeout,
  });
}

/** Let the page load only its own files: every other request (network, other files) is blocked and counted. Exported for the tests. */
export async function blockNetwork(page: Page, stage: string): Promise<{ count: number; urls: string[] }> {
  const blocked = { count: 0, urls: [] as string[] };
  const inside = (url: string) => {
    if (url.startsWith('data:')) return true;
    if (!url.startsWith('file:')) return false;
    try {
      return fileURLToPath(url).startsWith(stage + sep);
    } catch {
      return false;
    }
  };
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (inside(request.url())) {
      void request.continue();
    } else {
      blocked.count++;
      blocked.urls.push(request.url());
      void request.abort('blockedbyclient');
    }
  });
  return blocked;
}

async function fontsReady(page: Page): Promise<void> {
  const failed = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.status === 'error').map((f) => `${f.family} ${f.weight}`);
  });
  if (failed.length) throw new Error(`fonts failed to load in the print page: ${failed.join(', ')}`);
}

/** Named destination → its explicit destination array ([page /XYZ x y zoom]); Chromium writes one for every id that a link points to. */
export function destinationArrays(doc: PDFDocument): Map<string, PDFArray> {
  const out = new Map<string, PDFArray>();
  const add = (name: string, value: PDFObject | undefined) => {
    let target = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (target instanceof PDFDict) target = target.lookup(PDFName.of('D'));
    if (target instanceof PDFArray) out.set(name, target);
  };
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [key, value] of dests?.entries() ?? []) add(key.decodeText(), value);
  // A name tree (/Names /Dests), in case a later Chromium writes one.
  const walk = (node: PDFDict | undefined) => {
    if (!node) return;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key instanceof PDFString || key instanceof PDFHexString) add(key.decodeText(), names.get(i + 1));
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict));
  };
  walk(doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict));
  return out;
}

/** Named destination → 1-based page number. */
export function readDestinations(doc: PDFDocument): Map<string, number> {
  const pageNumber = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const out = new Map<string, number>();
  for (const [name, dest] of destinationArrays(doc)) {
    const ref = dest.get(0);
    const n = ref instanceof PDFRef ? pageNumber.get(ref.toString()) : undefined;
    if (n !== undefined) out.set(name, n);
  }
  return out;
}

export interface Bookmark {
  title: string;
  /** A named destination (an element id), or a page (1-based) for pages nothing links to. */
  target: { id: string } | { page: number };
  children: Bookmark[];
}

/**
 * The PDF outline, built here rather than by Chromium (page.pdf's outline
 * option): that one lists every h1–h6, and sets the text of a heading pushed
 * to the next page twice (「對談之中對談之中」). This one is the contents,
 * nested as printed, after the cover, title page and contents themselves.
 */
function writeOutline(doc: PDFDocument, marks: Bookmark[]): void {
  const context = doc.context;
  const dests = destinationArrays(doc);
  const pages = doc.getPages();
  const destOf = (m: Bookmark): PDFArray => {
    if ('id' in m.target) {
      const dest = dests.get(m.target.id);
      if (!dest) throw new Error(`no destination for the bookmark 「${m.title}」 (#${m.target.id})`);
      return dest;
    }
    const page = pages[m.target.page - 1];
    if (!page) throw new Error(`no page ${m.target.page} for the bookmark 「${m.title}」`);
    return context.obj([page.ref, PDFName.of('Fit')]);
  };
  const rootRef = context.nextRef();
  const root = context.obj({ Type: 'Outlines' });
  /** Link `items` under `parent`; every level open. Returns how many items are visible below it. */
  const link = (parentRef: PDFRef, parent: PDFDict, items: Bookmark[]): number => {
    const refs = items.map(() => context.nextRef());
    let visible = 0;
    items.forEach((m, i) => {
      const item = context.obj({});
      item.set(PDFName.of('Title'), PDFHexString.fromText(m.title));
      item.set(PDFName.of('Parent'), parentRef);
      if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i + 1 < refs.length) item.set(PDFName.of('Next'), refs[i + 1]!);
      item.set(PDFName.of('Dest'), destOf(m));
      visible += 1 + (m.children.length ? link(refs[i]!, item, m.children) : 0);
      context.assign(refs[i]!, item);
    });
    if (refs.length) {
      parent.set(PDFName.of('First'), refs[0]!);
      parent.set(PDFName.of('Last'), refs[refs.length - 1]!);
      parent.set(PDFName.of('Count'), PDFNumber.of(visible));
    }
    return visible;
  };
  link(rootRef, root, marks);
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
}

/** Does the printed PDF have every destination where the page said it would be? */
function matches(dests: Map<string, number>, layout: PrintLayout): boolean {
  for (const [id, n] of dests) if (layout.pageOf(id) !== n) return false;
  return true;
}

/**
 * From a printing's destinations: which chapters need a blank page before
 * them so that each begins on a right-hand (odd) page, and where every
 * destination will then fall. A chapter always begins a new page and the
 * mirrored margins keep the measure, so a chapter's length in pages does not
 * depend on where it begins; only the contents (before the chapters) can
 * change length when its numbers change, and the next printing shows that.
 */
export function planPages(chapters: string[], dests: Map<string, number>, blanks: ReadonlySet<string>, pageCount: number): PrintLayout {
  const starts = chapters.map((id) => {
    const n = dests.get(id);
    if (n === undefined) throw new Error(`no destination for chapter 「${id}」 in the printed PDF (is it linked from the contents?)`);
    return n;
  });
  const blankBefore = new Set<string>();
  const shift: number[] = [];
  let next = starts[0]! - (blanks.has(chapters[0]!) ? 1 : 0);
  chapters.forEach((id, i) => {
    const end = i + 1 < chapters.length ? starts[i + 1]! - (blanks.has(chapters[i + 1]!) ? 1 : 0) : pageCount + 1;
    if (next % 2 === 0) {
      blankBefore.add(id);
      next++;
    }
    shift.push(next - starts[i]!);
    next += end - starts[i]!;
  });
  const pages = new Map<string, number>();
  for (const [id, n] of dests) {
    let i = -1;
    while (i + 1 < starts.length && starts[i + 1]! <= n) i++;
    pages.set(id, i < 0 ? n : n + shift[i]!);
  }
  return { blankBefore, pageOf: (id) => pages.get(id) };
}

async function keepPage(keep: string, locale: Locale, dir: string, doc: PrintDocument, printedDom: string): Promise<void> {
  const to = join(keep, locale);
  await rm(to, { recursive: true, force: true });
  await cp(dir, to, { recursive: true });
  await Promise.all([writeFile(join(to, 'index.html'), doc.html), writeFile(join(to, 'printed-dom.html'), printedDom)]);
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pdfDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The XMP packet: the same properties as the Info dictionary, for readers that look only here (PDF/UA asks for dc:title). */
export function renderXmp(p: { title: string; creators: string[]; subject: string; keywords: string[]; language: string; identifier: string; date: Date; creator: string; producer: string }): string {
  const li = (items: string[]) => items.map((i) => `<rdf:li>${xml(i)}</rdf:li>`).join('');
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(p.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq>${li(p.creators)}</rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(p.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:subject><rdf:Bag>${li(p.keywords)}</rdf:Bag></dc:subject>`,
    `<dc:language><rdf:Bag>${li([p.language])}</rdf:Bag></dc:language>`,
    `<dc:identifier>${xml(p.identifier)}</dc:identifier>`,
    `<xmp:CreateDate>${pdfDate(p.date)}</xmp:CreateDate><xmp:ModifyDate>${pdfDate(p.date)}</xmp:ModifyDate><xmp:MetadataDate>${pdfDate(p.date)}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${xml(p.creator)}</xmp:CreatorTool>`,
    `<pdf:Producer>${xml(p.producer)}</pdf:Producer><pdf:Keywords>${xml(p.keywords.join(' '))}</pdf:Keywords>`,
    `<xmpMM:DocumentID>${xml(p.identifier)}</xmpMM:DocumentID>`,
    '</rdf:Description></rdf:RDF></x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** Document properties (Info and XMP), /Lang, the outline shown on opening; the build date everywhere; a stable /ID. Saved deterministically. */
async function finishPdf(doc: PDFDocument, book: Book, date: Date, identifier: string): Promise<Buffer> {
  const m = book.meta;
  const props = {
    title: m.title,
    creators: m.speakers.map((s) => s.name),
    subject: bookDescription(m),
    keywords: bookKeywords(m),
    language: m.language,
    identifier,
    date,
    creator: 'Transcript Press',
    producer: 'Transcript Press (Chromium, pdf-lib)',
  };
  doc.setTitle(props.title, { showInWindowTitleBar: true });
  doc.setAuthor(props.creators.join('、'));
  doc.setSubject(props.subject);
  doc.setKeywords(props.keywords);
  doc.setCreator(props.creator);
  doc.setProducer(props.producer);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage(m.language);
  const xmp = doc.context.stream(new TextEncoder().encode(renderXmp(props)), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  // The file identifier: the same edition keeps its first half; the second changes with the build.
  const id = PDFArray.withContext(doc.context);
  id.push(PDFHexString.of(md5(identifier)));
  id.push(PDFHexString.of(md5(`${identifier}:${date.toISOString()}`)));
  doc.context.trailerInfo.ID = id;
  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  return Buffer.from(bytes);
}
