// The cover as SVG (title, speakers, event), built as a hast tree like every
// other page. write/cover-png.ts turns it into the PNG the EPUB needs.
import { s } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Element } from 'hast';
import type { Book } from '../model/book.js';
import type { Strings } from './i18n.js';
import { splitTitle } from './chapters.js';

export const coverSize = { width: 1200, height: 1800 };

/** Rough advance of a string in em: CJK characters are square, Latin about half. */
export function measureEm(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u00ff]/.test(ch) ? (ch === ' ' ? 0.3 : 0.56) : 1;
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

export function renderCoverSvg(book: Book, t: Strings, fonts: { serif: string; sans: string }): string {
  const { width, height } = coverSize;
  const m = book.meta;
  const margin = 110;
  const textWidth = width - 2 * margin;
  const [main, rest] = splitTitle(m.title);
  const titleSize = 92;
  const titleLines = [...wrapText(main, textWidth / titleSize), ...(rest ? wrapText(rest, textWidth / (titleSize * 0.72)) : [])];
  const mainCount = wrapText(main, textWidth / titleSize).length;
  const text = (x: number, y: number, size: number, family: string, weight: number, fill: string, value: string, extra: Record<string, string | number> = {}): Element =>
    s('text', { x, y, fontSize: size, fontFamily: family, fontWeight: weight, fill, ...extra }, value);

  const children: Element[] = [
    s('rect', { x: 0, y: 0, width, height, fill: '#111111' }),
    s('rect', { x: 40, y: 40, width: width - 80, height: height - 80, fill: 'none', stroke: '#ffffff', strokeWidth: 3 }),
    text(margin, 250, 44, fonts.sans, 700, '#d8d8d8', m.event.name, { letterSpacing: 6 }),
    s('line', { x1: margin, y1: 300, x2: margin + 180, y2: 300, stroke: '#ffffff', strokeWidth: 6 }),
  ];
  let y = 470;
  titleLines.forEach((line, i) => {
    const size = i < mainCount ? titleSize : Math.round(titleSize * 0.72);
    children.push(text(margin, y, size, fonts.serif, 400, '#ffffff', line));
    y += size * 1.38;
  });
  // Two overlapping rings: two people in conversation.
  const cy = Math.max(y + 170, 1180);
  children.push(
    s('circle', { cx: width / 2 - 80, cy, r: 130, fill: 'none', stroke: '#ffffff', strokeWidth: 5 }),
    s('circle', { cx: width / 2 + 80, cy, r: 130, fill: 'none', stroke: '#9a9a9a', strokeWidth: 5 }),
  );
  const names = m.speakers.map((sp) => sp.name).join(' × ');
  children.push(text(width / 2, cy + 290, 64, fonts.sans, 700, '#ffffff', names, { textAnchor: 'middle' }));
  if (m.subtitle) {
    wrapText(m.subtitle, textWidth / 38).forEach((line, i) => children.push(text(width / 2, cy + 380 + i * 54, 38, fonts.sans, 400, '#d8d8d8', line, { textAnchor: 'middle' })));
  }
  children.push(text(width / 2, height - 110, 34, fonts.sans, 400, '#bdbdbd', `${t.editionName}・${m.publisher}`, { textAnchor: 'middle' }));
  const svg = s('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}` }, children);
  return toHtml(svg, { space: 'svg' });
}
