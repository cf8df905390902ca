// One manuscript → an edition in Traditional (Taiwan forms) or Simplified
// script. OpenCC converts the text of the model only: ids, file names, URLs
// and markup never pass through it.
import * as OpenCC from 'opencc-js';
import type { Book, ConversionRecord, ConversionStep, Evidence, ExternalFact, Inline, Locale, Paragraph } from '../model/book.js';
import { quoteStyles, type Edition, type OpenccLocale, type QuoteStyle } from '../model/edition.js';
import { diffChanges, type Change } from './char-changes.js';
import { outsideQuotations, phraseConverter, type PhraseRecorder } from './phrases.js';

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

// Building an OpenCC converter loads its dictionaries (≈0.2 s); a process that
// builds many books (the tests, a watcher) builds each pair once.
const openccConverters = new Map<string, TextConverter>();
const openccConverter = (from: OpenccLocale, to: OpenccLocale): TextConverter => {
  const cached = openccConverters.get(`${from}-${to}`);
  if (cached) return cached;
  const made: TextConverter = OpenCC.Converter({ from, to });
  openccConverters.set(`${from}-${to}`, made);
  return made;
};

interface Step {
  step: ConversionStep;
  /** Converts; a phrase step also reports each word it changes (other steps are compared character by character). */
  run: (text: string, record?: PhraseRecorder) => string;
}

/**
 * The steps of one conversion, in order, each named for the record. Wording
 * (`phrases`), when asked for, runs where the text is in Traditional
 * characters, which OpenCC's phrase tables are keyed in: first for a
 * Traditional manuscript, after the script step for a Simplified one going
 * to zh-Hant (a Simplified manuscript going to zh-Hans already has the
 * mainland's words). `protect` keeps quotations as they are (the apparatus).
 */
