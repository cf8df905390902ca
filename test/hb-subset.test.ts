// The subsetter (src/io/hb-subset.ts): HarfBuzz in wasm, the faces a build
// keeps using left loaded. A subset maps exactly the characters asked for
// (those the font has), and the faces of a whole build (two scripts' serif,
// sans and bold: about 48 MB) stay usable call after call in the module's
// memory, which is fixed at 65 MB: holding every face at once overflows it
// ("memory access out of bounds", or no room to load the next).
import { readFile } from 'node:fs/promises';
import { Blob, Face } from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { fileCodePoints, fontCodePoints } from '../src/io/font-chunks.js';
import { fallbackFontPath, fontPath, fontRoles } from '../src/io/fonts.js';
import { subsetFontData, subsetFontFile } from '../src/io/hb-subset.js';
import { edition } from './helpers/editions.js';

const cmap = (font: Uint8Array) => new Set(new Face(new Blob(font), 0).collectUnicodes());
const hant = edition('zh-Hant');
const text = '黃仁勳與扎克伯格在 SIGGRAPH 2024 對談：「開源」。爲';

describe('the font subsetter', () => {
  it('maps exactly the characters of the text that the font has', async () => {
    const path = fontPath(hant.fonts, 'serif');
    const full = cmap(await readFile(path));
    const asked = new Set([...text].map((c) => c.codePointAt(0)!));
    const expected = [...asked].filter((cp) => full.has(cp)).sort((a, b) => a - b);
    expect([...cmap(await subsetFontFile(path, text))].sort((a, b) => a - b)).toEqual(expected);
    // The same from bytes (the path a one-off font such as the reassembled Kai takes).
    expect([...cmap(await subsetFontData(await readFile(path), text))].sort((a, b) => a - b)).toEqual(expected);
  });

  it('subsets every face of a build again and again, as the first time, within the fixed memory', async () => {
    const paths = [hant, edition('zh-Hans')].flatMap((e) => fontRoles.flatMap((role) => [fontPath(e.fonts, role), fallbackFontPath(e.fonts, role)!]));
    expect(new Set(paths).size).toBe(6);
    const first = await Promise.all(paths.map((p) => subsetFontFile(p, text)));
    for (let round = 0; round < 3; round++) {
      // Main faces kept, fallbacks freed after use, in an order that makes the kept ones give way.
      for (const [i, p] of paths.entries()) expect(Buffer.compare(await subsetFontFile(p, text, { keep: i % 2 === 0 }), first[i]!)).toBe(0);
      // A one-off font in between, loaded and freed.
      await subsetFontData(await readFile(paths[round]!), text.slice(round));
    }
  });

  it('reads the characters a face maps as HarfBuzz does (the glyph check and the fallbacks read them so, without a wasm copy of the face)', async () => {
    for (const e of [hant, edition('zh-Hans')]) {
      for (const role of fontRoles) {
        const font = await readFile(fontPath(e.fonts, role));
        const ours = fontCodePoints(font);
        const harfbuzz = cmap(font);
        expect(ours.size).toBe(harfbuzz.size);
        expect([...harfbuzz].filter((cp) => !ours.has(cp))).toEqual([]);
        // Read from the file's cmap alone, the same.
        expect(await fileCodePoints(fontPath(e.fonts, role))).toEqual(ours);
      }
    }
    // A subset's, too (where only the characters asked for are left).
    expect([...fontCodePoints(await subsetFontFile(fontPath(hant.fonts, 'sans'), text))].sort((a, b) => a - b)).toEqual([...cmap(await subsetFontFile(fontPath(hant.fonts, 'sans'), text))].sort((a, b) => a - b));
  });

  it('says what went wrong with a file that is no font', async () => {
    await expect(subsetFontData(Buffer.from('not a font at all'), text)).rejects.toThrow(/harfbuzz/);
  });
});
