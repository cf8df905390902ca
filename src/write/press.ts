// The print interior for a print shop or a print-on-demand service: the
// reading PDF's book block (the same pages, not printed again), padded with
// blank pages to whole signatures, each page set on a sheet with 3 mm of
// bleed round its trim, crop marks and the TrimBox and BleedBox, then made
// PDF/X-1a by Ghostscript (every grey in black ink alone) and finished with
// the book's metadata. PDF/X forbids link annotations: placing each page as a
// form XObject leaves them behind.
import { PDFDocument, PDFName } from 'pdf-lib';
import type { Book } from '../model/book.js';
import type { PressSettings } from '../model/press-settings.js';
import type { Edition } from '../model/edition.js';
import { padTo, readBookBlock } from './pdf/book-block.js';
import { pageGeometry, type PageSize } from '../render/print-document.js';
import { bleed, drawMarks, markMargin, mm, setPrintBoxes } from './pdf/marks.js';
import { makePdfX } from './pdf/pdfx.js';

export { defaultPressSettings, type PressSettings } from '../model/press-settings.js';

/** The press interior's page count: the book block padded to whole signatures. */
export const interiorPageCount = (blockPages: number, settings: PressSettings): number => padTo(blockPages, settings.signature);

/** A page with nothing to draw (a blank page pdf-lib added) has no content stream, and pdf-lib cannot place it. */
const hasContent = (page: { node: { get: (n: PDFName) => unknown } }) => page.node.get(PDFName.of('Contents')) !== undefined;

export interface PressResult {
  data: Buffer;
  pages: number;
}

/** What the printer's files are made with besides the book: the build's settings. */
export interface PrintJob {
  settings: PressSettings;
  pageSize: PageSize;
  date: Date;
  /** The file's own identifier (urn:uuid:…). */
  identifier: string;
}

/**
 * The trim in points: the page size as named (A5 is 148 × 210 mm), not as
 * Chromium rounds it (420 × 594.96 pt, a fifth of a millimetre off): the
 * printed page is centred on it, and the difference falls in the white bleed.
 */
export const trimSize = (pageSize: PageSize) => ({ width: pageGeometry[pageSize].width * mm, height: pageGeometry[pageSize].height * mm });

export async function renderPress(book: Book, edition: Edition, readingPdf: Uint8Array, job: PrintJob): Promise<PressResult> {
  const block = await readBookBlock(readingPdf);
  const count = interiorPageCount(block.pages.length, job.settings);
  const out = await PDFDocument.create({ updateMetadata: false });
  const printed = block.pages.filter(hasContent);
  const embedded = await out.embedPages(printed);
  const { width, height } = trimSize(job.pageSize);
  const margin = bleed + markMargin;
  for (let i = 0; i < count; i++) {
    const page = out.addPage([width + 2 * margin, height + 2 * margin]);
    const source = block.pages[i];
    const at = source ? printed.indexOf(source) : -1;
    if (at >= 0) {
      const e = embedded[at]!;
      page.drawPage(e, { x: margin + (width - e.width) / 2, y: margin + (height - e.height) / 2 });
    }
    const trim = { x: margin, y: margin, width, height };
    drawMarks(page, trim);
    setPrintBoxes(page, trim);
  }
  const bytes = await out.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity });
  // Folios as labels, from the title page on, as in the reading PDF.
  const data = await makePdfX(bytes, book, edition, job.date, job.identifier, 'Chromium, pdf-lib, Ghostscript', [{ start: 0, first: 1 }]);
  return { data, pages: count };
}
