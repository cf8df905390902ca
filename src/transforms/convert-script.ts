// One manuscript → an edition in Traditional (Taiwan forms) or Simplified
// script. OpenCC converts the text of the model only: ids, file names, URLs
// and markup never pass through it.
import * as OpenCC from 'opencc-js';
import type { Book, ConversionRecord, ConversionStep, Evidence, ExternalFact, Inline, Locale, Paragraph } from '../model/book.js';
import { quoteStyles, type Edition, type QuoteStyle } from '../model/edition.js';
import { diffChanges } from './char-changes.js';

/**
 * What OpenCC gets wrong for this kind of text, as phrase pairs applied after
 * it. Phrases, never lone characters: 合併 and 併購 are right as they are.
 */
export const projectDictionary: Record<Locale, [string, string][]> = {
  'zh-Hant': [
    ['提陞', '提升'],
    ['這里', '這裡'],
    ['那里', '那裡'],
    ['哪里', '哪裡'],
    ['併迅速', '並迅速'],
    ['受限于', '受限於'],
  ],
  // 著 is right in Simplified for 著作, but as a verb suffix the mainland writes 着;
  // OpenCC's t→cn leaves it when the source already used the Taiwan form.
  'zh-Hans': [
    ['套著', '套着'],
    ['接著', '接着'],
    ['笑著', '笑着'],
  ],
};

/** The marks of every other quotation style → this edition's (「」『』 in Taiwan, “”‘’ on the mainland). */
function quoteMarks(style: QuoteStyle): [RegExp, string][] {
  const own = [...style.primary, ...style.secondary];
  return quoteStyles
    .filter((other) => other !== style)
    .flatMap((other) => [...other.primary, ...other.secondary].map((mark, i): [RegExp, string] => [new RegExp(mark, 'g'), own[i]!]));
}

export type TextConverter = (text: string) => string;

/** The steps of one conversion, in order, each named for the record. */
function conversionSteps(from: Locale, edition: Edition): { step: ConversionStep; run: TextConverter }[] {
  const src = from === 'zh-Hant' ? 't' : 'cn';
  const dst = edition.script;
  // zh-Hant → zh-Hant still runs t→tw: it turns OpenCC's standard forms (爲, 裏, 着) into Taiwan's (為, 裡, 著).
  const opencc = src === dst ? (s: string) => s : OpenCC.Converter({ from: src, to: dst });
  const dict = projectDictionary[edition.locale];
  const marks = quoteMarks(edition.quotes);
  return [
    { step: 'script', run: opencc },
    {
      step: 'dictionary',
      run: (text) => {
        let out = text;
        for (const [a, b] of dict) out = out.split(a).join(b);
        return out;
      },
    },
    {
      step: 'quotes',
      // A mark between Latin letters is an apostrophe (Meta’s), not a quotation mark.
      run: (text) => {
        let out = text;
        for (const [re, mark] of marks) out = out.replace(re, (m: string, offset: number, s: string) => (/[A-Za-z]/.test(s[offset - 1] ?? '') && /[A-Za-z]/.test(s[offset + 1] ?? '') ? m : mark));
        return out;
      },
    },
  ];
}

/** The manuscript's script → the edition's: OpenCC, then the project dictionary, then the edition's quotation marks. */
export function makeConverter(from: Locale, edition: Edition): TextConverter {
  const steps = conversionSteps(from, edition);
  return (text) => steps.reduce((t, s) => s.run(t), text);
}

