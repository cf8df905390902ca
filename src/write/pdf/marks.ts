// What a printer needs around a page: the bleed (artwork running past the
// trim, so that a cut a hair off leaves no white edge), crop marks outside it
// where the sheet is to be cut, fold marks where a cover folds round the
// spine, and the page boxes that say all this to prepress software (TrimBox:
// the finished page; BleedBox: the trim plus the bleed; the MediaBox around
// both, with room for the marks). Marks are hairlines in black ink (K), the
// one ink these books print with.
import { PDFName, grayscale, type PDFPage } from 'pdf-lib';

export const mm = 72 / 25.4;

/** The bleed on every outer edge: 3 mm, as print shops and print-on-demand services ask. */
export const bleed = 3 * mm;
/** Crop marks begin this far from the trim (outside the bleed, so that no mark shows on a bled edge) and run this long. */
export const markOffset = bleed;
export const markLength = 6 * mm;
/** The margin beyond the bleed: the marks and the slug line. */
export const markMargin = 10 * mm;
/** Hairline: thin, but above the 0.25 pt some presses drop. */
const markWidth = 0.3;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const array = (page: PDFPage, r: Rect) => page.doc.context.obj([r.x, r.y, r.x + r.width, r.y + r.height].map((n) => Math.round(n * 1000) / 1000));

/** TrimBox and BleedBox (PDF coordinates, from the bottom left). */
export function setPrintBoxes(page: PDFPage, trim: Rect): void {
  page.node.set(PDFName.of('TrimBox'), array(page, trim));
  page.node.set(PDFName.of('BleedBox'), array(page, { x: trim.x - bleed, y: trim.y - bleed, width: trim.width + 2 * bleed, height: trim.height + 2 * bleed }));
}

/**
 * Crop marks at the four corners of `trim`, and fold marks above and below
 * it at each x of `folds` (a cover's spine edges): each a short line in the
 * margin, pointing at the line it marks.
 */
export function drawMarks(page: PDFPage, trim: Rect, folds: number[] = []): void {
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: markWidth, color: grayscale(0) });
  const [left, right, bottom, top] = [trim.x, trim.x + trim.width, trim.y, trim.y + trim.height];
  const near = markOffset;
  const far = markOffset + markLength;
  for (const x of [left, right]) {
    const out = x === left ? -1 : 1;
    for (const y of [bottom, top]) {
      const up = y === bottom ? -1 : 1;
      line(x + out * near, y, x + out * far, y);
      line(x, y + up * near, x, y + up * far);
    }
  }
  for (const x of folds) {
    line(x, bottom - near, x, bottom - far);
    line(x, top + near, x, top + far);
  }
}
