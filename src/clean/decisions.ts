// Apply a book's editorial decisions. Each decision names its paragraph by
// quoting it; a quote must match exactly one paragraph, so a decision can
// never silently act on the wrong text.
import type { EditRecord } from '../model/book.js';
import type { Decisions } from '../model/schema.js';
import { inputError } from '../errors.js';
import type { WorkPara } from './paragraphs.js';

export interface DecisionContext {
  file: string;
  lineOf: (path: (string | number)[]) => number;
}

export function findQuote(paras: WorkPara[], quote: string, ctx: DecisionContext, path: (string | number)[]): number {
  // Only the source's own paragraphs: never a note the editor inserted.
  const hits = paras.flatMap((p, i) => (p.kind !== 'note' && p.text.includes(quote) ? [i] : []));
  const place = { file: ctx.file, line: ctx.lineOf(path) };
  if (hits.length === 0) {
    throw inputError(
      `quote 「${quote}」 is not found in the source.`,
      'copy the quote exactly from the source text (same characters and spaces).',
      place,
    );
  }
  if (hits.length > 1) {
    const lines = hits.map((i) => paras[i]!.lines[0]).join(', ');
    throw inputError(
      `quote 「${quote}」 is found ${hits.length} times (source lines ${lines}).`,
      'quote more of the paragraph you mean, so that it matches only once.',
      place,
    );
  }
  return hits[0]!;
}

export function applyDecisions(
  input: WorkPara[],
  d: Decisions,
  ctx: DecisionContext,
): { paras: WorkPara[]; title: string; edits: EditRecord[] } {
  let paras = [...input];
  const edits: EditRecord[] = [];

  d.moves.forEach((m, i) => {
    const from = findQuote(paras, m.from, ctx, ['moves', i, 'from']);
    const through = findQuote(paras, m.through, ctx, ['moves', i, 'through']);
    if (through < from) {
      throw inputError(`move: 「${m.through}」 comes before 「${m.from}」.`, 'swap `from` and `through`.', {
        file: ctx.file,
        line: ctx.lineOf(['moves', i]),
      });
    }
    const block = paras.slice(from, through + 1);
    const rest = [...paras.slice(0, from), ...paras.slice(through + 1)];
    let at = rest.length;
    if (m.before !== undefined) at = findQuote(rest, m.before, ctx, ['moves', i, 'before']);
    else if (!m.toEnd) {
      throw inputError('move has neither `before` nor `toEnd`.', 'say where the block goes: `before: <quote>` or `toEnd: true`.', {
        file: ctx.file,
        line: ctx.lineOf(['moves', i]),
      });
    }
    paras = [...rest.slice(0, at), ...block, ...rest.slice(at)];
    edits.push({ kind: 'reorder', lines: block.flatMap((p) => p.lines), why: m.why });
  });

  const t = findQuote(paras, d.title.quote, ctx, ['title', 'quote']);
  const titlePara = paras[t]!;
  paras.splice(t, 1);
  edits.push({ kind: 'title', lines: titlePara.lines, from: titlePara.text, ...(d.title.why ? { why: d.title.why } : {}) });

  d.headings.forEach((h, i) => {
    const at = findQuote(paras, h.quote, ctx, ['headings', i, 'quote']);
    paras[at] = { ...paras[at]!, kind: 'heading', id: h.id };
    edits.push({ kind: 'heading', lines: paras[at]!.lines, from: paras[at]!.text, why: h.why });
  });

  d.gaps.forEach((g, i) => {
    if (g.after !== undefined) {
      if (g.speaker !== undefined) {
        throw inputError('gap: `speaker` gives the paragraph after a gap to its speaker, and a gap `after:` a paragraph has none.', 'remove `speaker`, or quote the paragraph that follows the gap with `before:`.', {
          file: ctx.file,
          line: ctx.lineOf(['gaps', i, 'speaker']),
        });
      }
      const at = findQuote(paras, g.after, ctx, ['gaps', i, 'after']);
      paras.splice(at + 1, 0, { text: g.note, lines: [], kind: 'note', noteKind: 'gap' });
      edits.push({ kind: 'gap', lines: paras[at]!.lines, to: g.note, why: g.why });
      return;
    }
    const at = findQuote(paras, g.before!, ctx, ['gaps', i, 'before']);
    const orphan = paras[at]!;
    if (g.speaker !== undefined) {
      if (!d.speakers.some((s) => s.id === g.speaker)) {
        throw inputError(`gap: speaker 「${g.speaker}」 is not one of the speakers.`, 'use a speaker id from `speakers:`.', {
          file: ctx.file,
          line: ctx.lineOf(['gaps', i, 'speaker']),
        });
      }
      paras[at] = { ...orphan, speaker: g.speaker };
      edits.push({ kind: 'attribute', lines: orphan.lines, to: g.speaker, why: g.why });
    }
    paras.splice(at, 0, { text: g.note, lines: [], kind: 'note', noteKind: 'gap' });
    edits.push({ kind: 'gap', lines: orphan.lines, to: g.note, why: g.why });
  });

  d.keepApart.forEach((k, i) => {
    const at = findQuote(paras, k.quote, ctx, ['keepApart', i, 'quote']);
    paras[at] = { ...paras[at]!, whole: true };
  });

  d.sic.forEach((q, i) => {
    const at = findQuote(paras, q.quote, ctx, ['sic', i, 'quote']);
    edits.push({ kind: 'sic', lines: paras[at]!.lines, from: q.quote, why: q.why });
  });

  d.parts.forEach((part, i) => {
    const at = findQuote(paras, part.start, ctx, ['parts', i, 'start']);
    const p = paras[at]!;
    const title = part.titleFromQuote ? p.text : part.title;
    if (title === undefined) {
      throw inputError(`part 「${part.id}」 has no title.`, 'give it `title:` or `titleFromQuote: true`.', {
        file: ctx.file,
        line: ctx.lineOf(['parts', i]),
      });
    }
    const opensPart = { id: part.id, title };
    if (part.titleFromQuote) {
      // The paragraph is the article's headline: it becomes the part title.
      const next = paras[at + 1];
      if (!next) throw inputError(`part 「${part.id}」 is empty.`, 'start the part at a paragraph that has text after it.', { file: ctx.file, line: ctx.lineOf(['parts', i]) });
      paras.splice(at, 1);
      paras[at] = { ...next, opensPart };
      edits.push({ kind: 'article', lines: p.lines, from: p.text, why: part.why });
    } else {
      paras[at] = { ...p, opensPart };
      edits.push({ kind: 'partTitle', lines: p.lines, to: title, ...(part.why ? { why: part.why } : {}) });
    }
  });
  if (paras[0]?.opensPart === undefined) {
    throw inputError('the first paragraph after the title opens no part.', 'make the first entry of `parts:` start at the first paragraph.', {
      file: ctx.file,
      line: ctx.lineOf(['parts', 0, 'start']),
    });
  }
  return { paras, title: titlePara.text, edits };
}
