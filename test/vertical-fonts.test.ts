// The vertical edition's fonts: subsetting must keep the vertical glyph
// variants (the `vert`/`vrt2` substitutions and the glyphs they lead to) and
// the vertical metrics (vhea/vmtx) the text needs, or 「」（）——…… would
// stand in a column as their horizontal forms, lying across it. Checked with
// HarfBuzz (harfbuzzjs, the shaper of Chromium and most reading systems):
// the marks shaped top to bottom with the subset face must give the same
// glyph outlines, advances and offsets as with the full font; and the full
// font's vertical forms must differ from its horizontal ones, so the check
// would see a subset that lost them.
import { readFile } from 'node:fs/promises';
import { Blob, Buffer as HbBuffer, Direction, Face, Font, shape } from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../src/load-book.js';
import { fontPath, subsetFonts } from '../src/io/fonts.js';
import { subsetFontData } from '../src/io/hb-subset.js';
import { kaiText } from '../src/render/blocks.js';
import { convertBook } from '../src/transforms/convert-script.js';
import { edition } from './helpers/editions.js';
import { bookDir } from './helpers/paths.js';

/** The marks vertical text turns or moves: brackets and quotes, dash, ellipsis, the stops and the colon. */
const marks = '「」『』（）〔〕——……，。、：；！？';

interface Shaped {
  /** The character (UTF-16 offset in the text) the glyph sets. */
  cluster: number;
  /** The glyph's outline (an SVG path, in font units): the same drawing whatever its id in a subset. */
  path: string;
  advance: [number, number];
  offset: [number, number];
}

function shapeText(data: Uint8Array, text: string, direction: 'ttb' | 'ltr'): Shaped[] {
  const font = new Font(new Face(new Blob(data), 0));
  const buffer = new HbBuffer();
  buffer.addText(text);
  buffer.setDirection(direction === 'ttb' ? Direction.TTB : Direction.LTR);
  buffer.setLanguage('zh-Hant');
  buffer.guessSegmentProperties();
  shape(font, buffer);
  return buffer.getGlyphInfosAndPositions().map((g) => ({ cluster: g.cluster, path: font.glyphToPath(g.codepoint), advance: [g.xAdvance ?? 0, g.yAdvance ?? 0], offset: [g.xOffset ?? 0, g.yOffset ?? 0] }));
}

const vertical = edition('zh-Hant-vertical');
const book = convertBook(await loadBook(bookDir), vertical);
const text = book.parts.map((p) => p.title).join('') + marks;
const subset = await subsetFonts(vertical.fonts, text, { kai: kaiText(book) });
const fileOf = (role: string) => subset.find((f) => f.role === role && f.supplies === undefined)!.data;

describe('the vertical edition\'s fonts', () => {
  it.each(['serif', 'sans', 'sans-bold'] as const)('%s: the subset sets 「，。——……」 and the other marks in a column exactly as the full font', async (role) => {
    const full = await readFile(fontPath(vertical.fonts, role));
    const part = fileOf(role);
    const inFull = shapeText(full, marks, 'ttb');
    expect(shapeText(part, marks, 'ttb')).toEqual(inFull);
    // Every glyph advances down the column (vmtx), one em (1000 units) or two for the dash's pair, never across it.
    for (const g of inFull) expect(g.advance[0]).toBe(0);
    expect(inFull.map((g) => -g.advance[1]).every((a) => a === 1000)).toBe(true);
    // The check can fail: the brackets, quotes and the ellipsis have vertical forms, other glyphs than their
    // horizontal ones (vert/vrt2). (The dash has none: a layout engine turns it, UAX #50 gives U+2014 orientation R.)
    const across = new Map(shapeText(full, marks, 'ltr').map((g) => [g.cluster, g.path]));
    const turned = [...marks].filter((_, i) => inFull.some((g) => g.cluster === i && g.path !== across.get(i)));
    expect(turned.join('')).toEqual(expect.stringContaining('「」『』（）〔〕……'));
  });

  it('serif: a subset without the layout tables would fail the check', async () => {
    // The same characters subset with no GSUB: the brackets come out in their horizontal forms.
    const full = await readFile(fontPath(vertical.fonts, 'serif'));
    const stripped = await subsetFontData(full, text, { layoutFeatures: 'none' });
    expect(shapeText(stripped, marks, 'ttb')).not.toEqual(shapeText(full, marks, 'ttb'));
  });

  it('the Kai (reassembled from its web-font chunks) advances its ideographs one em down a column, as the serif does', () => {
    const host = [...new Set(kaiText(book))].filter((c) => /\p{Script=Han}/u.test(c)).slice(0, 40).join('');
    const kai = shapeText(fileOf('kai'), host, 'ttb');
    const serif = shapeText(fileOf('serif'), host, 'ttb');
    expect(kai.length).toBe(serif.length);
    for (const g of kai) expect(g.advance).toEqual([0, -1000]);
    // (Ideographs only: the Kai's punctuation comes from the serif, styles/base.css, with its vertical forms.)
    expect([...host].length).toBe(40);
  });
});
