// Every output the builder can make, as Pandoc's `writers` table: a new
// output is a new module and one entry here. The order is the build's
// (writers that need the browser last, so that without one everything else
// is still made); src/build.ts also runs a writer after those it reads.
import { editionIdentifier } from '../model/identifier.js';
import { renderBookJson } from './json.js';
import { renderEpub } from './epub.js';
import { renderPdf } from './pdf/index.js';
import { editionFileName, type Writer } from './writer.js';

export const writers: readonly Writer[] = [
  {
    name: 'json',
    scope: 'book',
    needsBrowser: false,
    inputs: [],
    write: async (book) => [{ name: `${book.meta.id}.book.json`, data: renderBookJson(book) }],
  },
  {
    name: 'epub',
    scope: 'edition',
    needsBrowser: false,
    inputs: [],
    write: async (book, edition, ctx) => {
      const name = editionFileName(book, edition, 'epub');
      return [{ name, data: await renderEpub(book, edition, { identifier: editionIdentifier(book.meta.id, `${edition.id}.epub`), date: ctx.date }) }];
    },
  },
  {
    name: 'pdf',
    scope: 'edition',
    needsBrowser: true,
    inputs: [],
    write: async (book, edition, ctx) => {
      const identifier = editionIdentifier(book.meta.id, `${edition.id}.pdf`);
      const r = await renderPdf(book, edition, { date: ctx.date, pageSize: ctx.pageSize, identifier }, await ctx.browser(), ctx.log);
      return [{ name: editionFileName(book, edition, 'pdf'), data: r.data, pages: r.pages, notes: [`${r.blockedRequests} network requests blocked`] }];
    },
  },
];

export const writerNames = (list: readonly Writer[] = writers): string[] => list.map((w) => w.name);
