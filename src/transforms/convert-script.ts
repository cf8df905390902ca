// One manuscript → an edition in Traditional (Taiwan forms) or Simplified
// script. OpenCC converts the text of the model only: ids, file names, URLs
// and markup never pass through it.
import * as OpenCC from 'opencc-js';
import type { Book, Inline, Locale, Paragraph } from '../model/book.js';
import { quoteStyles, type Edition, type QuoteStyle } from '../model/edition.js';

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

/** The manuscript's script → the edition's: OpenCC, then the project dictionary, then the edition's quotation marks. */
export function makeConverter(from: Locale, edition: Edition): TextConverter {
  const src = from === 'zh-Hant' ? 't' : 'cn';
  const dst = edition.script;
  // zh-Hant → zh-Hant still runs t→tw: it turns OpenCC's standard forms (爲, 裏, 着) into Taiwan's (為, 裡, 著).
  const opencc = src === dst ? (s: string) => s : OpenCC.Converter({ from: src, to: dst });
  const dict = projectDictionary[edition.locale];
  const marks = quoteMarks(edition.quotes);
  return (text) => {
    let out = opencc(text);
    for (const [a, b] of dict) out = out.split(a).join(b);
    // A mark between Latin letters is an apostrophe (Meta’s), not a quotation mark.
    for (const [re, mark] of marks) out = out.replace(re, (m: string, offset: number, s: string) => (/[A-Za-z]/.test(s[offset - 1] ?? '') && /[A-Za-z]/.test(s[offset + 1] ?? '') ? m : mark));
    return out;
  };
}

const inline = (c: TextConverter) => (i: Inline): Inline => ({ ...i, value: c(i.value) });
const para = (c: TextConverter) => (p: Paragraph): Paragraph => ({ ...p, content: p.content.map(inline(c)) });

/** The whole book in an edition's script. Pure; the input is not changed. */
export function convertBook(book: Book, edition: Edition): Book {
  const to = edition.locale;
  const c = makeConverter(book.meta.language, edition);
  const opt = (s: string | undefined) => (s === undefined ? s : c(s));
  const quote = (s: string | undefined) => (to === book.meta.language ? s : opt(s));
  const m = book.meta;
  return {
    meta: {
      ...m,
      language: to,
      ...(to === m.language ? {} : { convertedFrom: m.language }),
      title: c(m.title),
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
      title: c(part.title),
      blocks: part.blocks.map((b) => {
        switch (b.type) {
          case 'turn':
          case 'note':
            return { ...b, paragraphs: b.paragraphs.map(para(c)) };
          case 'paragraph':
            return { ...b, paragraph: para(c)(b.paragraph) };
          case 'heading':
            return { ...b, text: c(b.text) };
        }
      }),
    })),
    // An edit quotes the source: in the source's own script it stays verbatim
    // (「提陞」→「提升」 must not read 「提升」→「提升」); in the other script it is converted.
    edits: book.edits.map((e) => ({ ...e, from: quote(e.from), to: quote(e.to), why: opt(e.why) })),
    timeline: book.timeline.map((e) => ({
      ...e,
      when: c(e.when),
      place: opt(e.place),
      who: e.who.map(c),
      text: c(e.text),
      evidence: e.evidence.map((ev) => ({ ...ev, quote: c(ev.quote) })),
      external: e.external && { ...e.external, fact: c(e.external.fact), source: c(e.external.source) },
    })),
  };
}
