// Book (one edition) → the reading PDF: the book block printed by Chromium
// from the same HTML rendering as the EPUB (./print.ts, paginated by
// ./paginate.ts), its running heads and folios drawn from the page map
// (./furniture.ts), padded to whole sheets (./book-block.ts), the cover drawn
// in front of it without the browser (./cover-page.ts), then finished with
// pdf-lib (./postprocess.ts): outline, page labels, metadata.
import { TimeoutError } from 'puppeteer';
import { BookError } from '../../errors.js';
import { browserError, firstLine, type BrowserSession } from '../../io/browser.js';
import type { Book } from '../../model/book.js';
import type { Edition } from '../../model/edition.js';
import type { TocEntry } from '../../render/chapters.js';
import { strings } from '../../render/i18n.js';
import { coverPages, padPages } from './book-block.js';
import { drawCoverPages } from './cover-page.js';
import { drawFurniture, planFurniture } from './furniture.js';
import { finishPdf, writeOutline, writePageLabels, type Bookmark } from './postprocess.js';
import { printEdition, printTimeout, type Log, type PrintOptions } from './print.js';

export type { PageSize } from '../../render/print-document.js';
export { blockNetwork } from './print.js';
export { planPages } from './paginate.js';
export { readDestinations } from './postprocess.js';

export interface PdfResult {
  data: Buffer;
  pages: number;
  /** Requests the page tried to make outside its own folder (blocked; expected 0). */
  blockedRequests: number;
  /** Times the page was printed (1, unless the measured pages were not the printed ones). */
  prints: number;
  /** Seconds spent in each stage (for the bench). */
  timings: Record<string, number>;
  /** Loose lines and 孤字 before and after the justification pass (for the bench). */
  justification: { before: { loose: number; orphans: number }; after: { loose: number; orphans: number }; tracked: number };
}

/**
 * `session` may still be starting: the page's fonts are subset meanwhile.
 * `printed` is called once Chromium's part is done (the rest is pdf-lib's).
 */
export async function renderPdf(book: Book, edition: Edition, opts: PrintOptions, session: BrowserSession | Promise<BrowserSession>, log: Log = () => {}, printed: () => void = () => {}): Promise<PdfResult> {
  const t0 = performance.now();
  let chromiumDone = false;
  try {
    const print = await printEdition(Promise.resolve(session).then((s) => s.browser), book, edition, opts, log);
    chromiumDone = true;
    printed();
    const t1 = performance.now();
    let lap = t1;
    const timings: Record<string, number> = { ...print.timings };
    const mark = (name: string) => {
      const now = performance.now();
      timings[name] = (now - lap) / 1000;
      lap = now;
    };
    const { pdf, doc, measured } = print;
    const t = strings[edition.labels];
    const sans = print.fonts.find((f) => f.role === 'sans')!.data;
    await drawFurniture(pdf, planFurniture(print.pageMap, new Map(doc.chapters.map((c) => [c.id, c.title])), doc.bookHead), edition, opts.pageSize, sans);
    mark('furniture');
    // Whole sheets: every leaf has a back, and the press interior is this block.
    padPages(pdf, 4);
    await drawCoverPages(pdf, book, edition, print.fonts);
    mark('cover');
    // Pages nothing links to (cover, title page, contents): the cover first, the others where the measure put them.
    const front = [
      { title: t.cover, target: { page: 1 }, children: [] },
      ...doc.front.map((f): Bookmark => ({ title: f.title, target: { page: coverPages + (measured.at.get(f.id) ?? 1) }, children: [] })),
    ];
    const toBookmark = (e: TocEntry): Bookmark => ({ title: e.title, target: { id: e.id }, children: e.children.map(toBookmark) });
    writeOutline(pdf, [...front, ...doc.toc.map(toBookmark)]);
    // The viewer's page box shows the printed folio (from the title page on), and 封面 for the cover.
    writePageLabels(pdf, [
      { start: 0, prefix: t.cover },
      { start: 1, prefix: t.coverInside },
      { start: coverPages, first: 1 },
    ]);
    const data = await finishPdf(pdf, book, edition, opts.date, opts.identifier);
    mark('finish');
    const pages = pdf.getPageCount();
    log(`pdf ${edition.id}: ${pages} pages, ${print.prints === 1 ? '1 printing' : `${print.prints} printings`}, ${(data.length / 1024).toFixed(0)} KB, ${((performance.now() - t0) / 1000).toFixed(2)} s`);
    const j = print.justification;
    return { data, pages, blockedRequests: print.blockedRequests, prints: print.prints, timings, justification: { before: j.before, after: j.after, tracked: j.tracking.size } };
  } catch (e) {
    if (e instanceof BookError || chromiumDone) throw e;
    if (e instanceof TimeoutError) {
      throw browserError(`Chromium did not finish printing the PDF in ${printTimeout / 60_000} minutes (${firstLine(e)}).`, 'run again; if it keeps failing, reinstall it (`apt-get install -y chromium`) or set CHROME_PATH to another Chromium or Chrome.');
    }
    // Puppeteer's errors when Chromium dies under us.
    const browser = (await session).browser;
    if (!browser.connected || /Target closed|Session closed|Connection closed|crash/i.test(String(e))) {
      throw browserError(`Chromium stopped while printing the PDF (${firstLine(e)}).`, 'run again; if it keeps failing, check the free memory, reinstall it (`apt-get install -y chromium`) or set CHROME_PATH to another Chromium or Chrome.');
    }
    throw e;
  }
}
