// The book model: plain, JSON-serialisable data. Every stage after `read/`
// takes a Book and returns a Book (or renders it); nothing here does I/O.

export type Locale = 'zh-Hant' | 'zh-Hans';

export interface Speaker {
  id: string;
  /** Display name as written in the manuscript (and on every turn label). */
  name: string;
  /** Other names the text uses for the same person; they resolve to `id`. */
  aliases: string[];
  /** One line on who they are, shown in the introduction and colophon. */
  role?: string;
  /** An editor's note on the name, shown in the editorial notes. */
  note?: string;
}

export interface Credit {
  name: string;
  role: string;
  url?: string;
}

export interface BookMeta {
  id: string;
  title: string;
  subtitle?: string;
  language: Locale;
  event: { name: string; date: string; place: string };
  credits: Credit[];
  publisher: string;
  rights: string;
  /** Speaker ids, in the order they are listed on the title page. */
  speakers: Speaker[];
  /** Words inside （…） that are stage directions rather than insertions. */
  stageDirections: string[];
  /** What the source is and how it was damaged, for the editorial notes. */
  sourceNote?: string;
  /** Set on an edition converted from a manuscript in the other script. */
  convertedFrom?: Locale;
}

/** Inline content of a paragraph. */
export type Inline =
  | { type: 'text'; value: string }
  /** （笑）: what happened in the room, not what was said. */
  | { type: 'stage'; value: string }
  /** （…） supplied by an editor or translator inside someone's speech. */
  | { type: 'insertion'; value: string };

export interface Paragraph {
  /** Stable id (`<part>-p<n>`), so other stages can point at it. */
  id: string;
  content: Inline[];
  /** Line in the manuscript, for messages. */
  line: number;
}

export type NoteKind = 'gap' | 'truncated' | 'note';

export type Block =
  /** `attributed`: the editor, not the source, says who speaks (〔扎克伯格〕：). */
  | { type: 'turn'; id: string; speaker: string; paragraphs: Paragraph[]; attributed?: true }
  | { type: 'paragraph'; paragraph: Paragraph }
  | { type: 'heading'; id: string; text: string; line: number }
  | { type: 'note'; id: string; kind: NoteKind; paragraphs: Paragraph[] };

export type PartKind = 'prose' | 'conversation';

export interface Part {
  id: string;
  title: string;
  kind: PartKind;
  blocks: Block[];
}

/** One change between source and manuscript (see clean/). */
export interface EditRecord {
  kind: EditKind;
  /** 1-based line(s) in the source file. */
  lines: number[];
  /** Exact text before and after, where the edit changed text. */
  from?: string;
  to?: string;
  /** Why, in the editor's words (Traditional Chinese), for book-specific decisions. */
  why?: string;
  /** For repeats: the line of the paragraph it repeats. */
  of?: number;
}

/** Every kind of change the cleaner records, in the order the editorial notes list them. */
export const editKinds = [
  'title',
  'credit',
  'article',
  'reorder',
  'repeat',
  'gap',
  'attribute',
  'heading',
  'join',
  'truncated',
  'artefact',
  'brackets',
  'ellipsis',
  /** Not a change: a passage left as the source has it, though it looks wrong. */
  'sic',
] as const;
export type EditKind = (typeof editKinds)[number];

export type Precision = 'day' | 'week' | 'relative';

export interface TimelineEvent {
  id: string;
  order: number;
  /** ISO date (YYYY-MM-DD) of the day, or of the week's first day. */
  date?: string;
  precision: Precision;
  /** How the text puts it (「上星期」), or the relation to the conversation. */
  when: string;
  stretch: 'before' | 'during' | 'after';
  place?: string;
  who: string[];
  text: string;
  evidence: { quote: string; paragraph: string }[];
  /** A fact from outside the text, with its public source. */
  external?: { fact: string; source: string; url?: string };
}

export interface Book {
  meta: BookMeta;
  parts: Part[];
  edits: EditRecord[];
  timeline: TimelineEvent[];
}
