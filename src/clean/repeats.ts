import type { EditRecord } from '../model/book.js';
import { firstLine, type WorkPara } from './paragraphs.js';

/**
 * Scrapes repeat whole paragraphs when a page is fetched twice. A paragraph
 * identical to an earlier one is dropped. Short ones (「是的。」) may honestly
 * be said twice, so they are kept unless the paragraph next to them is a
 * repeat too (a repeated run of paragraphs is a repeated page).
 */
export function removeRepeats(paras: WorkPara[], minLength = 20): { paras: WorkPara[]; edits: EditRecord[] } {
  const firstSeen = new Map<string, number>();
  const repeatOf: (number | undefined)[] = paras.map((p) => {
    const seen = firstSeen.get(p.text);
    if (seen === undefined) firstSeen.set(p.text, firstLine(p));
    return seen;
  });
  const isLong = (i: number) => (paras[i]?.text.length ?? 0) >= minLength;
  const drop = repeatOf.map(
    (of, i) => of !== undefined && (isLong(i) || repeatOf[i - 1] !== undefined || repeatOf[i + 1] !== undefined),
  );
  const edits: EditRecord[] = [];
  const kept = paras.filter((p, i) => {
    if (!drop[i]) return true;
    edits.push({ kind: 'repeat', lines: p.lines, from: p.text, of: repeatOf[i] });
    return false;
  });
  return { paras: kept, edits };
}
