// The booklet for home printing: the print interior's pages two-up on
// landscape sheets in saddle-stitch order, so that printing both sides
// (flipping on the short edge), folding the stack once and stapling it gives
// the book in order. A5 pages go on A4, half-letter pages on Letter; other
// sizes are scaled to fit half a sheet of the paper they are cut from. The
// same book block as the reading PDF and the press interior, placed with
// pdf-lib's embedPage.
import { PDFDocument, PDFName, type PDFEmbeddedPage, type PDFPage } from 'pdf-lib';
import type { Book } from '../model/book.js';
import type { Edition } from '../model/edition.js';
import type { PageSize } from '../render/print-document.js';
import { readBookBlock } from './pdf/book-block.js';
import { mm } from './pdf/marks.js';
import { finishPdf } from './pdf/postprocess.js';
import { interiorPageCount, type PrintJob } from './press.js';

/** The sheet a booklet of this page size is printed on, landscape (width × height, pt). */
export const bookletSheets: Record<PageSize, { name: string; width: number; height: number }> = {
  A5: { name: 'A4', width: 297 * mm, height: 210 * mm },
  A4: { name: 'A4', width: 297 * mm, height: 210 * mm },
  HalfLetter: { name: 'Letter', width: 11 * 72, height: 8.5 * 72 },
  Letter: { name: 'Letter', width: 11 * 72, height: 8.5 * 72 },
};

/** One side of a sheet: the interior pages (1-based) on its left and right halves. */
export interface SheetSide {
  left: number;
  right: number;
}

/**
 * Saddle-stitch order for `pages` (a multiple of 4): sheet k's outer side
 * holds the last unplaced page and the first, its inner side the second and
 * the second-to-last. In a right-to-left book the halves change places.
 */
export function imposeSaddleStitch(pages: number, progression: Edition['pageProgression']): SheetSide[] {
  if (pages % 4 !== 0) throw new Error(`a saddle-stitched booklet needs a multiple of 4 pages, not ${pages}`);
  const sides: SheetSide[] = [];
  for (let k = 0; k < pages / 4; k++) {
    const outer = { left: pages - 2 * k, right: 2 * k + 1 };
    const inner = { left: 2 * k + 2, right: pages - 2 * k - 1 };
    for (const side of [outer, inner]) sides.push(progression === 'ltr' ? side : { left: side.right, right: side.left });
  }
  return sides;
}

export interface BookletResult {
  data: Buffer;
  /** Sheet sides (PDF pages): twice the sheets. */
  pages: number;
  sheets: number;
  sheet: string;
}

export async function renderBooklet(book: Book, edition: Edition, readingPdf: Uint8Array, job: PrintJob): Promise<BookletResult> {
  const block = await readBookBlock(readingPdf);
  const count = interiorPageCount(block.pages.length, job.settings);
  const sides = imposeSaddleStitch(count, edition.pageProgression);
  const sheet = bookletSheets[job.pageSize];
  const out = await PDFDocument.create({ updateMetadata: false });
  const printed = block.pages.filter((p: PDFPage) => p.node.get(PDFName.of('Contents')) !== undefined);
  const embedded = await out.embedPages(printed);
  const pageOf = (n: number): PDFEmbeddedPage | undefined => {
    const source = block.pages[n - 1];
    const at = source ? printed.indexOf(source) : -1;
    return at >= 0 ? embedded[at] : undefined;
  };
  const { width, height } = block.pages[0]!.getSize();
  const half = sheet.width / 2;
  // Pages as large as half a sheet takes them (A5 on A4: full size), their spine edges meeting at the fold.
  const scale = Math.min(1, half / width, sheet.height / height);
  const [w, h] = [width * scale, height * scale];
  const y = (sheet.height - h) / 2;
  for (const side of sides) {
    const page = out.addPage([sheet.width, sheet.height]);
    const left = pageOf(side.left);
    const right = pageOf(side.right);
    if (left) page.drawPage(left, { x: half - w, y, xScale: scale, yScale: scale });
    if (right) page.drawPage(right, { x: half, y, xScale: scale, yScale: scale });
  }
  const data = await finishPdf(out, book, edition, job.date, job.identifier, { tools: 'Chromium, pdf-lib' });
  return { data, pages: sides.length, sheets: sides.length / 2, sheet: sheet.name };
}
