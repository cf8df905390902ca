import type { Decisions } from '../model/schema.js';
import { readOpening } from '../model/turn-label.js';
import { inputError } from '../errors.js';
import type { DecisionContext } from './decisions.js';
import { findQuote } from './decisions.js';
import type { WorkPara } from './paragraphs.js';

/**
 * Check every paragraph of a conversation part against the turn-label rule
 * the reader applies (model/turn-label.ts), so `npm run clean` never writes a
 * manuscript whose speakers the reader would see differently. A paragraph
 * that opens like a label but is not one stops the step at its source line,
 * unless the decisions say it goes on with the previous speaker
 * (`continuations`): then the writer escapes its colon.
 */
export function checkLabels(
  paras: WorkPara[],
  decisions: Decisions,
  ctx: DecisionContext & { sourceFile: string },
): WorkPara[] {
  const names = decisions.speakers.flatMap((s) => [s.name, ...s.aliases]);
  const out = [...paras];
  decisions.continuations.forEach((c, i) => {
    const at = findQuote(out, c.quote, ctx, ['continuations', i, 'quote']);
    const opening = readOpening(out[at]!.text, names);
    if (opening.kind !== 'bad-label' || opening.known) {
      throw inputError(
        `continuation 「${c.quote}」 does not open like an unknown label, so it needs no entry.`,
        'remove the entry (only a paragraph such as 「結論：…」 in a conversation needs one).',
        { file: ctx.file, line: ctx.lineOf(['continuations', i, 'quote']) },
      );
    }
    out[at] = { ...out[at]!, continues: true };
  });

  // Parts, as the reader will see them: a part is a conversation if any of its paragraphs opens with a speaker's name and a colon.
  const parts: WorkPara[][] = [];
  for (const p of out) {
    if (p.opensPart || parts.length === 0) parts.push([]);
    parts[parts.length - 1]!.push(p);
  }
  for (const part of parts) {
    const text = part.filter((p) => p.kind === 'text' && p.speaker === undefined && !p.continues);
    const openings = text.map((p) => [p, readOpening(p.text, names)] as const);
    const conversation = part.some((p) => p.speaker !== undefined) || openings.some(([, o]) => o.kind === 'turn' || (o.kind === 'bad-label' && o.known));
    if (!conversation) continue;
    for (const [p, o] of openings) {
      if (o.kind !== 'bad-label') continue;
      throw inputError(
        o.message,
        o.known
          ? o.fix
          : `add 「${o.name}」 to a speaker's \`aliases\` in the decisions; if it is a heading, list it under \`headings:\`; if the paragraph goes on with the previous speaker, list it under \`continuations:\`.`,
        { file: ctx.sourceFile, line: p.lines[0] },
      );
    }
  }
  return out;
}
