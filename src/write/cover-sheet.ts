// The printer's cover: one sheet with back, spine and front, 3 mm of bleed
// on every outer edge, crop marks at the corners and fold marks at the
// spine's edges, the TrimBox and BleedBox, and a slug line (text) that says
// what the sheet is and how its spine was reckoned. The spine's width comes from the
// press interior's page count (the same book block, read from the reading
// PDF) and the paper's thickness. Drawn by resvg as vector outlines (no
// browser, no font to embed), then made PDF/X-1a like the interior.
import { readFile } from 'node:fs/promises';
import { PDFDocument, grayscale } from 'pdf-lib';
import { fontPath } from '../io/fonts.js';
import type { Book } from '../model/book.js';
import type { Edition } from '../model/edition.js';
import { layoutCoverSheet, renderCoverSheetSvg, type CoverSheet } from '../render/cover.js';
import { strings } from '../render/i18n.js';
import { readBookBlock } from './pdf/book-block.js';
import { coverSafe } from './pdf/cover-page.js';
import { embedSansSubset } from './pdf/furniture.js';
import { bleed, drawMarks, markMargin, mm, setPrintBoxes } from './pdf/marks.js';
import { makePdfX, pdfxVersion } from './pdf/pdfx.js';
import { documentProperties, writeInfo } from './pdf/postprocess.js';
import { flateStream, svgToPdf } from './pdf/svg-to-pdf.js';
import { interiorPageCount, trimSize, type PressSettings, type PrintJob } from './press.js';
import { outlineSvgInEditionFonts } from './resvg.js';

/** The spine in mm: one leaf of paper for every two pages of the interior. */
export const spineWidth = (interiorPages: number, settings: PressSettings): number => Math.round((interiorPages / 2) * settings.paperThickness * 100) / 100;

const fixed = (n: number) => String(Math.round(n * 10) / 10);
const slugSize = 5.5;

export interface CoverSheetResult {
  data: Buffer;
  /** The interior's page count the spine was reckoned for, and the spine in mm. */
  interiorPages: number;
  spineMm: number;
}

export async function renderCoverSheet(book: Book, edition: Edition, readingPdf: Uint8Array, job: PrintJob): Promise<CoverSheetResult> {
  const { settings, date, identifier } = job;
  const block = await readBookBlock(readingPdf);
  const interiorPages = interiorPageCount(block.pages.length, settings);
  const spineMm = spineWidth(interiorPages, settings);
  const trim = trimSize(job.pageSize);
  const sheet: CoverSheet = {
    trim,
    spine: spineMm * mm,
    bleed,
    marks: markMargin,
    progression: edition.pageProgression,
    safe: coverSafe,
  };
  const slug = [
    [`${book.meta.id}.${edition.id} cover`, `trim ${fixed(trim.width / mm)} × ${fixed(trim.height / mm)} mm a side`, 'bleed 3 mm', date.toISOString().slice(0, 10)].join('  ·  '),
    [`spine ${spineMm} mm = ${interiorPages} pages ÷ 2 × ${settings.paperThickness} mm a leaf`, 'black ink only (K)', pdfxVersion].join('  ·  '),
  ];
  const layout = layoutCoverSheet(sheet);
  const svg = renderCoverSheetSvg(book, strings[edition.labels], edition.fonts.families, sheet);
  const drawing = svgToPdf(await outlineSvgInEditionFonts(svg, edition));
  const out = await PDFDocument.create({ updateMetadata: false });
  const page = out.addPage([drawing.width, drawing.height]);
  page.node.addContentStream(out.context.register(flateStream(out.context, drawing.content)));
  // The layout is measured from the top (as SVG); the PDF's boxes from the bottom.
  const trimBox = { x: layout.trim.x, y: layout.height - layout.trim.y - layout.trim.height, width: layout.trim.width, height: layout.trim.height };
  drawMarks(page, trimBox, [layout.spine.x, layout.spine.x + layout.spine.width]);
  setPrintBoxes(page, trimBox);
  // The slug, as text (a printer's preflight can read it): outside the bleed, between the corner's crop mark and the spine's fold mark.
  const font = await embedSansSubset(out, edition, await readFile(fontPath(edition.fonts, 'sans')), slug.join(''));
  slug.forEach((line, i) =>
    page.drawText(line, { x: trimBox.x + markMargin, y: trimBox.y - bleed - markMargin * 0.4 - i * slugSize * 1.5, size: slugSize, font, color: grayscale(0) }),
  );
  const props = documentProperties(book, edition, date, identifier, { pdfx: pdfxVersion, tools: 'resvg, pdf-lib, Ghostscript' });
  writeInfo(out, props);
  const data = await makePdfX(await out.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity }), props);
  return { data, interiorPages, spineMm };
}
