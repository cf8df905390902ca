// A PDF's glyphs as MuPDF places them (`mutool draw -F stext`): every
// character with its origin, font and size, grouped into printed lines.
// Independent of Chromium and of poppler, so what the typography tests
// measure is what a reader's viewer draws.
import { execFileSync } from 'node:child_process';

export interface Glyph {
  c: string;
  /** Origin (pt, from the page's top left), and the glyph's right edge. */
  x: number;
  y: number;
  right: number;
  font: string;
  size: number;
}

export interface PrintedLine {
  /** Baseline, pt from the top. */
  y: number;
  glyphs: Glyph[];
  text: string;
}

export interface PrintedPage {
  /** 1-based. */
  n: number;
  width: number;
  height: number;
  lines: PrintedLine[];
}

const decode = (s: string) =>
  s.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Every page's lines: glyphs on one baseline (MuPDF may cut a widely spaced line in pieces; they are joined), in reading order. */
export function readPrintedPages(file: string): PrintedPage[] {
  const xml = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', file], { encoding: 'utf8', maxBuffer: 512 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  const pages: PrintedPage[] = [];
  for (const p of xml.matchAll(/<page id="page(\d+)" width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    // MuPDF's own lines keep the content stream's (logical) order: a trimmed bracket's origin may lie left of the mark before it.
    const pieces: Glyph[][] = [];
    for (const line of p[4]!.matchAll(/<line [^>]*>([\s\S]*?)<\/line>/g)) {
      const glyphs: Glyph[] = [];
      for (const f of line[1]!.matchAll(/<font name="([^"]*)" size="([\d.]+)">([\s\S]*?)<\/font>/g)) {
        for (const c of f[3]!.matchAll(/<char quad="([^"]+)" x="([\d.-]+)" y="([\d.-]+)"[^>]* c="([^"]*)"\/>/g)) {
          const quad = c[1]!.split(' ').map(Number);
          glyphs.push({ c: decode(c[4]!), x: Number(c[2]), y: Number(c[3]), right: quad[2]!, font: f[1]!, size: Number(f[2]) });
        }
      }
      if (glyphs.length) pieces.push(glyphs);
    }
    const lines: PrintedLine[] = [];
    for (const piece of pieces) {
      const y = piece[0]!.y;
      const line = lines.find((l) => Math.abs(l.y - y) < 0.6);
      if (line) line.glyphs.push(...piece);
      else lines.push({ y, glyphs: [...piece], text: '' });
    }
    for (const l of lines) {
      // Pieces of one baseline (MuPDF cuts a widely spaced line), left to right; each piece in its own order.
      const byPiece = pieces.filter((pc) => l.glyphs.includes(pc[0]!)).sort((a, b) => a[0]!.x - b[0]!.x);
      l.glyphs = byPiece.flat();
      l.text = l.glyphs.map((g) => g.c).join('');
    }
    lines.sort((a, b) => a.y - b.y);
    pages.push({ n: Number(p[1]), width: Number(p[2]), height: Number(p[3]), lines });
  }
  return pages;
}

const han = /\p{Script=Han}/u;

/**
 * A line's spread: the average extra space between two adjacent ideographs
 * of the same size beyond their advance (1 em), in ems; punctuation and
 * CJK–Latin gaps are left out. undefined for a line with no such pair.
 */
export function lineSpread(line: PrintedLine): number | undefined {
  let sum = 0;
  let n = 0;
  for (let i = 0; i + 1 < line.glyphs.length; i++) {
    const a = line.glyphs[i]!;
    const b = line.glyphs[i + 1]!;
    if (!han.test(a.c) || !han.test(b.c) || Math.abs(a.size - b.size) > 0.01) continue;
    sum += (b.x - a.x) / a.size - 1;
    n++;
  }
  return n ? sum / n : undefined;
}

/** A glyph of a vertical page: its centre (pt, from the page's top left), as MuPDF places it (a sideways Latin letter too). */
interface PlacedGlyph {
  c: string;
  cx: number;
  cy: number;
  size: number;
}

