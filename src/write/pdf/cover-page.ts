// The reading PDF's first leaf: the front cover at the page's trim size and
// its blank back, drawn in front of the book block without the browser (the
// same drawing as the printer's cover sheet: src/render/cover.ts through
// resvg), as vector outlines in greys.
import type { PDFDocument } from 'pdf-lib';
import type { FontFile } from '../../io/fonts.js';
import type { Book } from '../../model/book.js';
import type { Edition } from '../../model/edition.js';
import { renderCoverSvg } from '../../render/cover.js';
import { strings } from '../../render/i18n.js';
import { outlineSvg, withFontFiles } from '../resvg.js';
import { flateStream, svgToPdf } from './svg-to-pdf.js';

const mm = 72 / 25.4;

/** Where nothing that must not be cut goes: this far inside the trim (the printer's cover sheet keeps the same). */
export const coverSafe = 6 * mm;

/**
 * Insert the cover and its blank back as pages 1 and 2 of `doc`, at the size
 * of its first page, drawn with `fonts` (the print's subset fonts, which hold
 * the cover's characters too: resvg loads them in milliseconds, the full
 * faces in most of a second).
 */
export async function drawCoverPages(doc: PDFDocument, book: Book, edition: Edition, fonts: FontFile[]): Promise<void> {
  const first = doc.getPage(0);
  const size = { width: first.getWidth(), height: first.getHeight() };
  const svg = renderCoverSvg(book, strings[edition.labels], edition.fonts.families, size, coverSafe);
  const outlined = await withFontFiles(fonts, (files) => outlineSvg(svg, edition, files));
  const drawing = svgToPdf(outlined);
  const cover = doc.insertPage(0, [size.width, size.height]);
  cover.node.addContentStream(doc.context.register(flateStream(doc.context, drawing.content)));
  doc.insertPage(1, [size.width, size.height]);
}
