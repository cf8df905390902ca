// The common shape of every output, as Pandoc's writers and mdBook's
// renderers have one: a writer turns a book (in one edition, or the book as
// a whole) into files. It says what it needs (the browser, other writers'
// files); src/build.ts orders the writers by those needs and does, once and
// for all of them, what they share: progress, timing, staging and putting
// the finished set in place.
import type { Book } from '../model/book.js';
import type { Edition } from '../model/edition.js';
import type { BrowserSession } from '../io/browser.js';
import type { PageSize } from '../render/print-document.js';
import type { PressSettings } from '../model/press-settings.js';

export type Log = (line: string) => void;

/** One file a writer makes, named relative to the output folder. */
export interface OutputFile {
  name: string;
  data: Uint8Array | string;
  /** For the build log: the page count of a paginated file. */
  pages?: number;
  /** For the build log: anything else worth a word (e.g. blocked requests). */
  notes?: string[];
}

export interface WriterContext {
  /** The build's one date (SOURCE_DATE_EPOCH, or the manuscript's last commit); for a catalogue, the latest of its books'. */
  date: Date;
  pageSize: PageSize;
  /** Where the output folder will be published (`--base-url`, ending in `/`), for the few places that need absolute URLs. */
  baseUrl: string | undefined;
  /** How the book is printed and bound (signatures, paper thickness): the press interior, the cover's spine. */
  press: PressSettings;
  /** The build's one browser, launched on first use (or before, when the build knows it will need it). */
  browser: () => Promise<BrowserSession>;
  /** Done with the browser (the pages printed): once no job needs it, the build closes it while the rest finishes. */
  releaseBrowser: () => void;
  /** The files another writer made for this book and edition (for a catalogue writer: another catalogue writer's); only writers named in `inputs` can be asked for. */
  input: (writer: string) => OutputFile[];
  log: Log;
}

interface WriterBase {
  /** What `--formats` calls it. */
  name: string;
  /** Needs Chromium: without one, the build writes everything else and says which files it could not make. */
  needsBrowser: boolean;
  /** Runs Ghostscript (the printer's PDF/X files): its executable is in the job's cache key, as the browser's is. */
  usesGhostscript?: boolean;
  /** Writers whose files this one reads (through `context.input`); they run first. */
  inputs: readonly string[];
  /** Made when no `--formats` are given (true unless it says otherwise): the printer's files are asked for by name. */
  byDefault?: boolean;
  /**
   * Sets the text in the edition's fonts: before it runs, the build checks
   * that they have every character (src/io/glyph-coverage.ts).
   */
  usesFonts?: boolean;
  /**
   * Refuses (throws a BookError) a book it cannot make, such as one too long
   * to print: the build asks before any writer runs, so that nothing starts
   * that would fail after minutes. It gets the book as written (before any
   * edition's conversion), and is kept light: no writer module is loaded.
   */
  check?: (book: Book, context: { manuscriptFile: string }) => Promise<void>;
}

/** Once per book, from the manuscript's own text (the book model as JSON). */
export interface BookWriter extends WriterBase {
  scope: 'book';
  write: (book: Book, context: WriterContext) => Promise<OutputFile[]>;
}

/** Once per edition it makes, from the book converted to that edition. */
export interface EditionWriter extends WriterBase {
  scope: 'edition';
  /** Which editions it makes; all of them unless it says otherwise. */
  makes?: (edition: Edition) => boolean;
  write: (book: Book, edition: Edition, context: WriterContext) => Promise<OutputFile[]>;
}

/** A file a book's writer made, as a catalogue lists it. */
export interface PublishedFile {
  name: string;
  /** The writer that made it (`epub`, `pdf` …). */
  writer: string;
  /** The edition it is of; none for a book-wide file. */
  edition: Edition | undefined;
  /** In bytes. */
  size: number;
  /** Lowercase hex. */
  sha256: string;
  pages?: number;
}

/** One book as a catalogue sees it: its model, its editions and its files. */
export interface CatalogueBook {
  /** The book as read from its manuscript. */
  book: Book;
  /** Its build date. */
  date: Date;
  /** The book converted to each edition the build made, in the editions' order. */
  editions: { edition: Edition; book: Book }[];
  /** The files of the writers the catalogue writer reads (its `inputs`), in the order they were made. */
  files: PublishedFile[];
}

export interface Catalogue {
  /** In the order the manuscripts were given (a folder of books: by folder name). */
  books: CatalogueBook[];
}

/**
 * Once per build, after every book's writers, over every book's files (the
 * site, the OPDS feed). Its `inputs` are the writers whose files it lists or
 * links to, so they are written with it even when not selected.
 */
export interface CatalogueWriter extends WriterBase {
  scope: 'catalogue';
  write: (catalogue: Catalogue, context: WriterContext) => Promise<OutputFile[]>;
}

export type Writer = BookWriter | EditionWriter | CatalogueWriter;

/** `<book id>.<edition id>.<ext>`, the name of every per-edition file. */
export const editionFileName = (book: Book, edition: Edition, ext: string): string => `${book.meta.id}.${edition.id}.${ext}`;
