// Upright digits in vertical text (縱中橫, tate-chu-yoko): a number of one or
// two digits stands upright in the column, its digits side by side in one
// em (「29 日」, 「第 7 頁」), as clreq and jlreq set them; longer numbers
// (「2024」, 「3.1」) and Latin words lie on their side, the default of
// `text-orientation: mixed`. CSS could say this alone with
// `text-combine-upright: digits 2`, but Chromium (and so most reading
// systems) supports only `all`, which combines a whole element: so the render
// stage wraps each short number in a span.tcy, for the vertical edition
// only. Pure: a new tree, the text unchanged (only markup is added).
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';

/**
 * One or two digits standing alone: not part of a longer number, a decimal
 * (「3.1」), a Latin word or code (「H100」, 「A5」), a percentage or a time.
 */
export const uprightDigits = /(?<![\p{L}\p{N}.,:/])\d{1,2}(?![\p{L}\p{N}.,:/%])/gu;

/** Elements whose text is not running text: a URL is read as one string. */
const skip = new Set(['url']);

const classesOf = (el: Element): string[] => (Array.isArray(el.properties.className) ? el.properties.className.map(String) : []);

/** The same tree with every short number in a span.tcy. */
export function combineUprightDigits(el: Element): Element {
  if (classesOf(el).some((c) => skip.has(c) || c === 'tcy')) return el;
  const children: ElementContent[] = el.children.flatMap((child): ElementContent[] => {
    if (child.type === 'element') return [combineUprightDigits(child)];
    if (child.type !== 'text') return [child];
    const out: ElementContent[] = [];
    let at = 0;
    for (const m of child.value.matchAll(uprightDigits)) {
      if (m.index > at) out.push({ type: 'text', value: child.value.slice(at, m.index) });
      out.push(h('span.tcy', m[0]));
      at = m.index + m[0].length;
    }
    if (out.length === 0) return [child];
    if (at < child.value.length) out.push({ type: 'text', value: child.value.slice(at) });
    return out;
  });
  return { ...el, children };
}
