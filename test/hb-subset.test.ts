// The subsetter (src/io/hb-subset.ts): HarfBuzz in wasm, each font file kept
// loaded for the process. A subset maps exactly the characters asked for
// (those the font has), and the faces of a whole build (two scripts' serif,
// sans and bold: about 48 MB) stay usable side by side, call after call: the
// wasm module's memory is fixed at 65 MB, which one shared instance holding
// every face overflows ("memory access out of bounds").
import { readFile } from 'node:fs/promises';
import { Blob, Face } from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
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

  it('keeps every face of a build loaded side by side, and subsets each again and again', async () => {
    const paths = [hant, edition('zh-Hans')].flatMap((e) => fontRoles.flatMap((role) => [fontPath(e.fonts, role), fallbackFontPath(e.fonts, role)!]));
    expect(new Set(paths).size).toBe(6);
    const first = await Promise.all(paths.map((p) => subsetFontFile(p, text)));
    for (let round = 0; round < 3; round++) {
      for (const [i, p] of paths.entries()) expect(Buffer.compare(await subsetFontFile(p, text), first[i]!)).toBe(0);
      // A one-off font in between, loaded and freed.
      await subsetFontData(await readFile(paths[round]!), text.slice(round));
    }
  });

  it('says what went wrong with a file that is no font', async () => {
    await expect(subsetFontData(Buffer.from('not a font at all'), text)).rejects.toThrow(/harfbuzz/);
  });
});
