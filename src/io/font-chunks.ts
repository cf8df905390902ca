// A web font shipped as unicode-range chunks (one TrueType font cut into many
// WOFF2 files, listed by a CSS file of @font-face rules) → one TrueType font
// holding the glyphs of the chunks a text needs. npm's Kai (楷體) faces come
// only this way (lxgw-wenkai-webfont, lxgw-wenkai-tc-webfont), and a book
// needs one font file per face: an EPUB reader cannot be trusted with
// unicode-range (MuPDF and older engines take the first face for every
// character), and a PDF should embed one subset per face.
//
// The chunks were cut from one font, so merging them is plain table work:
// every chunk's glyphs (but its .notdef) are appended to the first chunk's,
// composite glyphs' component ids renumbered, the cmaps joined, and the
// metrics tables rebuilt. Layout tables (GSUB, GPOS, morx) are left out:
// the face sets horizontal running text, where they do nothing (the chunks
// carry empty ones). HarfBuzz (./hb-subset.ts) then cuts the result to the exact
// characters, as for every other face.
import { open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sfntHeaderLength, tableCount, tableRecordLength, tableRecords } from './sfnt.js';
import { decodeWoff2 } from './woff2.js';

export interface FontChunk {
  /** The chunk's file, absolute. */
  file: string;
  /** Inclusive code point ranges (the rule's unicode-range). */
  ranges: [number, number][];
}

/** The chunks a chunked web font's CSS lists, in its order. */
export function parseChunkCss(css: string, cssFile: string): FontChunk[] {
  const chunks: FontChunk[] = [];
  for (const rule of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const body = rule[1]!;
    const url = /src:\s*url\(\s*['"]?([^'")]+)['"]?\s*\)/.exec(body)?.[1];
    const range = /unicode-range:\s*([^;}]+)/.exec(body)?.[1];
    if (!url || !range) continue;
    const ranges = range.split(',').map((r): [number, number] => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
    });
    chunks.push({ file: join(dirname(cssFile), url), ranges });
  }
  return chunks;
}

/** The chunks that hold at least one of the characters, in the CSS's order. */
export function chunksFor(chunks: FontChunk[], text: string): FontChunk[] {
  const cps = [...new Set([...text].map((c) => c.codePointAt(0)!))];
  return chunks.filter((ch) => cps.some((cp) => ch.ranges.some(([a, b]) => cp >= a && cp <= b)));
}

// Decoding a chunk costs a few ms (./woff2.ts keeps it decoded across builds); a build asks for the same ones for the EPUB and the PDF.
const decompressed = new Map<string, Promise<Buffer>>();
const readChunk = (file: string): Promise<Buffer> => {
  let p = decompressed.get(file);
  if (!p) {
    p = readFile(file).then((woff2) => decodeWoff2(woff2));
    decompressed.set(file, p);
  }
  return p;
};

/** One TrueType font with the glyphs of the text's characters, from the chunks that hold them. */
const chunkLists = new Map<string, Promise<FontChunk[]>>();

export async function assembleChunks(cssFile: string, text: string): Promise<Buffer> {
  let list = chunkLists.get(cssFile);
  if (!list) chunkLists.set(cssFile, (list = readFile(cssFile, 'utf8').then((css) => parseChunkCss(css, cssFile))));
  const all = await list;
  if (all.length === 0) throw new Error(`${cssFile}: no @font-face rule with a src and a unicode-range`);
  const needed = chunksFor(all, text);
  // Always at least one chunk: it gives the tables every font needs.
  const codePoints = new Set([...text].map((ch) => ch.codePointAt(0)!));
  return mergeFonts(await Promise.all((needed.length ? needed : all.slice(0, 1)).map((c) => readChunk(c.file))), codePoints);
}

// ── sfnt tables ──────────────────────────────────────────────────────────

type Tables = Map<string, Buffer>;

function readTables(font: Buffer): Tables {
  const records = tableRecords(font.subarray(sfntHeaderLength), tableCount(font));
  return new Map(records.map((r) => [r.tag, font.subarray(r.offset, r.offset + r.length)]));
}

const need = (t: Tables, tag: string): Buffer => {
  const b = t.get(tag);
  if (!b) throw new Error(`font without a ${tag} table`);
  return b;
};

