import type { ElementContent } from 'hast';
import type { Book, Locale } from '../model/book.js';
import type { Edition } from '../model/edition.js';
import { blockParagraphs } from '../model/text.js';
import { strings, type Strings } from './i18n.js';
import { chapterIds, editAnchor, eventAnchor, groupAnchor, notesAnchors } from '../model/ids.js';

/** `epub`: one document a chapter; `print` and `web`: the whole book on one page (only print shows page numbers). */
export type Target = 'epub' | 'print' | 'web';

/** A child of a hast element as hastscript takes it: a node, or text. */
export type Child = ElementContent | string;

/** What a renderer needs besides the book: the words, and how to link. */
export interface RenderContext {
  edition: Edition;
  locale: Locale;
  t: Strings;
  target: Target;
  /** The href of an element id, wherever it is (another EPUB document, or this page). */
  href: (id: string) => string;
  /** The printed page of an element, once known (PDF second pass). */
  pageOf: (id: string) => number | undefined;
  buildDate: string;
  /** The edition's stable identifier (urn:uuid:…) and format, for the colophon. */
  identifier: string;
  format: string;
  /** Speaker id → 1-based position, for styling (s1, s2 …). */
  speakerIndex: Map<string, number>;
  /** Paragraph id → timeline events that cite it (for back links). */
  citedBy: Map<string, { id: string; order: number }[]>;
  /** The characters the edition's own faces lack and its fallback faces set (the colophon names those faces). */
  fallbackChars: string;
}

// The builder's own ids live in the model, where the reader checks hand-written ids against them.
export { chapterIds, editAnchor, eventAnchor, groupAnchor, notesAnchors } from '../model/ids.js';

/** What a renderer is told about the output besides the edition record. */
export interface EditionInfo {
  edition: Edition;
  buildDate: string;
  identifier: string;
  format: string;
  /** The characters the edition's own faces lack, set from its fallback faces: read from the fonts by the writer (src/check-glyphs.ts), none if not given. */
  fallbackChars?: string;
}

export function makeContext(
  book: Book,
  target: Target,
  info: EditionInfo,
  pageOf: (id: string) => number | undefined = () => undefined,
): RenderContext {
  // Which document each id lives in, so EPUB links can cross files.
  const home = new Map<string, string>();
  for (const part of book.parts) {
    home.set(part.id, part.id);
    for (const b of part.blocks) {
      if (b.type !== 'paragraph') home.set(b.id, part.id);
      for (const p of blockParagraphs(b)) home.set(p.id, part.id);
    }
  }
  for (const e of book.timeline) home.set(eventAnchor(e.id), chapterIds.timeline);
  for (const g of book.timelineFrame?.groups ?? []) home.set(groupAnchor(g.id), chapterIds.timeline);
  book.edits.forEach((_, i) => home.set(editAnchor(i), chapterIds.notes));
  for (const id of Object.values(notesAnchors)) home.set(id, chapterIds.notes);
  for (const id of Object.values(chapterIds)) home.set(id, id);
  const citedBy = new Map<string, { id: string; order: number }[]>();
  for (const e of book.timeline) {
    for (const ev of e.evidence) {
      const list = citedBy.get(ev.paragraph) ?? [];
      if (!list.some((x) => x.id === e.id)) list.push({ id: e.id, order: e.order });
      citedBy.set(ev.paragraph, list);
    }
  }
  return {
    locale: info.edition.locale,
    t: strings[info.edition.labels],
    target,
    href: (id) => (target !== 'epub' ? `#${id}` : `${home.get(id) ?? id}.xhtml${home.get(id) === id ? '' : `#${id}`}`),
    pageOf,
    ...info,
    fallbackChars: info.fallbackChars ?? '',
    speakerIndex: new Map(book.meta.speakers.map((s, i) => [s.id, i + 1])),
    citedBy,
  };
}
