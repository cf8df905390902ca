// Source text → numbered paragraphs. Every later clean step works on these,
// and each paragraph remembers the source lines it came from.
import type { Decisions } from '../model/schema.js';

export type WorkKind = 'text' | 'heading' | 'note';

export interface WorkPara {
  text: string;
  /** Source lines (1-based) this paragraph is made of. Empty for inserted notes. */
  lines: number[];
  kind: WorkKind;
  /** Heading id, for kind 'heading'. */
  id?: string;
  /** Speaker id, when a decision gives an unlabelled paragraph to a speaker. */
  speaker?: string;
  noteKind?: 'gap' | 'truncated';
  /** Whole though it ends with no stop (decisions `keepApart`): never joined with the next. */
  whole?: true;
  /** Opens like a label (「結論：…」) but goes on with the previous speaker: the writer escapes its colon. */
  continues?: true;
  /** Part this paragraph opens, with its title (set by decisions). */
  opensPart?: { id: string; title: string };
}

/** How a source marks its paragraphs (decisions.yaml `paragraphs`). */
export type Paragraphing = Decisions['paragraphs'];

/**
 * The source's paragraphs: each run of non-blank lines (a scrape that puts
 * a blank line between paragraphs), or each non-blank line (`lines`: one
 * that puts none).
 */
export function splitParagraphs(text: string, paragraphing: Paragraphing = 'blank-lines'): WorkPara[] {
  const out: WorkPara[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const prev = out[out.length - 1];
    const prevLine = prev?.lines[prev.lines.length - 1];
    if (prev && prevLine === i && paragraphing === 'blank-lines') {
      prev.text += line;
      prev.lines.push(i + 1);
    } else {
      out.push({ text: line, lines: [i + 1], kind: 'text' });
    }
  });
  return out;
}

export const firstLine = (p: WorkPara): number => p.lines[0] ?? 0;
