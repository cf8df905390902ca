// Raw scrape + editorial decisions → manuscript Markdown and the record of
// every change. Pure: the caller reads and writes the files.
import type { EditRecord } from '../model/book.js';
import type { Decisions, FrontMatter } from '../model/schema.js';
import { inputError } from '../errors.js';
import { applyDecisions, type DecisionContext } from './decisions.js';
import { detachCredits } from './credits.js';
import { emitManuscript } from './emit.js';
import { joinCutSentences } from './joins.js';
import { checkLabels } from './labels.js';
import { splitParagraphs } from './paragraphs.js';
import { removeRepeats } from './repeats.js';
import { markTruncation } from './truncation.js';
import { repairTypography } from './typography.js';

export interface CleanResult {
  manuscript: string;
  edits: EditRecord[];
}

export function cleanSource(source: string, decisions: Decisions, ctx: DecisionContext & { sourceFile: string }): CleanResult {
  const labels = decisions.speakers.flatMap((s) => [s.name, ...s.aliases]);
  const split = splitParagraphs(source);
  const repeats = removeRepeats(split);
  const credits = detachCredits(repeats.paras, decisions.credits.map((c) => c.name), ctx.sourceFile);
  const decided = applyDecisions(credits.paras, decisions, ctx);
  const truncated = markTruncation(decided.paras, decisions.meta.language);
  const joined = joinCutSentences(truncated.paras, labels);
  const labelled = checkLabels(joined.paras, decisions, ctx);
  decisions.artefacts.forEach((a, i) => {
    if (!labelled.some((p) => p.text.includes(a.from))) {
      throw inputError(`artefact 「${a.from}」 is not found in the source.`, 'copy it exactly from the source, or remove the entry.', {
        file: ctx.file,
        line: ctx.lineOf(['artefacts', i, 'from']),
      });
    }
  });
  const typeset = repairTypography(
    labelled,
    source.split('\n'),
    decisions.artefacts.map((a) => [a.from, a.to]),
  );

  const front: FrontMatter = {
    ...decisions.meta,
    title: decided.title,
    credits: decisions.credits,
    speakers: decisions.speakers,
    stageDirections: decisions.stageDirections,
  };
  const name = (id: string) => decisions.speakers.find((s) => s.id === id)?.name ?? id;
  const edits = [
    ...repeats.edits,
    ...credits.edits,
    ...decided.edits,
    ...truncated.edits,
    ...joined.edits,
    ...typeset.edits,
  ];
  return { manuscript: emitManuscript(front, typeset.paras, name), edits };
}
