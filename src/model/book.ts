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
  /** The edition's publication date (ISO), if the publisher gave one. */
  published?: string;
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
  /** The publisher's wording settings, over the edition's (see src/model/edition.ts). */
  wording?: { apparatus?: boolean; text?: boolean };
}

/** Inline content of a paragraph. */
export type Inline =
  | { type: 'text'; value: string }
  /** （笑）: what happened in the room, not what was said. */
  | { type: 'stage'; value: string }
  /**
   * （…） inside someone's speech that is the source's own parenthetical
   * remark (原文夾注): put there by the source's translator or reporter, not by
   * this edition's editor (whose additions are always in 〔〕).
   */
  | { type: 'insertion'; value: string }
  /** A passage left as the source has it though it looks wrong (原文如此); `edit` is its record in Book.edits. */
  | { type: 'sic'; value: string; edit: number };

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
  /** Line of the part's heading in the manuscript. */
  line: number;
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
  /** Line in the manuscript of the paragraph, heading or part where the change now stands (none: e.g. the book's title). */
  at?: number;
  /** The same place as an element id of the Book (set when the book is loaded). */
  place?: string;
}

/** The steps that turn the manuscript's script into an edition's. */
export const conversionSteps = ['script', 'dictionary', 'quotes', 'phrases'] as const;
export type ConversionStep = (typeof conversionSteps)[number];

/** Every character an edition's conversion changed in the text, by step, counted. */
export interface ConversionRecord {
  from: Locale;
  to: Locale;
  /** `phrases`: whether phrase-level wording (視頻→影片) was applied to the text. */
  phrases: boolean;
  changes: { step: ConversionStep; from: string; to: string; count: number }[];
}

/** Every kind of change the cleaner records, in the order the editorial notes list them. */
export const editKinds = [
  'title',
  /** A part title the editor supplied (the source has none there). */
  'partTitle',
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

/** Where a fact in the timeline comes from: the book's text, the editor's inference, or outside the text. */
export type Basis = 'text' | 'inferred' | 'external';

/** A fact from outside the text, with its public source. */
export interface ExternalFact {
  fact: string;
  source: string;
  url?: string;
}

export interface Evidence {
  quote: string;
  paragraph: string;
}

export interface TimelineEvent {
  id: string;
  /** Reference number, 1… in the order of the data file: a way to point at the event, not a claim about order. */
  order: number;
  /** The group the event belongs to (TimelineGroup.id). */
  group: string;
  /** YYYY or YYYY-MM-DD: as precise as the text or the outside source says, no more. */
  date?: string;
  /** Where the date comes from: written in the text, or from outside it (see `external`). */
  dateBasis?: 'text' | 'external';
  /** How the text puts the time (「最近」, basis text: a quotation), or the editor's relation (「對談之前」, basis inferred). */
  when?: { words: string; basis: 'text' | 'inferred' };
  /** The event the text says this one came right after (「……黃仁勳便聊起……」). */
  follows?: string;
  /** The editor's summary of what the evidence says. */
  text: string;
  /** Every quotation is outside the conversation parts: the event is reported, not in the transcript. */
  reported: boolean;
  evidence: Evidence[];
  /** A fact from outside the text, with its public source. */
  external?: ExternalFact;
}

export interface TimelineGroup {
  id: string;
  title: string;
  /** The events happened on the day of the conversation (TimelineFrame.day). */
  onDay: boolean;
  /** `text`: listed in the order the text gives; `unknown`: the order is not known, listed by sense. */
  order: 'text' | 'unknown';
  /** What is known about where these events stand (the editor's words). */
  note?: string;
}

/** The day and place of the conversation, given once, and the groups of events. */
export interface TimelineFrame {
  day?: {
    date: string;
    dateBasis: 'text' | 'external';
    place?: string;
    evidence: Evidence[];
    external?: ExternalFact;
  };
  groups: TimelineGroup[];
}

export interface Book {
  meta: BookMeta;
  parts: Part[];
  edits: EditRecord[];
  timeline: TimelineEvent[];
  /** How the timeline's events are grouped, and the day of the conversation. */
  timelineFrame?: TimelineFrame;
  /** Set on an edition: what its script conversion changed in the text. */
  conversion?: ConversionRecord;
}