/** A converter that also counts, per step, every character it changes. */
function makeCountingConverter(from: Locale, edition: Edition): { convert: TextConverter; record: () => ConversionRecord } {
  const steps = conversionSteps(from, edition);
  const to = edition.locale;
  const counts = new Map<string, { step: ConversionStep; from: string; to: string; count: number }>();
  const convert: TextConverter = (text) =>
    steps.reduce((t, s) => {
      const out = s.run(t);
      for (const c of diffChanges(t, out)) {
        const key = `${s.step}\u0000${c.from}\u0000${c.to}`;
        const entry = counts.get(key) ?? { step: s.step, ...c, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      }
      return out;
    }, text);
  const record = (): ConversionRecord => ({
    from,
    to,
    phrases: false,
    changes: [...counts.values()].sort((a, b) => conversionStepOrder(a.step) - conversionStepOrder(b.step) || b.count - a.count || a.from.localeCompare(b.from)),
  });
  return { convert, record };
}

const conversionStepOrder = (s: ConversionStep) => (['script', 'dictionary', 'quotes', 'phrases'] as const).indexOf(s);

const inline = (c: TextConverter) => (i: Inline): Inline => ({ ...i, value: c(i.value) });
const para = (c: TextConverter) => (p: Paragraph): Paragraph => ({ ...p, content: p.content.map(inline(c)) });

/**
 * The whole book in another script. Pure; the input is not changed. The
 * text (title, part titles, headings and every paragraph but the editor's
 * notes) goes through a counting converter, so the edition records every
 * character its conversion changed (Book.conversion, listed in the notes).
 */
export function convertBook(book: Book, edition: Edition): Book {
  const to = edition.locale;
  const c = makeConverter(book.meta.language, edition);
  const counting = makeCountingConverter(book.meta.language, edition);
  const t = counting.convert;
  const opt = (s: string | undefined) => (s === undefined ? s : c(s));
  const quote = (s: string | undefined) => (to === book.meta.language ? s : opt(s));
  const m = book.meta;
  const frame = book.timelineFrame;
  const evidence = (ev: Evidence) => ({ ...ev, quote: c(ev.quote) });
  const external = (x: ExternalFact | undefined) => x && { ...x, fact: c(x.fact), source: c(x.source) };
  const converted: Book = {
    meta: {
      ...m,
      language: to,
      ...(to === m.language ? {} : { convertedFrom: m.language }),
      title: t(m.title),
      subtitle: opt(m.subtitle),
      event: { ...m.event, name: c(m.event.name), place: c(m.event.place) },
      credits: m.credits.map((cr) => ({ ...cr, name: c(cr.name), role: c(cr.role) })),
      publisher: c(m.publisher),
      rights: c(m.rights),
      speakers: m.speakers.map((s) => ({ ...s, name: c(s.name), aliases: s.aliases.map(c), role: opt(s.role), note: opt(s.note) })),
      sourceNote: opt(m.sourceNote),
      stageDirections: m.stageDirections.map(c),
    },
    parts: book.parts.map((part) => ({
      ...part,
      title: t(part.title),
      blocks: part.blocks.map((b) => {
        switch (b.type) {
          case 'turn':
            return { ...b, paragraphs: b.paragraphs.map(para(t)) };
          case 'note':
            return { ...b, paragraphs: b.paragraphs.map(para(c)) };
          case 'paragraph':
            return { ...b, paragraph: para(t)(b.paragraph) };
          case 'heading':
            return { ...b, text: t(b.text) };
        }
      }),
    })),
    // An edit quotes the source: in the source's own script it stays verbatim
    // (「提陞」→「提升」 must not read 「提升」→「提升」); in the other script it is converted.
    edits: book.edits.map((e) => ({ ...e, from: quote(e.from), to: quote(e.to), why: opt(e.why) })),
    timeline: book.timeline.map((e) => ({
      ...e,
      ...(e.when ? { when: { ...e.when, words: c(e.when.words) } } : {}),
      text: c(e.text),
      evidence: e.evidence.map(evidence),
      ...(e.external ? { external: external(e.external) } : {}),
    })),
    ...(frame
      ? {
          timelineFrame: {
            ...(frame.day ? { day: { ...frame.day, place: opt(frame.day.place), evidence: frame.day.evidence.map(evidence), ...(frame.day.external ? { external: external(frame.day.external) } : {}) } } : {}),
            groups: frame.groups.map((g) => ({ ...g, title: c(g.title), note: opt(g.note) })),
          },
        }
      : {}),
  };
  return { ...converted, conversion: counting.record() };
}