function checksum(data: Buffer): number {
  let sum = 0;
  const padded = data.length % 4 ? Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]) : data;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function writeFont(tables: Tables): Buffer {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const log2 = Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(16 * 2 ** log2, 6);
  header.writeUInt16BE(log2, 8);
  header.writeUInt16BE(16 * n - 16 * 2 ** log2, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const at = 12 + 16 * i;
    header.write(tag, at, 'latin1');
    header.writeUInt32BE(checksum(data), at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(data.length, at + 12);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat([header, ...bodies]);
  // head.checkSumAdjustment makes the whole font sum to 0xB1B0AFBA.
  const headAt = header.readUInt32BE(12 + 16 * tags.indexOf('head') + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headAt + 8);
  return font;
}

/**
 * The code points a TrueType font maps to a glyph (its Unicode cmap), read
 * from the file's bytes: what HarfBuzz's collect-unicodes gives, without
 * copying the face into a wasm memory (which costs more than reading it).
 */
export function fontCodePoints(font: Buffer): Set<number> {
  return cmapCodePoints(need(readTables(font), 'cmap'));
}

/** Code point → glyph id (none to glyph 0), from a Unicode subtable of format 12 or 4. */
function readCmap(cmap: Buffer): Map<number, number> {
  const map = new Map<number, number>();
  eachCmapMapping(cmap, (cp, glyph) => map.set(cp, glyph));
  return map;
}

/** Every code point → glyph of a cmap's Unicode subtable (the same one HarfBuzz takes), in the subtable's order. */
function eachCmapMapping(cmap: Buffer, found: (cp: number, glyph: number) => void): void {
  const n = cmap.readUInt16BE(2);
  const subtables = Array.from({ length: n }, (_, i) => ({
    platform: cmap.readUInt16BE(4 + 8 * i),
    encoding: cmap.readUInt16BE(6 + 8 * i),
    offset: cmap.readUInt32BE(8 + 8 * i),
  }));
  // Windows' full-Unicode subtable first, then the Unicode platform's, then the BMP-only ones.
  const format = (s: { offset: number }) => cmap.readUInt16BE(s.offset);
  const pick =
    subtables.find((s) => s.platform === 3 && s.encoding === 10 && format(s) === 12) ??
    subtables.find((s) => s.platform === 0 && format(s) === 12) ??
    subtables.find((s) => s.platform === 3 && s.encoding === 1 && format(s) === 4) ??
    subtables.find((s) => s.platform === 0 && format(s) === 4);
  if (!pick) throw new Error('font without a Unicode cmap (format 12 or 4)');
  const t = cmap.subarray(pick.offset);
  if (t.readUInt16BE(0) === 12) {
    const groups = t.readUInt32BE(12);
    for (let g = 0; g < groups; g++) {
      const [start, end, glyph] = [t.readUInt32BE(16 + 12 * g), t.readUInt32BE(20 + 12 * g), t.readUInt32BE(24 + 12 * g)];
      for (let cp = start; cp <= end; cp++) if (glyph + cp - start !== 0) found(cp, glyph + cp - start);
    }
    return;
  }
  const segs = t.readUInt16BE(6) / 2;
  const ends = 14;
  const starts = ends + 2 * segs + 2;
  const deltas = starts + 2 * segs;
  const rangeOffsets = deltas + 2 * segs;
  for (let s = 0; s < segs; s++) {
    const [end, start, delta, ro] = [t.readUInt16BE(ends + 2 * s), t.readUInt16BE(starts + 2 * s), t.readInt16BE(deltas + 2 * s), t.readUInt16BE(rangeOffsets + 2 * s)];
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph = ro === 0 ? cp + delta : t.readUInt16BE(rangeOffsets + 2 * s + ro + 2 * (cp - start));
      if (ro !== 0 && glyph !== 0) glyph += delta;
      glyph &= 0xffff;
      if (glyph !== 0) found(cp, glyph);
    }
  }
}

/** The code points a cmap maps to a glyph. */
function cmapCodePoints(cmap: Buffer): Set<number> {
  const cps = new Set<number>();
  eachCmapMapping(cmap, (cp) => cps.add(cp));
  return cps;
}

/**
 * fontCodePoints of a font file, reading only its table directory and its
 * cmap (a few hundred kilobytes of a 7-10 MB CJK face).
 */
export async function fileCodePoints(path: string): Promise<Set<number>> {
  const file = await open(path, 'r');
  try {
    const read = async (at: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, at);
      if (bytesRead !== length) throw new Error(`${path}: not a whole font file`);
      return buffer;
    };
    const count = tableCount(await read(0, sfntHeaderLength));
    const cmap = tableRecords(await read(sfntHeaderLength, tableRecordLength * count), count).find((r) => r.tag === 'cmap');
    if (!cmap) throw new Error('font without a cmap table');
    return cmapCodePoints(await read(cmap.offset, cmap.length));
  } finally {
    await file.close();
  }
}

