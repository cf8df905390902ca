// The cover as SVG (title, speakers, event), built as a hast tree like every
// other page, in three shapes: the front alone at the EPUB's 1200 × 1800
// (write/cover-png.ts makes the PNG), the front at a page's trim size (the
// reading PDF's first page), and the printer's cover sheet: back, spine and
// front on one sheet, with bleed and the marks' margin (the cover-sheet
// writer). All of them are drawn by resvg, without a browser, in greys only:
// a printed cover in black ink alone (K) has nothing to misregister.
import { s } from 'hastscript';
import type { Element } from 'hast';
import type { Book } from '../model/book.js';
import { bookDescription } from '../model/text.js';
import type { Strings } from './i18n.js';
import { splitTitle } from './chapters.js';
import { toSvg } from './serialize.js';

export const coverSize = { width: 1200, height: 1800 };

export interface CoverFonts {
  serif: string;
  sans: string;
}

/** Rough advance of a string in em: CJK characters are square, Latin capitals about 0.7, other Latin about half. */
export function measureEm(text: string): number {
  let w = 0;
  for (const ch of text) w += /[A-Z]/.test(ch) ? 0.7 : /[\u0000-\u00ff]/.test(ch) ? (ch === ' ' ? 0.3 : 0.56) : 1;
  return w;
}

