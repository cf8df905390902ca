// How long a book the PDF step can print, said before it starts. Measured on
// the machine this project is built on (2 cores, 24 GB; README, "Limits"):
// the real book's text made 300 times as long, 1.72 million characters,
// printed 2,837 A5 pages in 65 s (largest process 0.5 GB); 600 times as
// long, 3.45 million characters, failed after 232 s when Chromium's print
// call timed out. A book above the limit is refused in one line rather than
// left to run for minutes and fail with a raw timeout.
import { inputError } from '../../errors.js';
import type { Book } from '../../model/book.js';
import { allParagraphs, inlineText } from '../../model/text.js';

export const maxPrintCharacters = 1_750_000;

/** Characters of text in the book's paragraphs (what fills the pages). */
export const bookTextLength = (book: Book): number => allParagraphs(book).reduce((n, p) => n + inlineText(p.paragraph.content).length, 0);

/** Refuses a book too long for the PDF step, before a browser is started. */
export function checkPrintable(book: Book, manuscriptFile: string): void {
  const length = bookTextLength(book);
  if (length > maxPrintCharacters) {
    throw inputError(
      `the book has ${length.toLocaleString('en')} characters of text; the PDF step prints at most ${maxPrintCharacters.toLocaleString('en')} (about 2,800 A5 pages) before Chromium's printing times out.`,
      'build the other formats (--formats json,epub), or split the book into volumes of one manuscript each.',
      { file: manuscriptFile },
    );
  }
}
