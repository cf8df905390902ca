// The print interior for a print shop or a print-on-demand service: the
// reading PDF's book block (the same pages, not printed again), padded with
// blank pages to whole signatures, each page set on a sheet with 3 mm of
// bleed round its trim, crop marks and the TrimBox and BleedBox, then made
// PDF/X-1a by Ghostscript (every grey in black ink alone) and finished with
// the book's metadata. PDF/X forbids link annotations: they are left behind.
import { PDFDocument, PDFName } from 'pdf-lib';
import type { Book } from '../model/book.js';
import type { PressSettings } from '../model/press-settings.js';
import type { Edition } from '../model/edition.js';
import { padTo, readBookBlock } from './pdf/book-block.js';
import { pageGeometry, type PageSize } from '../render/print-document.js';
import { bleed, drawMarks, markMargin, mm, setPrintBoxes } from './pdf/marks.js';
import { makePdfX, pdfxVersion } from './pdf/pdfx.js';
import { documentProperties, writeInfo, writePageLabels } from './pdf/postprocess.js';

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
const round = (n: number) => Math.round(n * 1000) / 1000;

export const trimSize = (pageSize: PageSize) => ({ width: pageGeometry[pageSize].width * mm, height: pageGeometry[pageSize].height * mm });

export async function renderPress(book: Book, edition: Edition, readingPdf: Uint8Array, job: PrintJob): Promise<PressResult> {
  const block = await readBookBlock(readingPdf);
  const count = interiorPageCount(block.pages.length, job.settings);
  const out = await PDFDocument.create({ updateMetadata: false });
  // The pages themselves, copied (their content streams as they are: no decoding, no recompressing),
  // each moved onto its larger sheet by one translation wrapped round its content.
  const copies = await out.copyPages(block.doc, block.pages.map((p) => block.doc.getPages().indexOf(p)));
  const { width, height } = trimSize(job.pageSize);
  const margin = bleed + markMargin;
  const sheet = [0, 0, width + 2 * margin, height + 2 * margin];
  for (let i = 0; i < count; i++) {
    const page = copies[i] ? out.addPage(copies[i]) : out.addPage([sheet[2]!, sheet[3]!]);
    if (copies[i]) {
      const { width: w, height: h } = page.getSize();
      const shift = `q 1 0 0 1 ${round(margin + (width - w) / 2)} ${round(margin + (height - h) / 2)} cm`;
      // normalize(): the content as an array (and in q … Q), so that the shift can go round it, and the marks after it.
      page.node.normalize();
      if (hasContent(page)) page.node.wrapContentStreams(out.context.register(out.context.stream(shift)), out.context.register(out.context.stream('Q')));
      page.node.set(PDFName.of('MediaBox'), out.context.obj(sheet));
      // Links (PDF/X forbids them), the structure tree's hooks (not copied) and the transparency group (PDF/X-1a has none).
      for (const key of ['Annots', 'StructParents', 'Group', 'CropBox']) page.node.delete(PDFName.of(key));
    }
    const trim = { x: margin, y: margin, width, height };
    drawMarks(page, trim);
    setPrintBoxes(page, trim);
  }
  // Folios as labels, from the title page on, as in the reading PDF; the metadata (Ghostscript keeps both).
  writePageLabels(out, [{ start: 0, first: 1 }]);
  const props = documentProperties(book, edition, job.date, job.identifier, { pdfx: pdfxVersion, tools: 'Chromium, pdf-lib, Ghostscript' });
  writeInfo(out, props);
  const data = await makePdfX(await out.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity }), props);
  return { data, pages: count };
}
