// A PDF → PDF/X-1a:2003 through Ghostscript, as Vivliostyle CLI's press-ready
// mode and the press-ready tool do: every colour converted to DeviceGray (so
// greys and black print in black ink alone, K, never as four-colour greys),
// fonts embedded, no transparency, and an output intent: the CMYK press the
// file is meant for (Ghostscript's own SWOP characterisation, registered as
// CGATS TR 001). Ghostscript writes the final file: it keeps the Info
// dictionary, the page labels and the page boxes it is given, and is told the
// rest (the XMP, /Lang, the dates) in its prefix file. Nothing reads the file
// back with pdf-lib, whose parser drops the last byte of a stream ending in a
// carriage return when its /Length is an indirect object (as Ghostscript
// writes them), breaking its checksum. Only the trailer's /ID, which
// Ghostscript derives from the time, is replaced (setFileIdentifier).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findCmykProfile, runGhostscript } from '../../io/ghostscript.js';
import { fileIdentifier, renderXmp, type DocumentProperties } from './postprocess.js';

export const pdfxVersion = 'PDF/X-1a:2003';

/** A PostScript string literal: parentheses and backslashes escaped. */
const psString = (s: string) => `(${s.replace(/[()\\]/g, (c) => `\\${c}`)})`;

/** A PostScript hex string: any bytes (the XMP's UTF-8) pass unharmed. */
const psHex = (bytes: Uint8Array) => `<${Buffer.from(bytes).toString('hex')}>`;

/** D:YYYYMMDDHHmmSSZ */
const pdfDate = (d: Date) => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** The prefix file Ghostscript reads before the PDF: the PDF/X keys, the dates, the output intent and its profile (after Ghostscript's lib/PDFX_def.ps), the XMP and /Lang. */
function pdfxDefinitions(profile: string, props: DocumentProperties): string {
  return [
    '%!',
    `[ /GTS_PDFXVersion ${psString(pdfxVersion)} /Trapped /False /CreationDate ${psString(pdfDate(props.date))} /ModDate ${psString(pdfDate(props.date))} /Producer ${psString(props.producer)} /DOCINFO pdfmark`,
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
    '[/_objdef {tp_xmp} /type /stream /OBJ pdfmark',
    '[{tp_xmp} << /Type /Metadata /Subtype /XML >> /PUT pdfmark',
    `[{tp_xmp} ${psHex(new TextEncoder().encode(renderXmp(props)))} /PUT pdfmark`,
    `[{Catalog} << /Metadata {tp_xmp} /Lang ${psString(props.language)} >> /PUT pdfmark`,
    '',
  ].join('\n');
}

/**
 * `pdf` (its Info dictionary already written: src/write/pdf/postprocess.ts
 * writeInfo) as PDF/X-1a, with `props` for the XMP, /Lang, the dates and the
 * file identifier.
 */
export async function makePdfX(pdf: Uint8Array, props: DocumentProperties): Promise<Buffer> {
  const profile = findCmykProfile();
  const dir = await mkdtemp(join(tmpdir(), 'pdfx-'));
  try {
    const [input, output, defs] = ['in.pdf', 'out.pdf', 'pdfx.ps'].map((f) => join(dir, f)) as [string, string, string];
    await Promise.all([writeFile(input, pdf), writeFile(defs, pdfxDefinitions(profile, props))]);
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
    return setFileIdentifier(setHeaderVersion(await readFile(output)), fileIdentifier(props.identifier, props.date));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Ghostscript writes PDF/X as PDF 1.3; the XMP and /Lang are PDF 1.4, which
 * PDF/X-1a:2003 is based on. The header is the same length either way.
 */
function setHeaderVersion(bytes: Buffer): Buffer {
  const header = bytes.subarray(0, 8).toString('latin1');
  if (!/^%PDF-1\.[34]$/.test(header)) throw new Error(`Ghostscript wrote an unexpected header: ${header}`);
  bytes.write('%PDF-1.4', 0, 'latin1');
  return bytes;
}

/**
 * The trailer's /ID, which Ghostscript derives from the time: ours instead.
 * Ghostscript writes it as hex strings or, for some times, as literal ones
 * with escapes (`/ID [(f6gz~\013`…)(…)]`), so its length varies: the whole
 * array is replaced by ours in hex. The trailer follows the cross-reference
 * table and nothing points into it or after it (`startxref` gives the
 * table's offset, before it), so every offset stands.
 */
export function setFileIdentifier(bytes: Buffer, id: [string, string]): Buffer {
  // The trailer is at the end: read only the file's last 64 KB, not the whole book as text.
  const tail = Math.max(0, bytes.length - 65536);
  const text = bytes.subarray(tail).toString('latin1');
  const trailer = text.lastIndexOf('trailer');
  const at = trailer < 0 ? -1 : text.indexOf('/ID', trailer);
  const end = at < 0 ? -1 : endOfIdArray(text, at + 3);
  if (end < 0) throw new Error(`no /ID [ … ] in the trailer Ghostscript wrote (${bytes.length} bytes, ending ${JSON.stringify(text.slice(-300))})`);
  const ours = `/ID [<${id[0].toUpperCase()}><${id[1].toUpperCase()}>]`;
  return Buffer.concat([bytes.subarray(0, tail + at), Buffer.from(ours, 'latin1'), bytes.subarray(tail + end)]);
}

/** Where the array of two strings (hex `<…>` or literal `(…)`, escapes and nested parentheses allowed) that starts after `from` ends; -1 if it is not one. */
function endOfIdArray(text: string, from: number): number {
  let i = from;
  const space = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  space();
  if (text[i] !== '[') return -1;
  i++;
  for (let n = 0; n < 2; n++) {
    space();
    if (text[i] === '<') {
      const close = text.indexOf('>', i);
      if (close < 0 || !/^[0-9A-Fa-f\s]*$/.test(text.slice(i + 1, close))) return -1;
      i = close + 1;
    } else if (text[i] === '(') {
      let depth = 0;
      for (; i < text.length; i++) {
        const c = text[i];
        if (c === '\\') i++;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      if (i >= text.length) return -1;
      i++;
    } else return -1;
  }
  space();
  return text[i] === ']' ? i + 1 : -1;
}
