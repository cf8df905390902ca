// usvg's simplified SVG (src/write/resvg.ts: text already outlines, every
// shape a path in absolute coordinates) → PDF drawing operators, so that a
// cover is vector art in the PDF, sharp at any resolution and with no font to
// embed. Only what the covers use is understood: paths and groups, grey fills
// and strokes, and matrix transforms. Anything else (a colour, transparency,
// a gradient, an image) is a mistake in the design for a cover printed in
// black ink alone, and stops the build rather than printing wrong.
import { deflateSync } from 'node:zlib';
import type { PDFContext, PDFRawStream } from 'pdf-lib';

export interface PdfDrawing {
  width: number;
  height: number;
  /** Content-stream operators, in PDF user space (origin bottom left), for a page of width × height. */
  content: string;
}

const num = (n: number) => {
  const v = Math.round(n * 1000) / 1000;
  return Object.is(v, -0) ? '0' : String(v);
};

/** '#rrggbb' → a DeviceGray level; greys only. */
function grayOf(color: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) throw new Error(`svg-to-pdf: colour 「${color}」 is not #rrggbb`);
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => parseInt(h, 16));
  if (r !== g || g !== b) throw new Error(`svg-to-pdf: colour ${color} is not a grey; a cover printed in black ink alone takes greys only`);
  return r! / 255;
}

/** `matrix(a b c d e f)` (usvg's only form) → the operands of `cm`. */
function matrixOf(transform: string): string {
  const m = /^matrix\(([^)]*)\)$/.exec(transform.trim());
  const values = m?.[1]!.split(/[\s,]+/).map(Number) ?? [];
  if (values.length !== 6 || values.some((v) => !Number.isFinite(v))) throw new Error(`svg-to-pdf: transform 「${transform}」 is not matrix(a b c d e f)`);
  return `${values.map(num).join(' ')} cm`;
}