function conversionSteps(from: Locale, edition: Edition, phrases: boolean, protect = false): Step[] {
  const src = from === 'zh-Hant' ? 't' : 'cn';
  const dst = edition.script;
  // zh-Hant → zh-Hant still runs t→tw: it turns OpenCC's standard forms (爲, 裏, 着) into Taiwan's (為, 裡, 著).
  const opencc = src === dst ? (s: string) => s : openccConverter(src, dst);
  const dict = projectDictionary[edition.locale];
  const marks = quoteMarks(edition.quotes);
  const phraseStep: Step[] = [];
  if (phrases && (from === 'zh-Hant' || edition.locale === 'zh-Hant')) {
    const reword = phraseConverter(edition.locale);
    phraseStep.push({ step: 'phrases', run: protect ? (text) => outsideQuotations((part) => reword(part))(text) : (text, record) => reword(text, record) });
  }
  const script: Step = { step: 'script', run: (text) => opencc(text) };
  return [
    ...(from === 'zh-Hant' ? [...phraseStep, script] : [script, ...phraseStep]),
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

/**
 * The manuscript's script → the edition's: OpenCC, then the project
 * dictionary, then the edition's quotation marks; with `phrases`, the
 * edition's wording too (see src/model/edition.ts, `wording`).
 */
export function makeConverter(from: Locale, edition: Edition, phrases = false): TextConverter {
  const steps = conversionSteps(from, edition, phrases);
  return (text) => steps.reduce((t, s) => s.run(t), text);
}

/** The converter for the book's own words: reworded if the edition says so, with quotations kept as the text has them. */
export function makeApparatusConverter(from: Locale, edition: Edition, phrases: boolean): TextConverter {
  const steps = conversionSteps(from, edition, phrases, true);
  return (text) => steps.reduce((t, s) => s.run(t), text);
}

/** A converter that also counts, per step, every character (or, for wording, every word) it changes. */
function makeCountingConverter(from: Locale, edition: Edition, phrases: boolean): { convert: TextConverter; record: () => ConversionRecord } {
  const steps = conversionSteps(from, edition, phrases);
  const to = edition.locale;
  const counts = new Map<string, { step: ConversionStep; from: string; to: string; count: number }>();
  const count = (step: ConversionStep, c: Change) => {
    const key = `${step}\u0000${c.from}\u0000${c.to}`;
    const entry = counts.get(key) ?? { step, ...c, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  };
  const convert: TextConverter = (text) =>
    steps.reduce((t, s) => {
      if (s.step === 'phrases') return s.run(t, (a, b) => count('phrases', { from: a, to: b }));
      const out = s.run(t);
      for (const c of diffChanges(t, out)) count(s.step, c);
      return out;
    }, text);
  const record = (): ConversionRecord => ({
    from,
    to,
    phrases,
    changes: [...counts.values()].sort((a, b) => conversionStepOrder(a.step) - conversionStepOrder(b.step) || b.count - a.count || a.from.localeCompare(b.from)),
  });
  return { convert, record };
}

const conversionStepOrder = (s: ConversionStep) => conversionSteps_.indexOf(s);
const conversionSteps_ = ['phrases', 'script', 'dictionary', 'quotes'] as const;

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
  const m = book.meta;
  // The edition's wording settings, and the publisher's for this book over them.
  const wording = { ...edition.wording, ...m.wording };
  // c: the text's own words outside its paragraphs (names, quotations); t: the text, counted; a: the book's own words.
  const c = makeConverter(m.language, edition, wording.text);
  const counting = makeCountingConverter(m.language, edition, wording.text);
  const t = counting.convert;
  const a = makeApparatusConverter(m.language, edition, wording.apparatus);
  const opt = (s: string | undefined) => (s === undefined ? s : a(s));
  const quote = (s: string | undefined) => (to === m.language || s === undefined ? s : c(s));
  const frame = book.timelineFrame;
  const evidence = (ev: Evidence) => ({ ...ev, quote: c(ev.quote) });
  const external = (x: ExternalFact | undefined) => x && { ...x, fact: a(x.fact), source: a(x.source) };
  const converted: Book = {
    meta: {
      ...m,
      language: to,
      ...(to === m.language ? {} : { convertedFrom: m.language }),
      title: t(m.title),
      subtitle: opt(m.subtitle),
      event: { ...m.event, name: a(m.event.name), place: a(m.event.place) },
      credits: m.credits.map((cr) => ({ ...cr, name: c(cr.name), role: a(cr.role) })),
      publisher: a(m.publisher),
      rights: a(m.rights),
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
          // The editor's notes in the text are the book's own words.
          case 'note':
            return { ...b, paragraphs: b.paragraphs.map(para(a)) };
          case 'paragraph':
            return { ...b, paragraph: para(t)(b.paragraph) };
          case 'heading':
            return { ...b, text: t(b.text) };
        }
      }),
    })),
    // An edit quotes the source: in the source's own script it stays verbatim
    // (「提陞」→「提升」 must not read 「提升」→「提升」); in the other script it is converted.
    // A gap's `to` is the editor's note, as the text shows it.
    edits: book.edits.map((e) => ({ ...e, from: quote(e.from), to: e.kind === 'gap' && to !== m.language ? opt(e.to) : quote(e.to), why: opt(e.why) })),
    timeline: book.timeline.map((e) => ({
      ...e,
      ...(e.when ? { when: { ...e.when, words: e.when.basis === 'text' ? c(e.when.words) : a(e.when.words) } } : {}),
      text: a(e.text),
      evidence: e.evidence.map(evidence),
      ...(e.external ? { external: external(e.external) } : {}),
    })),
    ...(frame
      ? {
          timelineFrame: {
            ...(frame.day ? { day: { ...frame.day, place: frame.day.place === undefined ? undefined : c(frame.day.place), evidence: frame.day.evidence.map(evidence), ...(frame.day.external ? { external: external(frame.day.external) } : {}) } } : {}),
            groups: frame.groups.map((g) => ({ ...g, title: a(g.title), note: opt(g.note) })),
          },
        }
      : {}),
  };
  return { ...converted, conversion: counting.record() };
}
