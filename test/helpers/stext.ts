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