/** Path data with absolute M, L, H, V, C, Q, Z → PDF path operators (quadratic curves raised to cubic). */
export function pathOperators(d: string): string {
  const tokens = d.match(/[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const out: string[] = [];
  let i = 0;
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  let cmd = '';
  const next = () => {
    const t = tokens[i++];
    if (t === undefined || !/^[-.\d]/.test(t)) throw new Error(`svg-to-pdf: path data ends early or is malformed: 「${d.slice(0, 60)}」`);
    return Number(t);
  };
  while (i < tokens.length) {
    if (/^[A-Za-z]$/.test(tokens[i]!)) cmd = tokens[i++]!;
    switch (cmd) {
      case 'M':
        cx = sx = next();
        cy = sy = next();
        out.push(`${num(cx)} ${num(cy)} m`);
        cmd = 'L'; // further pairs are lines
        break;
      case 'L':
        cx = next();
        cy = next();
        out.push(`${num(cx)} ${num(cy)} l`);
        break;
      case 'H':
        cx = next();
        out.push(`${num(cx)} ${num(cy)} l`);
        break;
      case 'V':
        cy = next();
        out.push(`${num(cx)} ${num(cy)} l`);
        break;
      case 'C': {
        const [x1, y1, x2, y2, x, y] = [next(), next(), next(), next(), next(), next()];
        out.push(`${[x1, y1, x2, y2, x, y].map(num).join(' ')} c`);
        cx = x;
        cy = y;
        break;
      }
      case 'Q': {
        const [qx, qy, x, y] = [next(), next(), next(), next()];
        const c1 = [cx + (2 / 3) * (qx - cx), cy + (2 / 3) * (qy - cy)];
        const c2 = [x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y)];
        out.push(`${[...c1, ...c2, x, y].map(num).join(' ')} c`);
        cx = x;
        cy = y;
        break;
      }
      case 'Z':
      case 'z':
        out.push('h');
        cx = sx;
        cy = sy;
        cmd = '';
        break;
      default:
        throw new Error(`svg-to-pdf: path command 「${cmd}」 is not one usvg writes (M L H V C Q Z)`);
    }
  }
  return out.join('\n');
}

const attributesOf = (tag: string): Map<string, string> => new Map([...tag.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

const capOf: Record<string, number> = { butt: 0, round: 1, square: 2 };
const joinOf: Record<string, number> = { miter: 0, 'miter-clip': 0, round: 1, bevel: 2, arcs: 0 };

function pathOf(attrs: Map<string, string>): string {
  const known = new Set(['d', 'fill', 'stroke', 'stroke-width', 'fill-rule', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'transform', 'id']);
  for (const [name, value] of attrs) {
    if (!known.has(name) && !(/opacity$/.test(name) && Number(value) === 1)) throw new Error(`svg-to-pdf: path attribute ${name}="${value}" is not supported (no transparency in PDF/X-1a)`);
  }
  const fill = attrs.get('fill') ?? '#000000';
  const stroke = attrs.get('stroke') ?? 'none';
  const ops: string[] = ['q'];
  const transform = attrs.get('transform');
  if (transform) ops.push(matrixOf(transform));
  const filled = fill !== 'none';
  const stroked = stroke !== 'none';
  if (filled) ops.push(`${num(grayOf(fill))} g`);
  if (stroked) {
    ops.push(`${num(grayOf(stroke))} G`, `${num(Number(attrs.get('stroke-width') ?? 1))} w`);
    const cap = attrs.get('stroke-linecap');
    const join = attrs.get('stroke-linejoin');
    if (cap) ops.push(`${capOf[cap] ?? 0} J`);
    if (join) ops.push(`${joinOf[join] ?? 0} j`);
    if (attrs.has('stroke-miterlimit')) ops.push(`${num(Number(attrs.get('stroke-miterlimit')))} M`);
  }
  ops.push(pathOperators(attrs.get('d') ?? ''));
  const evenOdd = attrs.get('fill-rule') === 'evenodd';
  ops.push(filled && stroked ? (evenOdd ? 'B*' : 'B') : filled ? (evenOdd ? 'f*' : 'f') : stroked ? 'S' : 'n');
  ops.push('Q');
  return ops.join('\n');
}

/** usvg's SVG → operators drawing it on a page of its size (SVG's y runs down, PDF's up: one flip at the start). */
export function svgToPdf(usvg: string): PdfDrawing {
  const root = /<svg\b([^>]*)>/.exec(usvg);
  if (!root) throw new Error('svg-to-pdf: no <svg> element');
  const a = attributesOf(root[1]!);
  const width = Number(a.get('width'));
  const height = Number(a.get('height'));
  if (!(width > 0 && height > 0)) throw new Error('svg-to-pdf: the <svg> has no width and height');
  const ops: string[] = ['q', `1 0 0 -1 0 ${num(height)} cm`];
  for (const m of usvg.slice(root.index + root[0].length).matchAll(/<(\/?)([\w:-]+)([^>]*?)(\/?)>/g)) {
    const [, closing, name, rest] = m;
    if (name === 'svg' && closing) break;
    if (name === 'defs') {
      if (!m[4] && !closing) throw new Error('svg-to-pdf: <defs> with content (gradients, clips, patterns) is not supported');
      continue;
    }
    if (name === 'g') {
      if (closing) {
        ops.push('Q');
        continue;
      }
      const g = attributesOf(rest!);
      for (const [k, v] of g) if (k !== 'transform' && k !== 'id' && !(/opacity$/.test(k) && Number(v) === 1)) throw new Error(`svg-to-pdf: group attribute ${k}="${v}" is not supported`);
      ops.push('q', ...(g.has('transform') ? [matrixOf(g.get('transform')!)] : []));
      if (m[4]) ops.push('Q');
      continue;
    }
    if (name === 'path') {
      ops.push(pathOf(attributesOf(rest!)));
      continue;
    }
    throw new Error(`svg-to-pdf: <${name}> is not supported`);
  }
  ops.push('Q');
  return { width, height, content: ops.join('\n') };
}

/**
 * A content stream deflated by Node's zlib (native), as pdf-lib's
 * `flateStream` deflates by pako (JavaScript, about ten times slower: a
 * cover's outlines took a fifth of a second).
 */
export function flateStream(context: PDFContext, content: string): PDFRawStream {
  return context.stream(deflateSync(Buffer.from(content, 'latin1')), { Filter: 'FlateDecode' });
}
