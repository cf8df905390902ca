// What the download page and the feeds say about each book, gathered once
// from the catalogue: its text in the language asked for, its covers, its
// reading edition and its files with their editions.
import type { Book, Locale } from '../../model/book.js';
import type { Edition } from '../../model/edition.js';
import { coverFileNames } from '../covers.js';
import type { Catalogue, CatalogueBook, PublishedFile } from '../writer.js';
import { hasReadingEdition, sitePaths } from './layout.js';
import { readingFiles } from './media.js';

export interface EditionView {
  edition: Edition;
  /** The book in this edition's script. */
  book: Book;
  /** Its web reading edition, if it has one (./layout.ts, hasReadingEdition). */
  reader: string | undefined;
  cover: string;
  thumbnail: string;
  /** Its EPUB and PDF files, in the order they were made. */
  files: PublishedFile[];
}

export interface BookView {
  id: string;
  /** The build date of the book (YYYY-MM-DD) and its instant. */
  date: Date;
  /** The edition whose text speaks for the book in this view: the first in the view's locale with a reading edition, else the first in that locale, else the book's first. */
  main: EditionView;
  editions: EditionView[];
}

function viewEdition(entry: CatalogueBook, edition: Edition, book: Book): EditionView {
  const id = entry.book.meta.id;
  const covers = coverFileNames(id, edition);
  return {
    edition,
    book,
    reader: hasReadingEdition(edition) ? sitePaths.reader(id, edition) : undefined,
    cover: covers.cover,
    thumbnail: covers.thumbnail,
    files: readingFiles(entry.files.filter((f) => f.edition?.id === edition.id)),
  };
}

/** Every book of the catalogue, as seen from a page or feed in `locale`. */
export function viewCatalogue(catalogue: Catalogue, locale: Locale): BookView[] {
  return catalogue.books.map((entry) => {
    const editions = entry.editions.map(({ edition, book }) => viewEdition(entry, edition, book));
    const inLocale = editions.filter((e) => e.edition.locale === locale);
    const main = inLocale.find((e) => e.reader !== undefined) ?? inLocale[0] ?? editions[0];
    if (!main) throw new Error(`book ${entry.book.meta.id} has no edition in this build`);
    return { id: entry.book.meta.id, date: entry.date, main, editions };
  });
}

/** An instant as Atom and OPDS 2 write it (RFC 3339, seconds). */
export const isoInstant = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
