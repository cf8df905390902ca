import type { Book } from '../model/book.js';

/** The book model as JSON, like `pandoc -t json`: the input of every later stage, for inspection and other tools. */
export const renderBookJson = (book: Book): string => JSON.stringify(book, null, 1) + '\n';
