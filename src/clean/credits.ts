import type { EditRecord } from '../model/book.js';
import { inputError } from '../errors.js';
import type { WorkPara } from './paragraphs.js';

const creditLabel = /^(來源|来源|出處|出处|Source)\s*[：:]\s*/;

/**
 * News scrapes glue the credit line onto the first sentence
 * (「來源：倍可親作為擁有…」). The credit goes to the metadata; the sentence
 * stays. The credit's name cannot be told from the sentence by rule, so the
 * known names come from the book's decisions.
 */
export function detachCredits(
  paras: WorkPara[],
  names: string[],
  file: string,
): { paras: WorkPara[]; edits: EditRecord[] } {
  const edits: EditRecord[] = [];
  const out: WorkPara[] = [];
  for (const p of paras) {
    const m = creditLabel.exec(p.text);
    if (!m) {
      out.push(p);
      continue;
    }
    const rest = p.text.slice(m[0].length);
    const name = names.find((n) => rest.startsWith(n));
    if (name === undefined) {
      throw inputError(
        `credit 「${p.text.slice(0, 24)}…」 names a source that is not in the decisions.`,
        'add the source\'s name under `credits:` in the decisions file.',
        { file, line: p.lines[0] },
      );
    }
    const body = rest.slice(name.length).trimStart();
    const credit = p.text.slice(0, p.text.length - body.length);
    edits.push({ kind: 'credit', lines: p.lines, from: credit, to: '' });
    if (body !== '') out.push({ ...p, text: body });
  }
  return { paras: out, edits };
}
