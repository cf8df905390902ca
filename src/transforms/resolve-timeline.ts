// Timeline data → timeline events whose evidence points at paragraph ids.
// A quote must be found in exactly one paragraph: a timeline entry the text
// does not support cannot get into the book.
import type { Book, TimelineEvent } from '../model/book.js';
import type { TimelineData } from '../model/schema.js';
import { inputError } from '../errors.js';
import { allParagraphs, inlineText } from '../model/text.js';

export interface TimelineContext {
  file: string;
  lineOf: (path: (string | number)[]) => number;
}

export function resolveTimeline(book: Book, data: TimelineData, ctx: TimelineContext): Book {
  const paragraphs = allParagraphs(book).filter((p) => p.block.type !== 'note');
  const ids = new Set<string>();
  const timeline: TimelineEvent[] = data.events.map((e, i) => {
    if (ids.has(e.id)) {
      throw inputError(`the event id 「${e.id}」 is used twice.`, 'give every event its own id.', { file: ctx.file, line: ctx.lineOf(['events', i, 'id']) });
    }
    ids.add(e.id);
    const evidence = e.evidence.map((quote, j) => {
      const hits = paragraphs.filter((p) => inlineText(p.paragraph.content).includes(quote));
      const place = { file: ctx.file, line: ctx.lineOf(['events', i, 'evidence', j]) };
      if (hits.length === 0) {
        throw inputError(`evidence 「${quote}」 is not found in the manuscript.`, 'copy the quote exactly from manuscript.md.', place);
      }
      if (hits.length > 1) {
        throw inputError(
          `evidence 「${quote}」 is found in ${hits.length} paragraphs (${hits.map((h) => h.paragraph.id).join(', ')}).`,
          'quote more of the passage you mean, so that it matches only one paragraph.',
          place,
        );
      }
      return { quote, paragraph: hits[0]!.paragraph.id };
    });
    const { evidence: _quotes, ...rest } = e;
    return { ...rest, order: i + 1, evidence };
  });
  return { ...book, timeline };
}
