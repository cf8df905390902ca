// Running heads and folios, drawn onto the printed pages with pdf-lib from
// the page map (./paginate.ts), not printed by Chromium: Chromium gives a
// named page's first page no margin boxes of its own, so chapter openers kept
// a head, and it cannot tell a blank page from a page of text. Here every
// page is what the measure says it is: the title page, blank pages, chapter
// openers and the 版權頁 carry nothing; every other page carries the running
// head at the outer head and the folio at the outer foot. Rectos (odd folios)
// carry the chapter's title, versos the book's; which side a recto is on
// follows the edition's page progression. Folios count from the title page
// (page 1 of the book block), as Chinese books do.
import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import {
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  beginText,
  endText,
  popGraphicsState,
  pushGraphicsState,
  setCharacterSpacing,
  setFillingGrayscaleColor,
  setFontAndSize,
  showText,
  moveText,
  type PDFDocument,
  type PDFFont,
} from 'pdf-lib';
import { subsetFontData } from '../../io/hb-subset.js';
import type { Edition } from '../../model/edition.js';
import { geometryOf, headText, rectoSide, type PageSize } from '../../render/print-document.js';
import type { PageInfo } from './paginate.js';
import { flateStream } from './svg-to-pdf.js';

const pt = 72 / 25.4;

/**
 * The furniture's type and where it stands, in mm from the text block: as
 * the margin boxes set it before (7.5 pt sans in a dark grey, slightly
 * spaced; the folio at 8 pt), the head's baseline just above the text block,
 * the folio's below it.
 */
export const furnitureStyle = {
  head: { size: 7.5, gray: 0.2, tracking: 0.08, baselineAboveText: 5.8 },
  folio: { size: 8, gray: 0, tracking: 0, baselineBelowText: 7.5 },
} as const;

/** What a page carries: a running head and a folio, or nothing. */
export interface PageFurniture {
  head: string;
  folio: string;
}

/** The furniture of every page of the book block (index 0 is page 1), from the page map; undefined where a page carries none. */
export function planFurniture(map: PageInfo[], chapterTitles: ReadonlyMap<string, string>, bookHead: string): (PageFurniture | undefined)[] {
  return map.map((p, i) => {
    if (p.kind !== 'text') return undefined;
    const n = i + 1;
    const title = p.block === undefined ? undefined : chapterTitles.get(p.block);
    if (title === undefined) throw new Error(`page ${n} belongs to 「${p.block}」, which is no chapter`);
    return { head: n % 2 === 1 ? headText(title) : bookHead, folio: String(n) };
  });
}

/** A subset tag (six capitals, as PDF asks of a subset font's name) from the characters it holds: the same text, the same name. */
const subsetTag = (chars: string) =>
  [...createHash('sha256').update(chars).digest()].slice(0, 6).map((b) => String.fromCharCode(65 + (b % 26))).join('');

/**
 * The sans, subset to exactly the characters `text` shows (the furniture, a
 * cover's slug line), embedded once. `sans` is the edition's sans: for the
 * furniture, already subset to the book's text (the heads are its titles), so
 * that subsetting it again takes milliseconds, not the full font's half second. pdf-lib names a font it subsets with a random suffix;
 * this one is subset by harfbuzz (as the book's fonts are) and named with a
 * tag derived from its characters, so that builds stay byte-identical and
 * pdffonts sees an embedded subset.
 */
export async function embedSansSubset(doc: PDFDocument, edition: Edition, sans: Uint8Array, text: string): Promise<PDFFont> {
  const chars = [...new Set(text)].sort().join('');
  const data = await subsetFontData(sans, chars);
  doc.registerFontkit(fontkit);
  const name = edition.fonts.families.sans.replace(/\s+/g, '') + '-Regular';
  // No glyph substitutions: Noto CJK's `locl` swaps Latin letters and digits for glyphs outside
  // its cmap, and pdf-lib then writes neither their widths nor their ToUnicode (digits set an em
  // wide, and lost to search). The edition's faces need no substitution to be right.
  const features = Object.fromEntries(['locl', 'liga', 'clig', 'calt', 'rlig', 'ccmp'].map((f) => [f, false]));
  const font = await doc.embedFont(data, { subset: false, customName: `${subsetTag(chars)}+${name}`, features });
  const missing = [...chars].filter((c) => !font.getCharacterSet().includes(c.codePointAt(0)!));
  if (missing.length) throw new Error(`the sans subset has no glyph for 「${missing.join('')}」`);
  return font;
}

/** Marked as a pagination artifact, so that a tagged PDF's readers skip it (PDF/UA). */
const artifact = () => PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Artifact')]);
const endArtifact = () => PDFOperator.of(PDFOperatorNames.EndMarkedContent);

/** Draw the furniture onto the pages of `doc` (the book block, page 1 first). */
export async function drawFurniture(doc: PDFDocument, plan: (PageFurniture | undefined)[], edition: Edition, pageSize: PageSize, sans: Uint8Array): Promise<void> {
  const pages = doc.getPages();
  if (pages.length !== plan.length) throw new Error(`the page map has ${plan.length} pages, the PDF ${pages.length}`);
  const used = plan.flatMap((f) => (f ? [f.head, f.folio] : [])).join('');
  if (used === '') return;
  const font = await embedSansSubset(doc, edition, sans, used);
  const fontName = PDFName.of('TPFurniture');
  const g = geometryOf(pageSize, edition);
  const recto = rectoSide(edition.pageProgression);
  const { head, folio } = furnitureStyle;
  plan.forEach((f, i) => {
    if (!f) return;
    const page = pages[i]!;
    const { width, height } = page.getSize();
    const side = (i + 1) % 2 === 1 ? recto : recto === 'right' ? 'left' : 'right';
    /** x of a line of text set flush to the page's outer edge of the text block. */
    const outerX = (text: string, size: number, tracking: number) => {
      const w = font.widthOfTextAtSize(text, size) + tracking * size * ([...text].length - 1);
      return side === 'left' ? g.outer * pt : width - g.outer * pt - w;
    };
    const line = (text: string, style: { size: number; gray: number; tracking: number }, y: number) => [
      beginText(),
      setFontAndSize(fontName, style.size),
      setCharacterSpacing(style.tracking * style.size),
      setFillingGrayscaleColor(style.gray),
      moveText(round(outerX(text, style.size, style.tracking)), round(y)),
      showText(font.encodeText(text)),
      endText(),
    ];
    // pdf-lib wraps Chromium's content in q … Q first (normalize), so that whatever state it leaves cannot move ours.
    page.node.setFontDictionary(fontName, font.ref);
    const ops = [
      pushGraphicsState(),
      artifact(),
      ...line(f.head, head, height - (g.top - head.baselineAboveText) * pt),
      ...line(f.folio, folio, (g.bottom - folio.baselineBelowText) * pt),
      endArtifact(),
      popGraphicsState(),
    ];
    page.node.addContentStream(doc.context.register(flateStream(doc.context, ops.map((o) => o.toString()).join('\n'))));
  });
}

const round = (n: number) => Math.round(n * 100) / 100;
