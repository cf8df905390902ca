// The font cache (src/io/woff2.ts): a WOFF2 file (a chunk of the Kai) is
// decoded once per install and kept, named by its sha256. What it gives must
// be exactly what the decoder gives, from a fresh cache, a warm one, a
// damaged one and one that cannot be written.
import { mkdtemp, readFile, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import decompress from 'wawoff2/decompress.js';
import { afterAll, describe, expect, it } from 'vitest';
import { parseChunkCss } from '../src/io/font-chunks.js';
import { decodeWoff2, decodeWoff2Data, isWholeFont } from '../src/io/woff2.js';

const require = createRequire(import.meta.url);
const css = require.resolve('lxgw-wenkai-tc-webfont/lxgwwenkaitc-regular.css');
const dirs: string[] = [];
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'font-cache-'));
  dirs.push(d);
  return d;
};
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('the font cache', async () => {
  const chunks = parseChunkCss(await readFile(css, 'utf8'), css).slice(0, 3);
  const woff2s = await Promise.all(chunks.map((c) => readFile(c.file)));
  // One at a time: wawoff2 answers with a view of its memory, which its next call overwrites.
  const decoded: Buffer[] = [];
  for (const w of woff2s) decoded.push(Buffer.from(await decompress(w)));

  it('gives what the decoder gives, cold and warm, keeping one file per WOFF2', async () => {
    const dir = await tempDir();
    for (const [i, w] of woff2s.entries()) expect(Buffer.compare(await decodeWoff2(w, dir), decoded[i]!)).toBe(0);
    const kept = (await readdir(dir)).sort();
    expect(kept).toHaveLength(woff2s.length);
    expect(kept.every((f) => /^[0-9a-f]{64}\.ttf$/.test(f))).toBe(true);
    // Warm: read back, the same bytes (a stale name cannot be: it is the WOFF2's hash).
    for (const [i, w] of woff2s.entries()) expect(Buffer.compare(await decodeWoff2(w, dir), decoded[i]!)).toBe(0);
  });

  it('decodes again over a damaged entry, and mends it', async () => {
    const dir = await tempDir();
    await decodeWoff2(woff2s[0]!, dir);
    const [name] = await readdir(dir);
    await truncate(join(dir, name!), 1000);
    expect(isWholeFont(await readFile(join(dir, name!)))).toBe(false);
    expect(Buffer.compare(await decodeWoff2(woff2s[0]!, dir), decoded[0]!)).toBe(0);
    expect(Buffer.compare(await readFile(join(dir, name!)), decoded[0]!)).toBe(0);
    // Not a font at all.
    await writeFile(join(dir, name!), 'not a font');
    expect(Buffer.compare(await decodeWoff2(woff2s[0]!, dir), decoded[0]!)).toBe(0);
  });

  it('still decodes when the cache cannot be written', async () => {
    const blocker = join(await tempDir(), 'a-file');
    await writeFile(blocker, '');
    expect(Buffer.compare(await decodeWoff2(woff2s[1]!, join(blocker, 'fonts')), decoded[1]!)).toBe(0);
  });

  it('decodes files asked for all at once as one at a time (the decoder reuses its memory)', async () => {
    const together = await Promise.all([...woff2s, ...woff2s].map((w) => decodeWoff2Data(w)));
    together.forEach((font, i) => expect(Buffer.compare(font, decoded[i % woff2s.length]!)).toBe(0));
    const dir = await tempDir();
    const cached = await Promise.all(woff2s.map((w) => decodeWoff2(w, dir)));
    cached.forEach((font, i) => expect(Buffer.compare(font, decoded[i]!)).toBe(0));
  });

  it('tells a whole font from a cut one', () => {
    expect(isWholeFont(decoded[2]!)).toBe(true);
    expect(isWholeFont(decoded[2]!.subarray(0, decoded[2]!.length - 1))).toBe(false);
    expect(isWholeFont(Buffer.alloc(0))).toBe(false);
  });
});