/** Break text into lines no wider than `maxEm`, never inside a Latin word, never before closing punctuation. */
export function wrapText(text: string, maxEm: number): string[] {
  const tokens = text.match(/[A-Za-z0-9.+#%-]+|\s+|./gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    const next = line + tok;
    if (measureEm(next.trim()) > maxEm && line.trim() !== '' && !/^[，。、：；！？」』）]/.test(tok)) {
      lines.push(line.trim());
      line = tok.trimStart();
    } else line = next;
  }
  if (line.trim() !== '') lines.push(line.trim());
  return lines;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const ink = { background: '#111111', text: '#ffffff', soft: '#d8d8d8', faint: '#bdbdbd', ring: '#9a9a9a' } as const;

const text = (x: number, y: number, size: number, family: string, weight: number, fill: string, value: string, extra: Record<string, string | number> = {}): Element =>
  s('text', { x: r(x), y: r(y), fontSize: r(size), fontFamily: family, fontWeight: weight, fill, ...extra }, value);

/** Coordinates to a hundredth of a unit: the same cover, the same SVG. */
const r = (n: number) => Math.round(n * 100) / 100;

/**
 * The front, designed at 1200 × 1800 and drawn into `box`: sizes scale with
 * the smaller of the two ratios, positions with their own axis, so a front of
 * another shape (A5 is narrower than 2:3) keeps its proportions. The frame
 * stays at least `safe` inside the trim, where a cut a millimetre off does
 * not show.
 */
function frontPanel(book: Book, t: Strings, fonts: CoverFonts, box: Box, safe: number): Element[] {
  const m = book.meta;
  const sx = box.width / coverSize.width;
  const sy = box.height / coverSize.height;
  const k = Math.min(sx, sy);
  const X = (x: number) => box.x + x * sx;
  const Y = (y: number) => box.y + y * sy;
  const margin = 110;
  const textWidth = (coverSize.width - 2 * margin) * sx;
  const [main, rest] = splitTitle(m.title);
  const titleSize = 92 * k;
  const mainLines = wrapText(main, textWidth / titleSize);
  const titleLines = [...mainLines, ...(rest ? wrapText(rest, textWidth / (titleSize * 0.72)) : [])];
  const inset = Math.max(40 * k, safe);
  const children: Element[] = [
    s('rect', { x: r(box.x + inset), y: r(box.y + inset), width: r(box.width - 2 * inset), height: r(box.height - 2 * inset), fill: 'none', stroke: ink.text, strokeWidth: r(3 * k) }),
    text(X(margin), Y(250), 44 * k, fonts.sans, 700, ink.soft, m.event.name, { letterSpacing: r(6 * k) }),
    s('line', { x1: r(X(margin)), y1: r(Y(300)), x2: r(X(margin) + 180 * k), y2: r(Y(300)), stroke: ink.text, strokeWidth: r(6 * k) }),
  ];
  let y = Y(470);
  titleLines.forEach((line, i) => {
    const size = i < mainLines.length ? titleSize : titleSize * 0.72;
    children.push(text(X(margin), y, size, fonts.serif, 400, ink.text, line));
    y += size * 1.38;
  });
  // Two overlapping rings: two people in conversation.
  const cx = box.x + box.width / 2;
  const cy = Math.max(y + 170 * k, Y(1180));
  children.push(
    s('circle', { cx: r(cx - 80 * k), cy: r(cy), r: r(130 * k), fill: 'none', stroke: ink.text, strokeWidth: r(5 * k) }),
    s('circle', { cx: r(cx + 80 * k), cy: r(cy), r: r(130 * k), fill: 'none', stroke: ink.ring, strokeWidth: r(5 * k) }),
  );
  const names = m.speakers.map((sp) => sp.name).join(' × ');
  children.push(text(cx, cy + 290 * k, 64 * k, fonts.sans, 700, ink.text, names, { textAnchor: 'middle' }));
  if (m.subtitle) {
    wrapText(m.subtitle, textWidth / (38 * k)).forEach((line, i) => children.push(text(cx, cy + (380 + i * 54) * k, 38 * k, fonts.sans, 400, ink.soft, line, { textAnchor: 'middle' })));
  }
  children.push(text(cx, box.y + box.height - Math.max(110 * k, safe + 20 * k), 34 * k, fonts.sans, 400, ink.faint, `${t.editionName}${t.middleDot}${m.publisher}`, { textAnchor: 'middle' }));
  return children;
}

/** Every character the front shows: what its fonts must hold (the print's subset fonts draw it, src/write/pdf/cover-page.ts). */
export const coverText = (book: Book, t: Strings): string => {
  const m = book.meta;
  return [m.event.name, m.title, m.subtitle ?? '', m.speakers.map((sp) => sp.name).join(' × '), `${t.editionName}${t.middleDot}${m.publisher}`].join('');
};

const svgOf = (width: number, height: number, children: Element[]) =>
  toSvg(s('svg', { xmlns: 'http://www.w3.org/2000/svg', width: r(width), height: r(height), viewBox: `0 0 ${r(width)} ${r(height)}` }, children));

/** The front cover alone, filling `size` (the EPUB's 1200 × 1800 by default; a page's trim size in points for the PDF). */
export function renderCoverSvg(book: Book, t: Strings, fonts: CoverFonts, size: { width: number; height: number } = coverSize, safe = 0): string {
  const { width, height } = size;
  return svgOf(width, height, [s('rect', { x: 0, y: 0, width: r(width), height: r(height), fill: ink.background }), ...frontPanel(book, t, fonts, { x: 0, y: 0, width, height }, safe)]);
}

/** The printer's cover sheet, in points. */
export interface CoverSheet {
  /** One cover's trim size (the book's page size). */
  trim: { width: number; height: number };
  /** The spine's width: from the interior's page count and the paper's thickness. */
  spine: number;
  /** Beyond the trim on every outer edge. */
  bleed: number;
  /** Beyond the bleed, for the crop marks and the slug line. */
  marks: number;
  /** Which side the front is on: the right in a left-to-right book, the left in a right-to-left one. */
  progression: 'ltr' | 'rtl';
  /** Content that must not be cut stays this far inside the trim and the spine's folds. */
  safe: number;
}

/** Where the parts of the sheet are, in points from its top left corner. */
export interface CoverLayout {
  width: number;
  height: number;
  /** The trimmed cover: back, spine and front. */
  trim: Box;
  bleed: Box;
  back: Box;
  spine: Box;
  front: Box;
}

export function layoutCoverSheet(sheet: CoverSheet): CoverLayout {
  const { trim, spine, bleed, marks } = sheet;
  const o = bleed + marks;
  const trimBox = { x: o, y: o, width: 2 * trim.width + spine, height: trim.height };
  const left = { x: o, y: o, width: trim.width, height: trim.height };
  const spineBox = { x: o + trim.width, y: o, width: spine, height: trim.height };
  const right = { x: o + trim.width + spine, y: o, width: trim.width, height: trim.height };
  return {
    width: trimBox.width + 2 * o,
    height: trimBox.height + 2 * o,
    trim: trimBox,
    bleed: { x: marks, y: marks, width: trimBox.width + 2 * bleed, height: trimBox.height + 2 * bleed },
    back: sheet.progression === 'ltr' ? left : right,
    spine: spineBox,
    front: sheet.progression === 'ltr' ? right : left,
  };
}

/** The smallest spine that takes a line of text (about 6 mm, as print-on-demand services ask); a thinner one stays plain. */
export const minSpineForText = 6 * (72 / 25.4);

/**
 * The cover sheet: the dark ground over the whole bleed box, the front, the
 * spine (its text top to bottom, upright, as Chinese spines read, when it is
 * wide enough to take it) and the back with the book's description. The marks
 * and the slug line outside the bleed are the writer's (src/write/cover-sheet.ts).
 */
export function renderCoverSheetSvg(book: Book, t: Strings, fonts: CoverFonts, sheet: CoverSheet): string {
  const m = book.meta;
  const L = layoutCoverSheet(sheet);
  const { safe } = sheet;
  const children: Element[] = [
    s('rect', { x: r(L.bleed.x), y: r(L.bleed.y), width: r(L.bleed.width), height: r(L.bleed.height), fill: ink.background }),
    ...frontPanel(book, t, fonts, L.front, safe),
  ];
  // The back: the description, who speaks, and the edition, inside the safe area.
  const back = L.back;
  const size = Math.min(back.width / 30, 11);
  const x = back.x + Math.max(safe, back.width * 0.12);
  // One em short of the measure: wrapText lets a closing mark hang past it.
  const measure = (back.width - 2 * (x - back.x)) / (size * 1.15) - 1;
  let y = back.y + back.height * 0.22;
  for (const line of wrapText(bookDescription(m), measure)) {
    children.push(text(x, y, size * 1.15, fonts.serif, 400, ink.text, line));
    y += size * 1.15 * 1.7;
  }
  y += size * 2;
  for (const sp of m.speakers) {
    children.push(text(x, y, size, fonts.sans, 700, ink.soft, sp.name), ...(sp.role ? [text(x + (measureEm(sp.name) + 1) * size, y, size, fonts.sans, 400, ink.soft, sp.role)] : []));
    y += size * 1.8;
  }
  children.push(text(x, back.y + back.height - Math.max(safe, back.height * 0.08), size * 0.85, fonts.sans, 400, ink.faint, `${t.editionName}　${m.publisher}`));
  // The spine, top to bottom: the title's first clause, then the publisher at the foot.
  const spine = L.spine;
  if (spine.width >= minSpineForText) {
    const em = Math.min(spine.width * 0.5, 12);
    const cx = spine.x + spine.width / 2;
    const top = spine.y + Math.max(safe, 3 * em);
    const vertical = { writingMode: 'tb', textAnchor: 'start' };
    children.push(text(cx, top, em, fonts.serif, 400, ink.text, splitTitle(m.title)[0].replace(/[：:]$/, ''), vertical));
    const foot = m.publisher;
    children.push(text(cx, spine.y + spine.height - Math.max(safe, 3 * em) - measureEm(foot) * em * 0.8, em * 0.8, fonts.sans, 400, ink.soft, foot, vertical));
  }
  return svgOf(L.width, L.height, children);
}