/** A cmap with one (3,10) format 12 subtable (the subsetter writes the final cmap). */
function writeCmap(map: Map<number, number>): Buffer {
  const cps = [...map.keys()].sort((a, b) => a - b);
  const groups: [number, number, number][] = [];
  for (const cp of cps) {
    const g = map.get(cp)!;
    const last = groups.at(-1);
    if (last && cp === last[1] + 1 && g === last[2] + cp - last[0]) last[1] = cp;
    else groups.push([cp, cp, g]);
  }
  const sub = Buffer.alloc(16 + 12 * groups.length);
  sub.writeUInt16BE(12, 0);
  sub.writeUInt32BE(sub.length, 4);
  sub.writeUInt32BE(groups.length, 12);
  groups.forEach(([a, b, g], i) => {
    sub.writeUInt32BE(a, 16 + 12 * i);
    sub.writeUInt32BE(b, 20 + 12 * i);
    sub.writeUInt32BE(g, 24 + 12 * i);
  });
  const head = Buffer.alloc(12);
  head.writeUInt16BE(1, 2);
  head.writeUInt16BE(3, 4);
  head.writeUInt16BE(10, 6);
  head.writeUInt32BE(12, 8);
  return Buffer.concat([head, sub]);
}

/** Long metrics (advance, side bearing) of every glyph from an hmtx/vmtx table. */
function readMetrics(mtx: Buffer, longCount: number, glyphs: number): [number, number][] {
  const out: [number, number][] = [];
  for (let g = 0; g < glyphs; g++) {
    const at = g < longCount ? 4 * g : 4 * longCount + 2 * (g - longCount);
    const advance = mtx.readUInt16BE(4 * Math.min(g, longCount - 1));
    out.push([advance, mtx.readInt16BE(g < longCount ? at + 2 : at)]);
  }
  return out;
}

function writeMetrics(metrics: [number, number][]): Buffer {
  const b = Buffer.alloc(4 * metrics.length);
  metrics.forEach(([adv, side], i) => {
    b.writeUInt16BE(adv, 4 * i);
    b.writeInt16BE(side, 4 * i + 2);
  });
  return b;
}

/** The glyph ids a composite glyph is built from (none for a simple glyph). */
function components(glyph: Buffer): number[] {
  if (glyph.length === 0 || glyph.readInt16BE(0) >= 0) return [];
  const ids: number[] = [];
  let at = 10;
  for (;;) {
    const flags = glyph.readUInt16BE(at);
    ids.push(glyph.readUInt16BE(at + 2));
    at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
    if (!(flags & 0x0020)) return ids;
  }
}

/** A glyph's bytes with its composite components' glyph ids renumbered. */
function renumberComposite(glyph: Buffer, map: (g: number) => number): Buffer {
  if (glyph.length === 0 || glyph.readInt16BE(0) >= 0) return glyph;
  const out = Buffer.from(glyph);
  let at = 10;
  for (;;) {
    const flags = out.readUInt16BE(at);
    out.writeUInt16BE(map(out.readUInt16BE(at + 2)), at + 2);
    at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
    if (!(flags & 0x0020)) return out;
  }
}

/**
 * The font with another font's vertical metrics (hhea ascender, descender
 * and line gap; OS/2 typographic and Windows ones): a face that sets whole
 * paragraphs beside the text face then gives their lines the same height
 * and baseline, whichever face a reading system takes as the line's first.
 */
export function adoptVerticalMetrics(font: Buffer, from: Buffer): Buffer {
  const t = readTables(font);
  const f = readTables(from);
  const hhea = Buffer.from(need(t, 'hhea'));
  need(f, 'hhea').copy(hhea, 4, 4, 10); // ascender, descender, lineGap
  const os2 = Buffer.from(need(t, 'OS/2'));
  need(f, 'OS/2').copy(os2, 68, 68, 78); // sTypoAscender, sTypoDescender, sTypoLineGap, usWinAscent, usWinDescent
  // fsSelection bit 7 (USE_TYPO_METRICS) as the text face has it.
  os2.writeUInt16BE((os2.readUInt16BE(62) & ~0x80) | (need(f, 'OS/2').readUInt16BE(62) & 0x80), 62);
  t.set('hhea', hhea);
  t.set('OS/2', os2);
  return writeFont(t);
}

/**
 * Merge fonts cut from one font: the first's tables, everyone's glyphs —
 * or, given code points, only the glyphs those reach (with their
 * components), which is all a subset of them needs.
 */
