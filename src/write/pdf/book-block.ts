// The book block: the printed pages from the title page on, with their
// running heads and folios, padded with blank pages to whole sheets. The
// reading PDF is the cover, its blank back, then the book block; the press
// interior and the booklet are the same block, read back from the reading
// PDF (the writers that make them take the pdf writer's file as their input),
// so that the book is printed by Chromium once and all three show the very
// same pages.
import { PDFDocument, type PDFPage } from 'pdf-lib';

/** Pages before the book block in the reading PDF: the cover and its blank back. */
export const coverPages = 2;

/** The page count padded up to a whole number of signatures (4: one folded sheet; 16 or 32: an offset signature). */
export const padTo = (pages: number, multiple: number): number => Math.ceil(pages / multiple) * multiple;

/** Add blank pages (of the last page's size) until the count is a multiple of `multiple`. */
export function padPages(doc: PDFDocument, multiple: number, from = 0): void {
  const last = doc.getPage(doc.getPageCount() - 1);
  const size: [number, number] = [last.getWidth(), last.getHeight()];
  while ((doc.getPageCount() - from) % multiple !== 0) doc.addPage(size);
}

export interface BookBlock {
  /** The reading PDF, parsed. */
  doc: PDFDocument;
  /** Its pages from the title page on (page 1 of the book, folio 1). */
  pages: PDFPage[];
}

/** The book block inside a reading PDF (what the pdf writer made). */
export async function readBookBlock(readingPdf: Uint8Array): Promise<BookBlock> {
  const doc = await PDFDocument.load(readingPdf, { updateMetadata: false, parseSpeed: Infinity });
  const pages = doc.getPages().slice(coverPages);
  if (pages.length === 0 || pages.length % 4 !== 0) throw new Error(`the reading PDF's book block has ${pages.length} pages, not whole sheets of 4`);
  return { doc, pages };
}
