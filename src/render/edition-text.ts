import type { Book } from '../model/book.js';
import type { Edition } from '../model/edition.js';
import { renderChapters } from './chapters.js';
import { makeContext } from './context.js';
import { textOf } from './text-of.js';

/**
 * Every character an edition sets in its fonts: the text of each chapter as
 * rendered (what the model holds but the book does not print, such as the
 * full source of a repeated paragraph, is left out), and the title. The
 * cover, the contents and the running heads repeat text from these. For the
 * glyph check (io/glyph-coverage.ts), before any output is made, and the
 * colophon's word on the fallback faces. The book is not changed once read.
 */
export function editionText(book: Book, edition: Edition): string {
  let byEdition = made.get(book);
  if (!byEdition) made.set(book, (byEdition = new Map()));
  let text = byEdition.get(edition.id);
  if (text === undefined) {
    const ctx = makeContext(book, 'epub', { edition, buildDate: '', identifier: '', format: '' });
    text = [book.meta.title, ...renderChapters(book, ctx).map((c) => textOf(c.body))].join('\n');
    byEdition.set(edition.id, text);
  }
  return text;
}

// The glyph check and each writer's colophon (src/check-glyphs.ts) ask for the same book in the same edition: rendered once.
const made = new WeakMap<Book, Map<string, string>>();
