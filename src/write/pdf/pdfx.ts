// A PDF → PDF/X-1a:2003 through Ghostscript, as Vivliostyle CLI's press-ready
// mode and the press-ready tool do: every colour converted to DeviceGray (so
// greys and black print in black ink alone, K, never as four-colour greys),
// fonts embedded, PDF 1.3 without transparency, and an output intent: the
// CMYK press the file is meant for (Ghostscript's own SWOP characterisation,
// registered as CGATS TR 001). Ghostscript writes the build's time into the
// file; the caller finishes it again with pdf-lib (src/write/pdf/postprocess.ts)
// so that builds stay byte-identical.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { findCmykProfile, runGhostscript } from '../../io/ghostscript.js';
import type { Book } from '../../model/book.js';
import type { Edition } from '../../model/edition.js';
import { finishPdf, writePageLabels, type PageLabelRange } from './postprocess.js';

export const pdfxVersion = 'PDF/X-1a:2003';

/** A PostScript string literal: parentheses and backslashes escaped. */
const psString = (s: string) => `(${s.replace(/[()\\]/g, (c) => `\\${c}`)})`;

/** The prefix file Ghostscript reads before the PDF: the PDF/X keys, the output intent and its profile (after Ghostscript's lib/PDFX_def.ps). */
function pdfxDefinitions(profile: string): string {
  return [
    '%!',
    `[ /GTS_PDFXVersion ${psString(pdfxVersion)} /Trapped /False /DOCINFO pdfmark`,
    '[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark',
    '[{icc_PDFX} << /N 4 >> /PUT pdfmark',
    `[{icc_PDFX} ${psString(profile)} (r) file /PUT pdfmark`,
    '[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark',
    '[{OutputIntent_PDFX} <<',
    '  /Type /OutputIntent /S /GTS_PDFX',
    '  /OutputCondition (Commercial offset printing, SWOP)',
    '  /OutputConditionIdentifier (CGATS TR 001)',
    '  /RegistryName (http://www.color.org)',
    '  /Info (Ghostscript default CMYK: SWOP)',
    '  /DestOutputProfile {icc_PDFX}',
    '>> /PUT pdfmark',
    '[{Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark',
    '',
  ].join('\n');
}

export async function convertToPdfX(pdf: Uint8Array): Promise<Buffer> {
  const profile = findCmykProfile();
  const dir = await mkdtemp(join(tmpdir(), 'pdfx-'));
  try {
    const [input, output, defs] = ['in.pdf', 'out.pdf', 'pdfx.ps'].map((f) => join(dir, f)) as [string, string, string];
    await Promise.all([writeFile(input, pdf), writeFile(defs, pdfxDefinitions(profile))]);
    await runGhostscript([
      '-q',
      '-dSAFER',
      `--permit-file-read=${dirname(profile)}/`,
      '-dBATCH',
      '-dNOPAUSE',
      '-dPDFX',
      '-sDEVICE=pdfwrite',
      '-dPDFSETTINGS=/prepress',
      '-dCompatibilityLevel=1.3',
      '-sProcessColorModel=DeviceGray',
      '-sColorConversionStrategy=Gray',
      // Never turn a page because its text runs sideways (a vertical edition).
      '-dAutoRotatePages=/None',
      // Ghostscript 10.0's new PDF interpreter rebuilds the ToUnicode maps of Chromium's TrueType
      // subsets wrongly (仁 reads back as Ï): the text still prints right, but can no longer be
      // searched or checked. The older interpreter keeps them; later versions ignore the flag.
      '-dNEWPDF=false',
      '-dEmbedAllFonts=true',
      `-sOutputFile=${output}`,
      defs,
      input,
    ]);
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** PDF/X-1a:2003 is PDF 1.4 at most; pdf-lib writes every file as 1.7. The header is the same length either way. */
function setHeaderVersion(bytes: Buffer, version: '1.4'): Buffer {
  const header = bytes.subarray(0, 8).toString('latin1');
  if (!/^%PDF-1\.\d$/.test(header)) throw new Error(`not a PDF header: ${header}`);
  bytes.write(`%PDF-${version}`, 0, 'latin1');
  return bytes;
}

/**
 * A PDF through Ghostscript to PDF/X-1a, then finished again with pdf-lib:
 * the book's metadata (Ghostscript keeps the Info keys but drops the XMP),
 * the build's date and a stable /ID (Ghostscript writes the time), page
 * labels, and no ArtBox (Ghostscript adds one; PDF/X wants a TrimBox or an
 * ArtBox, not both).
 */
export async function makePdfX(pdf: Uint8Array, book: Book, edition: Edition, date: Date, identifier: string, tools: string, labels?: PageLabelRange[]): Promise<Buffer> {
  const doc = await PDFDocument.load(await convertToPdfX(pdf), { updateMetadata: false, parseSpeed: Infinity });
  for (const page of doc.getPages()) page.node.delete(PDFName.of('ArtBox'));
  if (labels) writePageLabels(doc, labels);
  return setHeaderVersion(await finishPdf(doc, book, edition, date, identifier, { pdfx: pdfxVersion, tools }), '1.4');
}
