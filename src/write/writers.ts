// Every output the builder can make, as Pandoc's `writers` table: a new
// output is a new module and one entry here. The order is the build's
// (writers that need the browser last, so that without one everything else
// is still made); src/build.ts also runs a writer after those it reads, and
// the catalogue writers after every book's. Each writer loads its module
// only when it runs: a rebuild that finds everything in the cache never
// loads EPUB, PDF, site or browser code.
import { editionIdentifier } from '../model/identifier.js';
import type { PrintJob } from './press.js';
import { editionFileName, type OutputFile, type Writer, type WriterContext } from './writer.js';

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
    usesFonts: true,
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
    usesFonts: true,
    check: async (book, ctx) => (await import('./pdf/limits.js')).checkPrintable(book, ctx.manuscriptFile),
    write: async (book, edition, ctx) => {
      const { renderPdf } = await import('./pdf/index.js');
      const identifier = editionIdentifier(book.meta.id, `${edition.id}.pdf`);
      const r = await renderPdf(book, edition, { date: ctx.date, pageSize: ctx.pageSize, identifier }, ctx.browser(), ctx.log, ctx.releaseBrowser);
      return [{ name: editionFileName(book, edition, 'pdf'), data: r.data, pages: r.pages, notes: [`${r.blockedRequests} network requests blocked`] }];
    },
  },
  // The printer's files: made from the reading PDF's book block (the pdf
  // writer's file), never by printing again; asked for by name (--press,
  // --booklet), as they serve a print shop or a home printer, not a reader.
  {
    name: 'press',
    scope: 'edition',
    needsBrowser: false,
    usesGhostscript: true,
    inputs: ['pdf'],
    byDefault: false,
    write: async (book, edition, ctx) => {
      const { renderPress } = await import('./press.js');
      const r = await renderPress(book, edition, readingPdf(ctx.input('pdf')), job(ctx, editionIdentifier(book.meta.id, `${edition.id}.press.pdf`)));
      return [{ name: editionFileName(book, edition, 'press.pdf'), data: r.data, pages: r.pages, notes: [`PDF/X-1a, pages a multiple of ${ctx.press.signature}`] }];
    },
  },
  {
    name: 'cover-sheet',
    scope: 'edition',
    needsBrowser: false,
    usesGhostscript: true,
    inputs: ['pdf'],
    byDefault: false,
    write: async (book, edition, ctx) => {
      const { renderCoverSheet } = await import('./cover-sheet.js');
      const r = await renderCoverSheet(book, edition, readingPdf(ctx.input('pdf')), job(ctx, editionIdentifier(book.meta.id, `${edition.id}.cover.pdf`)));
      return [{ name: editionFileName(book, edition, 'cover.pdf'), data: r.data, pages: 1, notes: [`spine ${r.spineMm} mm for ${r.interiorPages} pages`] }];
    },
  },
  {
    name: 'booklet',
    scope: 'edition',
    needsBrowser: false,
    inputs: ['pdf'],
    byDefault: false,
    write: async (book, edition, ctx) => {
      const { renderBooklet } = await import('./booklet.js');
      const r = await renderBooklet(book, edition, readingPdf(ctx.input('pdf')), job(ctx, editionIdentifier(book.meta.id, `${edition.id}.booklet.pdf`)));
      return [{ name: editionFileName(book, edition, 'booklet.pdf'), data: r.data, pages: r.pages, notes: [`${r.sheets} ${r.sheet} sheets`] }];
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

const job = (ctx: WriterContext, identifier: string): PrintJob => ({ settings: ctx.press, pageSize: ctx.pageSize, date: ctx.date, identifier });

/** The reading PDF among the pdf writer's files. */
const readingPdf = (files: OutputFile[]): Uint8Array => {
  const pdf = files.find((f) => f.name.endsWith('.pdf'));
  if (!pdf || typeof pdf.data === 'string') throw new Error('the pdf writer made no PDF');
  return pdf.data;
};

