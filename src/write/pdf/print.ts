// Printing one edition with Chromium: the page and its fonts staged in a
// private folder, loaded with every other request blocked, paginated by
// measuring (./paginate.ts), printed, and checked against the PDF itself:
// its named destinations (Chromium writes one for every linked id) must fall
// on the pages the book prints. If they do not, the numbers are planned
// again from the PDF and it is printed again (at most three printings).
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import type { Browser, Page } from 'puppeteer';
import { fallbackCharacters } from '../../check-glyphs.js';
import { BookError } from '../../errors.js';
import { readStyle, readTemplate } from '../../io/assets.js';
import { openPage } from '../../io/browser.js';
import { fallbackFontCss, planFonts, type FontFile } from '../../io/fonts.js';
import { makeTempFolder } from '../../io/temp.js';
import { kaiText } from '../../render/blocks.js';
import type { Book } from '../../model/book.js';
import type { Edition } from '../../model/edition.js';
import { editionStyleSheets } from '../../render/styles.js';
import { renderPrintDocument, type PageSize, type PrintDocument, type PrintLayout } from '../../render/print-document.js';
import { fixJustification, type JustifyReport } from './justify.js';
import { chapterIdsOf, inPageMode, mapPages, matches, measurePage, planPages, setMeasuring, updatePage, type Measure, type PageInfo } from './paginate.js';
import { readDestinations } from './postprocess.js';

export type Log = (line: string) => void;

/** Plans from the on-screen measure, and printings, before giving up. */
const maxPlans = 3;
const maxPrints = 3;
export const printTimeout = 300_000;

export interface PrintOptions {
  date: Date;
  pageSize: PageSize;
  /** The edition's stable identifier (urn:uuid:…), for the colophon. */
  identifier: string;
  /** Keep the final page (index.html, style.css, fonts/) in <keep>/<edition id>/ (bench, debugging). */
  keep?: string;
}

export interface Printed {
  /** The printed PDF, parsed, for post-processing. */
  pdf: PDFDocument;
  /** The document as finally printed. */
  doc: PrintDocument;
  /** The measure of the page as printed (where pages nothing links to fall). */
  measured: Measure;
  /** What every printed page is (for the running heads and folios). */
  pageMap: PageInfo[];
  /** The fonts the page was set in (subset to its text). */
  fonts: FontFile[];
  prints: number;
  /** Requests the page tried to make outside its own folder (blocked; expected 0). */
  blockedRequests: number;
  /** Seconds spent in each stage (for the bench). */
  timings: Record<string, number>;
  /** Loose lines and 孤字 before and after the justification pass. */
  justification: JustifyReport;
}

