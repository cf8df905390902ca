// Raw scrape + editorial decisions → manuscript Markdown and the record of
// every change. Pure: the caller reads and writes the files.
import type { EditRecord } from '../model/book.js';
import type { WorkPara } from './paragraphs.js';
import type { Decisions, FrontMatter } from '../model/schema.js';
import { inputError } from '../errors.js';
import { applyDecisions, type DecisionContext } from './decisions.js';
import { detachCredits } from './credits.js';
import { emitManuscript, type Emitted } from './emit.js';
import { joinCutSentences } from './joins.js';
import { checkLabels } from './labels.js';
import { splitParagraphs } from './paragraphs.js';
import { removeRepeats } from './repeats.js';
import { markTruncation } from './truncation.js';
import { repairTypography } from './typography.js';

export interface CleanResult {
  manuscript: string;
  edits: EditRecord[];
  /** The source lines of the paragraph (or heading) that starts at each line of the manuscript. */
  sourceLinesAt: Map<number, number[]>;
}

export function cleanSource(source: string, decisions: Decisions, ctx: DecisionContext & { sourceFile: string }): CleanResult {
  const labels = decisions.speakers.flatMap((s) => [s.name, ...s.aliases]);
  const split = splitParagraphs(source, decisions.paragraphs);
  const repeats = removeRepeats(split, decisions.repeatedRuns, ctx);
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
    decisions.artefacts,
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
  const emitted = emitManuscript(front, typeset.paras, name);
  const sourceLinesAt = new Map([...emitted.lineOf].map(([p, line]) => [line, p.lines]));
  return { manuscript: emitted.manuscript, edits: edits.map((e) => placeEdit(e, typeset.paras, emitted)), sourceLinesAt };
}

/**
 * Where a change now stands in the manuscript: the line of the paragraph
 * made from the edit's source lines (for a removed repeat, the copy kept;
 * for a part title, the part's heading). The book links each entry of the
 * editorial notes there; the book's own title has no place in the text.
 */
function placeEdit(e: EditRecord, paras: WorkPara[], emitted: Emitted): EditRecord {
  let at: number | undefined;
  if (e.kind === 'partTitle' || e.kind === 'article') {
    const title = e.kind === 'partTitle' ? e.to : e.from;
    const opener = paras.find((p) => p.opensPart?.title === title);
    at = opener && emitted.partLineOf.get(opener);
  } else if (e.kind !== 'title') {
    const lines = e.kind === 'repeat' && e.of !== undefined ? [e.of] : e.lines;
    const para = paras.find((p) => p.kind !== 'note' && p.lines.some((l) => lines.includes(l)));
    at = para && emitted.lineOf.get(para);
  }
  return at === undefined ? e : { ...e, at };
}
