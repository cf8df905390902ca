// Timeline data → timeline events whose evidence points at paragraph ids.
// A quote must be found in exactly one paragraph: a timeline entry the text
// does not support cannot get into the book. So must every field that claims
// to come from the text: a date said to be in the text must be there, and the
// text's words for a time must be in a quoted paragraph. Anything else is
// marked as the editor's inference or as a fact from outside the text.
import type { Book, Evidence, TimelineEvent, TimelineFrame } from '../model/book.js';
import type { TimelineData } from '../model/schema.js';
import { inputError, type Place } from '../errors.js';
import { allParagraphs, inlineText } from '../model/text.js';

export interface TimelineContext {
  file: string;
  lineOf: (path: (string | number)[]) => number;
}

type Path = (string | number)[];

export function resolveTimeline(book: Book, data: TimelineData, ctx: TimelineContext): Book {
  const paragraphs = allParagraphs(book).filter((p) => p.block.type !== 'note');
  const kindOf = new Map(book.parts.map((p) => [p.id, p.kind]));
  const partOf = new Map(paragraphs.map((p) => [p.paragraph.id, p.partId]));
  const textOf = new Map(paragraphs.map((p) => [p.paragraph.id, inlineText(p.paragraph.content)]));
  const at = (path: Path): Place => ({ file: ctx.file, line: ctx.lineOf(path) });

  const resolve = (quotes: string[], path: Path): Evidence[] =>
    quotes.map((quote, j) => {
      const hits = paragraphs.filter((p) => inlineText(p.paragraph.content).includes(quote));
      if (hits.length === 0) throw inputError(`evidence 「${quote}」 is not found in the manuscript.`, 'copy the quote exactly from manuscript.md.', at([...path, j]));
      if (hits.length > 1) {
        throw inputError(
          `evidence 「${quote}」 is found in ${hits.length} paragraphs (${hits.map((h) => h.paragraph.id).join(', ')}).`,
          'quote more of the passage you mean, so that it matches only one paragraph.',
          at([...path, j]),
        );
      }
      return { quote, paragraph: hits[0]!.paragraph.id };
    });
  const quoted = (evidence: Evidence[]) => evidence.map((e) => textOf.get(e.paragraph)!).join('\n');

  /** A date said to be in the text must be: its year, and its month and day when it has them. */
  const checkDate = (date: string | undefined, basis: string | undefined, external: unknown, evidence: Evidence[], path: Path) => {
    if ((date === undefined) !== (basis === undefined)) {
      throw inputError('a date needs its `dateBasis` (text or external), and a `dateBasis` needs a date.', 'give both, or neither.', at(path));
    }
    if (basis === 'external' && external === undefined) {
      throw inputError(`the date ${date} is marked as from outside the text, but no source is given.`, 'add `external:` with the fact and its public source.', at([...path, 'dateBasis']));
    }
    if (basis === 'text') {
      const [y, m, d] = date!.split('-').map(Number);
      const text = quoted(evidence);
      const missing = [`${y}`, ...(m ? [`${m} 月`, `${d} 日`] : [])].filter((part) => !text.includes(part));
      if (missing.length) {
        throw inputError(
          `the date ${date} is marked as in the text, but the quoted paragraphs do not say ${missing.map((x) => `「${x}」`).join('')}.`,
          'mark it `dateBasis: external` and give its source under `external:`.',
          at([...path, 'date']),
        );
      }
    }
  };

  let frame: TimelineFrame['day'];
  if (data.day) {
    const evidence = resolve(data.day.evidence, ['day', 'evidence']);
    checkDate(data.day.date, data.day.dateBasis, data.day.external, evidence, ['day']);
    if (data.day.place !== undefined && !quoted(evidence).includes(data.day.place)) {
      throw inputError(`the place 「${data.day.place}」 is not in the quoted paragraphs.`, 'write the place in the words of the text, and quote the paragraph that says it.', at(['day', 'place']));
    }
    const { evidence: _q, ...rest } = data.day;
    frame = { ...rest, evidence };
  }

  const ids = new Set<string>();
  const events: TimelineEvent[] = [];
  data.groups.forEach((g, gi) => {
    if (g.onDay && !data.day) throw inputError(`group 「${g.id}」 is on the day of the conversation, but no \`day:\` is given.`, 'add `day:` with the date and its evidence, or remove `onDay`.', at(['groups', gi, 'onDay']));
    const groupIds = new Set<string>();
    g.events.forEach((e, ei) => {
      const path: Path = ['groups', gi, 'events', ei];
      if (ids.has(e.id)) throw inputError(`the event id 「${e.id}」 is used twice.`, 'give every event its own id.', at([...path, 'id']));
      ids.add(e.id);
      const evidence = resolve(e.evidence, [...path, 'evidence']);
      checkDate(e.date, e.dateBasis, e.external, evidence, path);
      if (e.when !== undefined && e.whenInferred !== undefined) {
        throw inputError('an event has both `when` and `whenInferred`.', 'keep `when` for the text\'s own words, or `whenInferred` for the editor\'s inference, not both.', at([...path, 'when']));
      }
      if (e.when !== undefined && !quoted(evidence).includes(e.when)) {
        throw inputError(`when 「${e.when}」 is not in the quoted paragraphs.`, 'quote the text\'s own words for the time, or write it as `whenInferred` (shown as the editor\'s inference).', at([...path, 'when']));
      }
      if (e.follows !== undefined && !groupIds.has(e.follows)) {
        throw inputError(`the event 「${e.id}」 follows 「${e.follows}」, which is not an earlier event of the same group.`, 'name an event listed above it in this group.', at([...path, 'follows']));
      }
      groupIds.add(e.id);
      const when = e.when !== undefined ? { words: e.when, basis: 'text' as const } : e.whenInferred !== undefined ? { words: e.whenInferred, basis: 'inferred' as const } : undefined;
      const reported = evidence.every((ev) => kindOf.get(partOf.get(ev.paragraph)!) !== 'conversation');
      const { evidence: _q, when: _w, whenInferred: _i, ...rest } = e;
      events.push({ ...rest, order: events.length + 1, group: g.id, ...(when ? { when } : {}), reported, evidence });
    });
  });
  const groups = data.groups.map(({ events: _e, ...g }) => g);
  return { ...book, timeline: events, timelineFrame: { ...(frame ? { day: frame } : {}), groups } };
}
