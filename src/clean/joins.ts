import type { EditRecord } from '../model/book.js';
import type { WorkPara } from './paragraphs.js';
import { readOpening } from '../model/turn-label.js';

/** A paragraph that ends with none of these was cut mid-sentence. */
export const finished = /[。！？!?…」』”’）)：:.]$/u;
const latinEnd = /[A-Za-z0-9%]$/;
const latinStart = /^[A-Za-z0-9]/;

/**
 * Page breaks cut sentences in two (「…切出一模」 / 「一樣大小…」). Rejoin a
 * paragraph that stops mid-sentence with the next one when that one is plain
 * text of the same part. The join adds no break, and a space only where the
 * source's own style has one: between Chinese and Latin letters or digits.
 */
export function joinCutSentences(paras: WorkPara[], labels: string[]): { paras: WorkPara[]; edits: EditRecord[] } {
  const out: WorkPara[] = [];
  const edits: EditRecord[] = [];
  for (const p of paras) {
    const prev = out[out.length - 1];
    const canJoin =
      prev !== undefined &&
      prev.kind === 'text' &&
      p.kind === 'text' &&
      !finished.test(prev.text) &&
      !prev.whole &&
      p.opensPart === undefined &&
      p.speaker === undefined &&
      // A paragraph that opens like a label (a turn, or a label to report) is never the tail of a cut sentence.
      readOpening(p.text, labels).kind === 'text';
    if (!canJoin) {
      out.push(p);
      continue;
    }
    const space = latinEnd.test(prev.text) || latinStart.test(p.text) ? ' ' : '';
    const joined = prev.text + space + p.text;
    const [tail, head] = [clauseTail(prev.text), clauseHead(p.text)];
    edits.push({ kind: 'join', lines: [...prev.lines, ...p.lines], from: `${tail}¶${head}`, to: `${tail}${space}${head}` });
    out[out.length - 1] = { ...prev, text: joined, lines: [...prev.lines, ...p.lines] };
  }
  return { paras: out, edits };
}

/** Where a clause ends: the record quotes whole clauses, never half a word (「Transfor……」). */
const clauseEnd = /[，。！？；：、,;!?」』”]/u;
const maxQuote = 24;

/** The last clause of a cut paragraph: from its last clause mark (or at most 24 characters back, never inside a Latin word). */
export function clauseTail(text: string): string {
  let start = Math.max(0, text.length - maxQuote);
  for (let i = text.length - 1; i >= start; i--) if (clauseEnd.test(text[i]!)) return text.slice(i + 1);
  while (start > 0 && /[A-Za-z0-9]/.test(text[start - 1]!) && /[A-Za-z0-9]/.test(text[start]!)) start--;
  return text.slice(start);
}

/** The first clause of the paragraph that continues it: through its first clause mark (or at most 24 characters, never inside a Latin word). */
export function clauseHead(text: string): string {
  let end = Math.min(text.length, maxQuote);
  for (let i = 0; i < end; i++) if (clauseEnd.test(text[i]!)) return text.slice(0, i + 1);
  while (end < text.length && /[A-Za-z0-9]/.test(text[end - 1]!) && /[A-Za-z0-9]/.test(text[end]!)) end++;
  return text.slice(0, end);
}
