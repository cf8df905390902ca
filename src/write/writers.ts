// Every output the builder can make, as Pandoc's `writers` table: a new
// output is a new module and one entry here. The order is the build's
// (writers that need the browser last, so that without one everything else
// is still made); src/build.ts also runs a writer after those it reads, and
// the catalogue writers after every book's. Each writer loads its module
// only when it runs: a rebuild that finds everything in the cache never
// loads EPUB, PDF, site or browser code.
import { editionIdentifier } from '../model/identifier.js';
import { editionFileName, type Writer } from './writer.js';

export const writers: readonly Writer[] = [
  {
    name: 'json',
    scope: 'book',
    needsBrowser: false,
    inputs: [],
    write: async (book) => {
      const { renderBookJson } = await import('./json.js');
      return [{ name: `${book.meta.id}.book.json`, data: renderBookJson(book) }];
    },
  },
  {
    name: 'epub',
    scope: 'edition',
    needsBrowser: false,
    inputs: [],
    write: async (book, edition, ctx) => {
      const { renderEpub } = await import('./epub.js');
      const data = await renderEpub(book, edition, { identifier: editionIdentifier(book.meta.id, `${edition.id}.epub`), date: ctx.date });
      return [{ name: editionFileName(book, edition, 'epub'), data }];
    },
  },
  {
    name: 'cover',
    scope: 'edition',
    needsBrowser: false,
    inputs: [],
    write: async (book, edition) => {
      const { renderCoverFiles } = await import('./covers.js');
      return renderCoverFiles(book, edition);
    },
  },
  {
    name: 'pdf',
    scope: 'edition',
    needsBrowser: true,
    inputs: [],
    write: async (book, edition, ctx) => {
      const { renderPdf } = await import('./pdf/index.js');
      const identifier = editionIdentifier(book.meta.id, `${edition.id}.pdf`);
      const r = await renderPdf(book, edition, { date: ctx.date, pageSize: ctx.pageSize, identifier }, await ctx.browser(), ctx.log);
      return [{ name: editionFileName(book, edition, 'pdf'), data: r.data, pages: r.pages, notes: [`${r.blockedRequests} network requests blocked`] }];
    },
  },
  {
    name: 'opds',
    scope: 'catalogue',
    needsBrowser: false,
    inputs: ['epub', 'pdf', 'cover'],
    write: async (catalogue, ctx) => {
      const { renderFeeds } = await import('./site/index.js');
      return renderFeeds(catalogue, ctx.date);
    },
  },
  {
    name: 'site',
    scope: 'catalogue',
    needsBrowser: false,
    inputs: ['epub', 'pdf', 'cover', 'opds'],
    write: async (catalogue, ctx) => {
      const { renderSite } = await import('./site/index.js');
      return renderSite(catalogue, { baseUrl: ctx.baseUrl, feeds: ctx.input('opds').length > 0 });
    },
  },
];
