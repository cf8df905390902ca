// Schemas for every file a publisher writes by hand. Each type comes from its
// schema, so what is validated is what the code relies on.
import { z } from 'zod';
import { editKinds } from './book.js';

// Ids become file names: at most 64 characters keeps `<id>.zh-Hant.epub` far from any file system's limit.
const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'an id of lowercase letters, digits and hyphens').max(64);
/** A day that exists: 2024-13-45 is refused rather than printed as given. A year alone (YYYY) is a year. */
export const isRealDate = (iso: string): boolean => {
  if (/^\d{4}$/.test(iso)) return true;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
const realDate = 'a date that exists (month 01–12, a day the month has)';
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD').refine(isRealDate, realDate);
/** Text a reader sees: a title of spaces would make an empty heading, an empty name an empty label. */
const text = z.string().regex(/\S/, 'some text (it is empty or only spaces)');
/** A name opens a turn on one line of the manuscript, so it cannot hold a line break. */
const name = text.regex(/^[^\n\r]*$/, 'a name on one line');

export const speakerSchema = z.strictObject({
  id,
  name,
  aliases: z.array(name).default([]),
  role: text.optional(),
  /** An editor's note on the name (which form this edition uses, and why). */
  note: text.optional(),
});

export const creditSchema = z.strictObject({
  name: text,
  role: text,
  url: z.string().optional(),
});

/** The manuscript's YAML front matter. */
export const frontMatterSchema = z.strictObject({
  id,
  title: text,
  subtitle: text.optional(),
  language: z.enum(['zh-Hant', 'zh-Hans']),
  event: z.strictObject({ name: text, date: isoDate, place: text }),
  /** The edition's publication date: the colophon's first-edition date, the metadata's issued date, and the build date outside git. */
  published: isoDate.optional(),
  credits: z.array(creditSchema).default([]),
  publisher: text,
  rights: text,
  speakers: z.array(speakerSchema).min(1),
  stageDirections: z.array(text).default([]),
  /** What the source is and how it was damaged, for the editorial notes. */
  sourceNote: text.optional(),
  /** The publisher's wording settings for this book, over each edition's (src/model/edition.ts): `text: true` rewords the transcript too. */
  wording: z.strictObject({ apparatus: z.boolean().optional(), text: z.boolean().optional() }).optional(),
});
export type FrontMatter = z.infer<typeof frontMatterSchema>;

const quote = z.string().min(2);
const why = z.string().min(1);

/** A book's editorial decisions: what only a reader of this source could decide. */
export const decisionsSchema = z.strictObject({
  meta: frontMatterSchema.omit({ title: true, speakers: true, credits: true, stageDirections: true }),
  speakers: z.array(speakerSchema).min(1),
  credits: z.array(creditSchema).default([]),
  stageDirections: z.array(z.string().min(1)).default([]),
  /**
   * How the source marks its paragraphs: blank lines between them (lines with
   * none between them are one paragraph, as wrapped), or one paragraph on each
   * line (a page copied without blank lines).
   */
  paragraphs: z.enum(['blank-lines', 'lines']).default('blank-lines'),
  /** The paragraph that is the page's title: it becomes the book's title. */
  title: z.strictObject({ quote, why: why.optional() }),
  /**
   * Runs of paragraphs the scrape has twice: which copy stands in its place
   * (`keep`), and why. The other copy is removed (see clean/repeats.ts).
   */
  repeatedRuns: z.array(z.strictObject({ from: quote, through: quote, keep: z.enum(['earlier', 'later']), why })).default([]),
  /** Blocks of paragraphs that the scrape put in the wrong place. */
  moves: z
    .array(
      z.strictObject({
        from: quote,
        through: quote,
        before: quote.optional(),
        toEnd: z.literal(true).optional(),
        why,
      }),
    )
    .default([]),
  /** Where each part of the book begins. A part opened by a title paragraph uses it as its title. */
  parts: z
    .array(
      z.strictObject({
        id,
        start: quote,
        title: z.string().min(1).optional(),
        titleFromQuote: z.literal(true).optional(),
        why: why.optional(),
      }),
    )
    .min(1),
  /** Editor's headings that the scrape left as body text. */
  headings: z.array(z.strictObject({ quote, id, why })).default([]),
  /**
   * Text lost: a note before the quoted paragraph (at a page boundary; the
   * paragraph goes to `speaker`), or after it (`after`: the text breaking
   * off there, with no marker to say so).
   */
  gaps: z
    .array(
      z
        .strictObject({ before: quote.optional(), after: quote.optional(), speaker: id.optional(), note: z.string().min(1), why })
        .refine((g) => (g.before === undefined) !== (g.after === undefined), 'a gap is `before:` the paragraph that follows it, or `after:` the one it follows: one of the two'),
    )
    .default([]),
  /**
   * Paragraphs that end with no stop and are whole all the same (a dateline,
   * a byline, a heading the scrape left as text): never joined with the next
   * as a sentence cut in two.
   */
  keepApart: z.array(z.strictObject({ quote, why: why.optional() })).default([]),
  /** Paragraphs in a conversation that open like a label (「結論：…」) but go on with the previous speaker. */
  continuations: z.array(z.strictObject({ quote, why })).default([]),
  /** Conversion artefacts particular to this source, repaired like the generic ones in src/clean/typography.ts. */
  artefacts: z.array(z.strictObject({ from: quote, to: z.string().min(1), why: why.optional() })).default([]),
  /** Passages that look wrong but are left as the source has them (原文如此): the reader is told, nothing is changed. */
  sic: z.array(z.strictObject({ quote, why })).default([]),
});
export type Decisions = z.infer<typeof decisionsSchema>;

const timelineDate = z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/, 'a date written YYYY or YYYY-MM-DD').refine(isRealDate, realDate);
const external = z.strictObject({ fact: z.string().min(1), source: z.string().min(1), url: z.string().optional() });
const evidence = z.array(z.string().min(2)).min(1);

export const timelineSchema = z.strictObject({
  /** The day of the conversation and its place, shown once for every group `onDay`. */
  day: z
    .strictObject({
      date: timelineDate,
      dateBasis: z.enum(['text', 'external']),
      place: z.string().min(1).optional(),
      evidence,
      external: external.optional(),
    })
    .optional(),
  groups: z
    .array(
      z.strictObject({
        id,
        title: text,
        onDay: z.boolean().default(false),
        order: z.enum(['text', 'unknown']),
        note: z.string().min(1).optional(),
        events: z
          .array(
            z.strictObject({
              id,
              date: timelineDate.optional(),
              dateBasis: z.enum(['text', 'external']).optional(),
              /** The text's own words for the time: a quotation found in one of the evidence paragraphs. */
              when: z.string().min(1).optional(),
              /** The editor's inference of the time, where the text gives none (shown as inferred). */
              whenInferred: z.string().min(1).optional(),
              follows: id.optional(),
              text: text,
              evidence,
              external: external.optional(),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});
export type TimelineData = z.infer<typeof timelineSchema>;

export const editsSchema = z.array(
  z.strictObject({
    kind: z.enum(editKinds),
    lines: z.array(z.number().int().positive()),
    from: z.string().optional(),
    to: z.string().optional(),
    why: z.string().optional(),
    of: z.number().int().positive().optional(),
    at: z.number().int().positive().optional(),
  }),
);
