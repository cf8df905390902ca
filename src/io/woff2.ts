// WOFF2 → TrueType, through wawoff2 (Google's decoder, in wasm). A chunked
// Kai is some sixty WOFF2 files a book, a quarter of a second of decoding at
// every build (the largest part of a PDF step's font work). Like a typesetting
// system's font cache (fontconfig's, LuaTeX's), each file is decoded once per
// install: the TrueType is kept in node_modules/.cache/transcript-press-fonts,
// beside the compiled program, named by the sha256 of the WOFF2 it came from,
// so a changed file is decoded again and never served stale. It is written
// whole (a temporary file, renamed), read back only if its table directory
// fits the file, and a folder that cannot be written only costs the decoding.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import decompress from 'wawoff2/decompress.js';
import { projectPath } from './assets.js';
import { sha256 } from './cache.js';
import { sfntHeaderLength, tableCount, tableRecordLength, tableRecords } from './sfnt.js';

/** node_modules/.cache/transcript-press-fonts, or TRANSCRIPT_PRESS_FONT_CACHE. */
export const fontCacheDir = (env: NodeJS.ProcessEnv = process.env): string => env.TRANSCRIPT_PRESS_FONT_CACHE || projectPath('node_modules', '.cache', 'transcript-press-fonts');

/** Whether `font` is a whole TrueType file: every table its directory lists lies inside it. */
export function isWholeFont(font: Buffer): boolean {
  if (font.length < sfntHeaderLength || font.readUInt32BE(0) !== 0x00010000) return false;
  const count = tableCount(font);
  if (count === 0 || sfntHeaderLength + tableRecordLength * count > font.length) return false;
  return tableRecords(font.subarray(sfntHeaderLength), count).every((r) => r.offset + r.length <= font.length);
}

// wawoff2 answers with a view of its wasm memory, which its next call
// overwrites: two decodings begun together would read each other's bytes.
// One at a time, each copied out before the next begins.
let decoding: Promise<unknown> = Promise.resolve();
/** The TrueType font a WOFF2 file holds, decoded (no cache). */
export const decodeWoff2Data = (woff2: Buffer): Promise<Buffer> => {
  const done = decoding.then(async () => Buffer.from(await decompress(woff2)));
  decoding = done.catch(() => undefined);
  return done;
};

/** The TrueType font a WOFF2 file holds: from the font cache in `dir`, or decoded (and kept there). */
export async function decodeWoff2(woff2: Buffer, dir: string = fontCacheDir()): Promise<Buffer> {
  const file = join(dir, `${sha256(woff2)}.ttf`);
  const kept = await readFile(file).catch(() => undefined);
  if (kept && isWholeFont(kept)) return kept;
  const font = await decodeWoff2Data(woff2);
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temporary, font);
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
  return font;
}