export interface VerticalPage {
  n: number;
  /** The furniture: text above the text block (the running head) and below it (the folio), left to right. */
  head: string;
  foot: string;
  /** The text block's columns, right to left, each read top to bottom (an upright number's two digits left to right). */
  columns: { x: number; text: string; glyphs: { c: string; y: number; size: number }[] }[];
}

/**
 * A vertical (vertical-rl) PDF's pages read in reading order from MuPDF's
 * glyphs: poppler's pdftotext puts vertical text one character a line, and
 * its -layout mode interleaves columns; here the text block's glyphs are
 * gathered into columns by their centres (the body-size glyphs make the
 * columns; smaller ones, the superscript references, join the nearest),
 * columns read right to left, each top to bottom. `block` is the text
 * block's top and bottom, pt: what lies outside it is the furniture.
 */
export function readVerticalPages(file: string, block: { top: number; bottom: number }): VerticalPage[] {
  const xml = execFileSync('mutool', ['draw', '-F', 'stext', '-o', '-', file], { encoding: 'utf8', maxBuffer: 512 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  const pages: VerticalPage[] = [];
  for (const p of xml.matchAll(/<page id="page(\d+)" width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const glyphs: PlacedGlyph[] = [];
    for (const f of p[4]!.matchAll(/<font name="([^"]*)" size="([\d.]+)">([\s\S]*?)<\/font>/g)) {
      for (const c of f[3]!.matchAll(/<char quad="([^"]+)" x="([\d.-]+)" y="([\d.-]+)"[^>]* c="([^"]*)"\/>/g)) {
        const q = c[1]!.split(' ').map(Number);
        glyphs.push({ c: decode(c[4]!), cx: (q[0]! + q[2]! + q[4]! + q[6]!) / 4, cy: (q[1]! + q[3]! + q[5]! + q[7]!) / 4, size: Number(f[2]) });
      }
    }
    const inBlock = glyphs.filter((g) => g.cy > block.top && g.cy < block.bottom);
    const row = (list: PlacedGlyph[]) => list.sort((a, b) => a.cx - b.cx).map((g) => g.c).join('').trim();
    // Columns from the ideographs (centred in their column, so their centres agree), right to left;
    // every other glyph (punctuation, an upright number's digits, a sideways Latin letter, a small
    // reference) joins the nearest column, or, with none near, makes one (a column of Latin alone).
    const columns: { x: number; glyphs: PlacedGlyph[] }[] = [];
    const nearest = (g: PlacedGlyph, within: number) => columns.reduce<{ x: number; glyphs: PlacedGlyph[] } | undefined>((best, c) => (Math.abs(c.x - g.cx) <= within && (!best || Math.abs(c.x - g.cx) < Math.abs(best.x - g.cx)) ? c : best), undefined);
    const isHan = (g: PlacedGlyph) => han.test(g.c) && g.size >= 7.5;
    for (const g of inBlock.filter(isHan).sort((a, b) => b.cx - a.cx)) {
      const near = nearest(g, 2);
      if (near) near.glyphs.push(g);
      else columns.push({ x: g.cx, glyphs: [g] });
    }
    for (const g of inBlock.filter((x) => !isHan(x)).sort((a, b) => b.cx - a.cx)) {
      const near = nearest(g, Math.max(6, g.size * 0.6));
      if (near) near.glyphs.push(g);
      else columns.push({ x: g.cx, glyphs: [g] });
    }
    columns.sort((a, b) => b.x - a.x);
    pages.push({
      n: Number(p[1]),
      head: row(glyphs.filter((g) => g.cy <= block.top)),
      foot: row(glyphs.filter((g) => g.cy >= block.bottom)),
      columns: columns.map((c) => {
        const ordered = c.glyphs.sort((a, b) => (Math.abs(a.cy - b.cy) < 1 ? a.cx - b.cx : a.cy - b.cy));
        return { x: c.x, text: ordered.map((g) => g.c).join(''), glyphs: ordered.map((g) => ({ c: g.c, y: g.cy, size: g.size })) };
      }),
    });
  }
  return pages;
}
