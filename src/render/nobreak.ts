// Units a line must not split: a number and its unit (「29 日」「600,000 塊」),
// a date in the 年月日 form (「2024 年 7 月 29 日」), 「第 N 頁」. clreq's line breaking rules
// keep such a unit on one line; the book does it with
// markup, a no-wrap span around the unit, and never by putting characters
// into the text, so every check that compares the text with the source
// still finds the source's characters.
import { h } from 'hastscript';
import type { Child } from './context.js';

/** Measure words and units that follow a number in this kind of text. */
const units = '年月日號号時时分秒个個塊块位篇歲岁倍萬万億亿千百次名家頁页行款台項项條条張张週周天人代點点度元層层種种件部座場场章節节期屆届季集輛辆成';

// A number not glued to a Latin word (「H100」 stays a word of its own), then
// its unit; or a whole date; or 第 + number + unit.
const unitPattern = new RegExp(
  [
    `\\d{1,4} ?年 ?\\d{1,2} ?月(?: ?\\d{1,2} ?日)?`,
    `\\d{1,2} ?月 ?\\d{1,2} ?日`,
    `第 ?\\d[\\d,.]* ?[${units}至]?`,
    `(?<![A-Za-z0-9.,])\\d[\\d,.]*%? ?(?:小時|小时|分鐘|分钟|[${units}])`,
  ].join('|'),
  'gu',
);

/** Text as children: each unit that must stay on one line in a span.nobr, the rest as text. */
export function keepUnits(text: string): Child[] {
  const out: Child[] = [];
  let at = 0;
  for (const m of text.matchAll(unitPattern)) {
    if (m.index > at) out.push(text.slice(at, m.index));
    out.push(h('span.nobr', m[0]));
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** The units keepUnits would keep on one line in `text` (for the checks that read the PDF back). */
export const unitsIn = (text: string): string[] => [...text.matchAll(unitPattern)].map((m) => m[0]);
