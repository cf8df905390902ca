// The ids the builder gives to chapters, files and elements by itself. One
// place, because a manuscript's hand-written heading ids ({#…}) share their
// space: a part written `{#toc}` became toc.xhtml and replaced the contents;
// a section written `{#talk-p1}` gave two elements one id. The reader refuses
// any hand-written id that `reservedIdReason` names.

/** The chapters the builder adds around the manuscript's parts; each is also an EPUB file name (`<id>.xhtml`). */
export const chapterIds = {
  cover: 'cover',
  titlepage: 'titlepage',
  toc: 'toc',
  timeline: 'timeline',
  notes: 'editorial-notes',
  colophon: 'colophon',
  /** The 凡例, the key to the book's marks. */
  guide: 'conventions',
} as const;

export const eventAnchor = (eventId: string) => `event-${eventId}`;
/** A group of the timeline: its ids come from timeline.yaml, so every `timeline-…` id is the timeline's. */
export const groupAnchor = (group: string) => `${chapterIds.timeline}-${group}`;
/** An entry of the editorial notes' list of changes (Book.edits index). */
export const editAnchor = (index: number) => `edit-${index + 1}`;
export const notesAnchors = { names: 'notes-names', marks: 'notes-marks', changes: 'notes-changes', conversion: 'notes-conversion' } as const;
/** The heading of the contents (the nav's aria-labelledby target). */
export const tocTitleId = 'toc-title';
/** The speaker's name on a turn, which the turn's aria-labelledby points at. */
export const speakerLabelId = (turnId: string) => `${turnId}-speaker`;

/**
 * Ids the reader numbers within a part: paragraphs `<part>-p<n>`, turns
 * `<part>-t<n>`, notes `<part>-n<n>`, headings without an id `<part>-h<n>`;
 * a part heading without an id is `part-<n>`.
 */
export const numberedKinds = { paragraph: 'p', turn: 't', note: 'n', heading: 'h' } as const;
export const numberedId = (partId: string, kind: keyof typeof numberedKinds, n: number) => `${partId}-${numberedKinds[kind]}${n}`;
export const partFallbackId = (n: number) => `part-${n}`;

// The same patterns, matched: any number, since text added later takes the next one.
const numberedPattern = new RegExp(`^.+-[${Object.values(numberedKinds).join('')}]\\d+$`);
const partPattern = new RegExp(`^${partFallbackId(0).slice(0, -1)}\\d+$`);
const speakerSuffix = speakerLabelId('');
const isNumbered = (id: string) => numberedPattern.test(id) || partPattern.test(id);
/** Every fixed id, lower-cased: EPUB file names must differ in more than case. */
const fixedIds = new Map<string, string>([
  ...Object.values(chapterIds).map((id) => [id, 'a chapter the builder adds (and its file name)'] as const),
  ...Object.values(notesAnchors).map((id) => [id, 'a heading of the editorial notes'] as const),
  [tocTitleId, 'the heading of the contents'],
]);
// Ids made from data (timeline.yaml) or numbered: a hand-written id may not start like one.
const prefixes: [string, string][] = [
  [eventAnchor(''), "the timeline's events"],
  [groupAnchor(''), "the timeline's groups"],
];
const editPattern = new RegExp(`^${editAnchor(0).replace(/1$/, '')}\\d+$`);

/** Why `id` cannot be written by hand (it is, or may become, an id the builder makes), or undefined. */
export function reservedIdReason(id: string): string | undefined {
  const lower = id.toLowerCase();
  const fixed = fixedIds.get(lower);
  if (fixed !== undefined) return `「${lower}」 is ${fixed}`;
  if (isNumbered(lower) || (lower.endsWith(speakerSuffix) && isNumbered(lower.slice(0, -speakerSuffix.length)))) return `ids ending -p<n>, -t<n>, -n<n> or -h<n>, and part-<n>, are the ones the builder numbers`;
  for (const [prefix, owner] of prefixes) if (lower.startsWith(prefix)) return `ids starting 「${prefix}」 belong to ${owner}`;
  if (editPattern.test(lower)) return 'ids of the form edit-<n> number the editorial notes\' list of changes';
  return undefined;
}
