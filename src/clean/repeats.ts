import type { EditRecord } from '../model/book.js';
import type { Decisions } from '../model/schema.js';
import { inputError } from '../errors.js';
import type { DecisionContext } from './decisions.js';
import { firstLine, type WorkPara } from './paragraphs.js';

/**
 * Scrapes repeat whole paragraphs when a page is fetched twice. A paragraph
 * identical to an earlier one is dropped. Short ones (「是的。」) may honestly
 * be said twice, so they are kept unless the paragraph next to them is a
 * repeat too (a repeated run of paragraphs is a repeated page).
 *
 * Which copy is the stray one is the editor's call: by default the later copy
 * goes. A run listed under `repeatedRuns` in the decisions says which copy
 * stands in its place (the one whose sentences run on across its edges) and
 * why; the other copy is removed, with that reason.
 */
export function removeRepeats(
  paras: WorkPara[],
  runs: Decisions['repeatedRuns'] = [],
  ctx?: DecisionContext,
  minLength = 20,
): { paras: WorkPara[]; edits: EditRecord[] } {
  const edits: EditRecord[] = [];
  const dropped = new Set<number>();
  runs.forEach((m, i) => {
    const run = (quote: string, key: 'from' | 'through') => {
      const hits = paras.flatMap((p, j) => (p.text.includes(quote) ? [j] : []));
      const same = hits.length === 2 && paras[hits[0]!]!.text === paras[hits[1]!]!.text;
      if (!same) {
        throw inputError(
          `repeated run: 「${quote}」 is found in ${hits.length} paragraph(s), not in exactly two identical ones.`,
          'quote a paragraph that the source has twice, word for word, and nowhere else.',
          { file: ctx?.file ?? 'decisions', line: ctx?.lineOf(['repeatedRuns', i, key]) },
        );
      }
      return hits as [number, number];
    };
    const [a1, a2] = run(m.from, 'from');
    const [b1, b2] = run(m.through, 'through');
    const length = b1 - a1;
    const runsMatch = length >= 0 && b2 - a2 === length && paras.slice(a1, b1 + 1).every((p, k) => p.text === paras[a2 + k]!.text);
    if (!runsMatch) {
      throw inputError(
        `repeated run: the paragraphs from 「${m.from}」 through 「${m.through}」 do not form the same run in both copies.`,
        'quote the first and the last paragraph of one repeated run, in reading order.',
        { file: ctx?.file ?? 'decisions', line: ctx?.lineOf(['repeatedRuns', i]) },
      );
    }
    const [gone, stays] = m.keep === 'later' ? [a1, a2] : [a2, a1];
    for (let k = 0; k <= length; k++) {
      dropped.add(gone + k);
      edits.push({ kind: 'repeat', lines: paras[gone + k]!.lines, from: paras[gone + k]!.text, of: firstLine(paras[stays + k]!), why: m.why });
    }
  });

  const kept = paras.filter((_, i) => !dropped.has(i));
  const firstSeen = new Map<string, number>();
  const repeatOf: (number | undefined)[] = kept.map((p) => {
    const seen = firstSeen.get(p.text);
    if (seen === undefined) firstSeen.set(p.text, firstLine(p));
    return seen;
  });
  const isLong = (i: number) => (kept[i]?.text.length ?? 0) >= minLength;
  const drop = repeatOf.map(
    (of, i) => of !== undefined && (isLong(i) || repeatOf[i - 1] !== undefined || repeatOf[i + 1] !== undefined),
  );
  const out = kept.filter((p, i) => {
    if (!drop[i]) return true;
    edits.push({ kind: 'repeat', lines: p.lines, from: p.text, of: repeatOf[i] });
    return false;
  });
  return { paras: out, edits: edits.sort((x, y) => x.lines[0]! - y.lines[0]!) };
}