export function mergeFonts(fonts: Buffer[], codePoints?: ReadonlySet<number>): Buffer {
  const parsed = fonts.map(readTables);
  const first = parsed[0]!;
  const vertical = parsed.every((t) => t.has('vhea') && t.has('vmtx'));
  const glyphs: Buffer[] = [];
  const hmetrics: [number, number][] = [];
  const vmetrics: [number, number][] = [];
  const cmap = new Map<number, number>();
  const maxp = Buffer.from(need(first, 'maxp'));
  const hhea = Buffer.from(need(first, 'hhea'));
  const head = Buffer.from(need(first, 'head'));
  parsed.forEach((t, c) => {
    const count = need(t, 'maxp').readUInt16BE(4);
    const long = need(t, 'head').readInt16BE(50) === 1;
    const loca = need(t, 'loca');
    const glyf = need(t, 'glyf');
    const offset = (g: number) => (long ? loca.readUInt32BE(4 * g) : 2 * loca.readUInt16BE(2 * g));
    const glyph = (g: number) => glyf.subarray(offset(g), offset(g + 1));
    const chunkCmap = readCmap(need(t, 'cmap'));
    // The glyphs to take: all, or those the code points reach and their components; every chunk's .notdef is the first's.
    let keep: number[];
    if (codePoints) {
      const set = new Set<number>();
      const stack = [...chunkCmap].filter(([cp]) => codePoints.has(cp)).map(([, g]) => g);
      while (stack.length) {
        const g = stack.pop()!;
        if (g === 0 || g >= count || set.has(g)) continue;
        set.add(g);
        stack.push(...components(glyph(g)));
      }
      keep = [...set].sort((a, b) => a - b);
    } else keep = Array.from({ length: count - 1 }, (_, i) => i + 1);
    if (c === 0) keep.unshift(0);
    const newId = new Map<number, number>([[0, 0]]);
    keep.forEach((g, i) => newId.set(g, glyphs.length + i));
    const map = (g: number) => newId.get(g) ?? 0;
    const h = readMetrics(need(t, 'hmtx'), need(t, 'hhea').readUInt16BE(34), count);
    const v = vertical ? readMetrics(need(t, 'vmtx'), need(t, 'vhea').readUInt16BE(34), count) : [];
    for (const g of keep) {
      glyphs.push(renumberComposite(glyph(g), map));
      hmetrics.push(h[g]!);
      if (vertical) vmetrics.push(v[g]!);
    }
    for (const [cp, g] of chunkCmap) if (!cmap.has(cp) && newId.has(g) && g !== 0) cmap.set(cp, map(g));
    // The largest of every maxp limit (points, contours, components…), the widest extents.
    const m = need(t, 'maxp');
    for (let at = 6; at + 2 <= Math.min(m.length, maxp.length); at += 2) maxp.writeUInt16BE(Math.max(maxp.readUInt16BE(at), m.readUInt16BE(at)), at);
    const hh = need(t, 'hhea');
    hhea.writeUInt16BE(Math.max(hhea.readUInt16BE(10), hh.readUInt16BE(10)), 10);
    hhea.writeInt16BE(Math.min(hhea.readInt16BE(12), hh.readInt16BE(12)), 12);
    hhea.writeInt16BE(Math.min(hhea.readInt16BE(14), hh.readInt16BE(14)), 14);
    hhea.writeInt16BE(Math.max(hhea.readInt16BE(16), hh.readInt16BE(16)), 16);
    const hd = need(t, 'head');
    head.writeInt16BE(Math.min(head.readInt16BE(36), hd.readInt16BE(36)), 36);
    head.writeInt16BE(Math.min(head.readInt16BE(38), hd.readInt16BE(38)), 38);
    head.writeInt16BE(Math.max(head.readInt16BE(40), hd.readInt16BE(40)), 40);
    head.writeInt16BE(Math.max(head.readInt16BE(42), hd.readInt16BE(42)), 42);
  });
  const padded = glyphs.map((g) => (g.length % 4 ? Buffer.concat([g, Buffer.alloc(4 - (g.length % 4))]) : g));
  const loca = Buffer.alloc(4 * (padded.length + 1));
  let at = 0;
  padded.forEach((g, i) => {
    loca.writeUInt32BE(at, 4 * i);
    at += g.length;
  });
  loca.writeUInt32BE(at, 4 * padded.length);
  maxp.writeUInt16BE(glyphs.length, 4);
  hhea.writeUInt16BE(glyphs.length, 34);
  head.writeInt16BE(1, 50); // long loca offsets
  head.writeUInt32BE(0, 8); // checkSumAdjustment, set by writeFont
  const post = Buffer.from(need(first, 'post').subarray(0, 32));
  post.writeUInt32BE(0x00030000, 0); // no glyph names
  const tables: Tables = new Map([
    ['head', head],
    ['hhea', hhea],
    ['maxp', maxp],
    ['OS/2', need(first, 'OS/2')],
    ['name', need(first, 'name')],
    ['cmap', writeCmap(cmap)],
    ['post', post],
    ['glyf', Buffer.concat(padded)],
    ['loca', loca],
    ['hmtx', writeMetrics(hmetrics)],
  ]);
  if (vertical) {
    const vhea = Buffer.from(need(first, 'vhea'));
    vhea.writeUInt16BE(glyphs.length, 34);
    tables.set('vhea', vhea);
    tables.set('vmtx', writeMetrics(vmetrics));
  }
  return writeFont(tables);
}
