// Schemas for every file a publisher writes by hand. Each type comes from its
// schema, so what is validated is what the code relies on.
import { z } from 'zod';
import { editKinds } from './book.js';

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'an id of lowercase letters, digits and hyphens');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');

export const speakerSchema = z.strictObject({
  id,
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  role: z.string().optional(),
  /** An editor's note on the name (which form this edition uses, and why). */
  note: z.string().optional(),
});

export const creditSchema = z.strictObject({
  name: z.string().min(1),
  role: z.string().min(1),
  url: z.string().optional(),
});

/** The manuscript's YAML front matter. */
export const frontMatterSchema = z.strictObject({
  id,
  title: z.string().min(1),
  subtitle: z.string().optional(),
  language: z.enum(['zh-Hant', 'zh-Hans']),
  event: z.strictObject({ name: z.string().min(1), date: isoDate, place: z.string().min(1) }),
  credits: z.array(creditSchema).default([]),
  publisher: z.string().min(1),
  rights: z.string().min(1),
  speakers: z.array(speakerSchema).min(1),
  stageDirections: z.array(z.string().min(1)).default([]),
  /** What the source is and how it was damaged, for the editorial notes. */
  sourceNote: z.string().optional(),
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
  /** The paragraph that is the page's title: it becomes the book's title. */
  title: z.strictObject({ quote }),
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
  /** Text lost at a page boundary: a note before the quoted paragraph, which goes to `speaker`. */
  gaps: z.array(z.strictObject({ before: quote, speaker: id.optional(), note: z.string().min(1), why })).default([]),
  /** Paragraphs in a conversation that open like a label (「結論：…」) but go on with the previous speaker. */
  continuations: z.array(z.strictObject({ quote, why })).default([]),
  /** Conversion artefacts particular to this source, repaired like the generic ones in src/clean/typography.ts. */
  artefacts: z.array(z.strictObject({ from: quote, to: z.string().min(1) })).default([]),
  /** Passages that look wrong but are left as the source has them (原文如此): the reader is told, nothing is changed. */
  sic: z.array(z.strictObject({ quote, why })).default([]),
});
export type Decisions = z.infer<typeof decisionsSchema>;

export const timelineSchema = z.strictObject({
  events: z
    .array(
      z.strictObject({
        id,
        date: isoDate.optional(),
        precision: z.enum(['day', 'week', 'relative']),
        when: z.string().min(1),
        stretch: z.enum(['before', 'during', 'after']),
        place: z.string().optional(),
        who: z.array(z.string()).default([]),
        text: z.string().min(1),
        evidence: z.array(z.string().min(2)).min(1),
        external: z.strictObject({ fact: z.string(), source: z.string(), url: z.string().optional() }).optional(),
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
  }),
);