/** Print one edition in `browser` (which may still be starting). */
export async function printEdition(browser: Browser | Promise<Browser>, book: Book, edition: Edition, opts: PrintOptions, log: Log): Promise<Printed> {
  // The tab opens as soon as the browser is up, while the page and its fonts
  // are made; the page starts loading before the fonts are done (its font
  // requests wait for them). Awaited later: a failure must not go unhandled meanwhile.
  const opening = Promise.resolve(browser).then(openPage);
  opening.catch(() => undefined);
  const timings: Record<string, number> = {};
  let lap = performance.now();
  const mark = (name: string) => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + (now - lap) / 1000;
    lap = now;
  };
  const [sheets, template] = await Promise.all([Promise.all(editionStyleSheets(edition, 'print').map(readStyle)), readTemplate('print.html.ejs')]);
  const printEdition = { edition, buildDate: opts.date.toISOString().slice(0, 10), identifier: opts.identifier, pageSize: opts.pageSize, fallbackChars: await fallbackCharacters(book, edition) };
  const render = (layout: PrintLayout) => renderPrintDocument(book, printEdition, layout, template);
  let layout: PrintLayout = { blankBefore: new Set(), pageOf: () => undefined };
  let doc = render(layout);
  const chapters = chapterIdsOf(doc);
  const staged = await makeTempFolder('pdf-');
  const dir = staged.path;
  let page: Page | undefined;
  try {
    const planned = await planFonts(edition.fonts, doc.text, { kai: kaiText(book) });
    await mkdir(join(dir, 'fonts'));
    const fontFiles = new Map(planned.map((f) => [join(dir, 'fonts', f.filename), f.data.then((data) => writeFile(join(dir, 'fonts', f.filename), data))]));
    for (const written of fontFiles.values()) written.catch(() => undefined);
    await Promise.all([writeFile(join(dir, 'style.css'), [...sheets, doc.pageCss, fallbackFontCss(planned)].join('\n')), writeFile(join(dir, 'index.html'), inPageMode(doc.html, 'justifying'))]);
    mark('stage');
    page = await opening;
    mark('open');
    const blocked = await blockNetwork(page, dir, (file) => fontFiles.get(file));
    await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
    // A face that could not be made fails here with its own error, not as a font the page could not load.
    await Promise.all(fontFiles.values());
    const fonts: FontFile[] = await Promise.all(planned.map(async (f) => ({ ...f, data: await f.data })));
    await fontsReady(page);
    mark('load');

    // Justify: find the few paragraphs whose lines would spread, or end in
    // a 孤字, and track them a little (./justify.ts). Then measure, plan
    // blank pages and page numbers, update the page, measure again until it
    // holds; then back to the plain page, which is what prints.
    const justified = await fixJustification(page, 'measuring');
    layout = { ...layout, tracking: justified.tracking };
    log(`pdf ${edition.id}: justification: ${justified.before.loose} loose lines and ${justified.before.orphans} 孤字 before, ${justified.after.loose} and ${justified.after.orphans} after (${justified.tracking.size} paragraphs tracked)`);
    mark('justify');
    let measured = await measurePage(page);
    for (let i = 0; i < maxPlans; i++) {
      layout = { ...planPages(chapters, measured.dests, layout.blankBefore, measured.pages), tracking: justified.tracking };
      doc = render(layout);
      await updatePage(page, doc, layout, chapters);
      measured = await measurePage(page, doc.front.map((f) => f.id));
      if (matches(measured.dests, layout)) break;
    }
    await setMeasuring(page, false);
    mark('measure');

    // Print, and check with the PDF itself.
    let prints = 0;
    /** Whether `measured` is of the page as it now is (and agrees with the plan). */
    let current = matches(measured.dests, layout);
    let pdf: PDFDocument;
    for (;;) {
      const bytes = await printPage(page);
      prints++;
      mark('print');
      pdf = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: Infinity });
      const dests = readDestinations(pdf);
      mark('parse');
      if (matches(dests, layout)) break;
      if (prints >= maxPrints) {
        throw new BookError('check', `the page numbers of the ${edition.id} PDF did not settle after ${prints} printings.`, 'report this with the manuscript; a page that reflows each time its numbers change cannot be numbered.');
      }
      const moved = [...dests].filter(([id, n]) => layout.pageOf(id) !== n).slice(0, 3).map(([id, n]) => `${id} ${layout.pageOf(id)}→${n}`);
      log(`pdf ${edition.id}: printed pages differ from the measured ones (${moved.join(', ')}); printing again`);
      layout = { ...planPages(chapters, dests, layout.blankBefore, pdf.getPageCount()), tracking: justified.tracking };
      doc = render(layout);
      await updatePage(page, doc, layout, chapters);
      current = false;
      mark('render');
    }
    // The page map comes from the measure of the page as printed: one more
    // measure only if it was printed again after the last one. It must agree
    // with the PDF, or the furniture would go on the wrong pages.
    if (!current) {
      await setMeasuring(page, true);
      measured = await measurePage(page, doc.front.map((f) => f.id));
      await setMeasuring(page, false);
      mark('measure');
    }
    if (measured.pages !== pdf.getPageCount() || !matches(measured.dests, layout)) {
      throw new BookError('check', `the measured pages of the ${edition.id} PDF (${measured.pages}) are not the printed ones (${pdf.getPageCount()}).`, 'report this with the manuscript; the running heads and folios cannot be placed.');
    }
    const pageMap = mapPages(measured.blocks, measured.pages);
    // What was printed, for a check that it is exactly the final HTML (test/pdf.test.ts).
    const printedDom = opts.keep ? await page.evaluate(() => document.documentElement.outerHTML) : '';
    // Done with Chromium's copy: free it before pdf-lib writes ours.
    await page.close();
    if (opts.keep) await keepPage(opts.keep, edition.id, dir, doc, printedDom);
    return { pdf, doc, measured, pageMap, fonts, prints, blockedRequests: blocked.count, timings, justification: justified };
  } finally {
    if (page && !page.isClosed()) await page.close().catch(() => undefined);
    // A tab that opened after a failure elsewhere.
    if (!page) await opening.then((p) => p.close()).catch(() => undefined);
    await staged.remove();
  }
}

async function printPage(page: Page): Promise<Uint8Array> {
  try {
    return await page.pdf({
      preferCSSPageSize: true,
      printBackground: true,
      // A tagged (structured) PDF; the outline is ours (postprocess.ts).
      outline: false,
      tagged: true,
      // About 5 s for 1,000 pages here; a printing that takes minutes is stuck.
      timeout: printTimeout,
    });
  } catch (e) {
    // Puppeteer's own timeout (ours, or the protocol's) is a limit of the machine, said in one line (write/pdf/limits.ts).
    if (e instanceof Error && (e.name === 'TimeoutError' || /timed out/i.test(e.message))) {
      throw new BookError('input', `Chromium's printing timed out (${e.message.split('\n')[0]!.slice(0, 120)}).`, 'the book is too long to print on this machine: build --formats json,epub, or split it (README, "Limits").');
    }
    throw e;
  }
}

/**
 * Let the page load only its own files: every other request (network, other
 * files) is blocked and counted. A file for which `hold` gives a promise (a
 * font still being made) is served once it settles. Exported for the tests.
 */
export async function blockNetwork(page: Page, stage: string, hold: (file: string) => Promise<unknown> | undefined = () => undefined): Promise<{ count: number; urls: string[] }> {
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
    const url = request.url();
    if (inside(url)) {
      const waiting = url.startsWith('file:') ? hold(fileURLToPath(url)) : undefined;
      if (waiting) waiting.then(() => request.continue(), () => request.abort('failed')).catch(() => undefined);
      else void request.continue();
    } else {
      blocked.count++;
      blocked.urls.push(url);
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

async function keepPage(keep: string, editionId: string, dir: string, doc: PrintDocument, printedDom: string): Promise<void> {
  const to = join(keep, editionId);
  await rm(to, { recursive: true, force: true });
  await cp(dir, to, { recursive: true });
  await Promise.all([writeFile(join(to, 'index.html'), doc.html), writeFile(join(to, 'printed-dom.html'), printedDom)]);
}
