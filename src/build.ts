// The one orchestrator: manuscript folder → book model → every edition in
// every format, each file written atomically into the output folder.
import { join } from 'node:path';
import type { BuildOptions } from './cli-args.js';
import { resolveBuildDate } from './io/build-date.js';
import { writeAtomic } from './io/files.js';
import { loadBook, manuscriptFiles } from './load-book.js';
import { editionIdentifier } from './model/identifier.js';
import { convertBook } from './transforms/convert-script.js';
import { renderBookJson } from './write/json.js';
import { renderEpub } from './write/epub.js';
import { renderPdfs } from './write/pdf.js';

export type Log = (line: string) => void;

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

export async function runBuild(options: BuildOptions, log: Log): Promise<void> {
  const t0 = performance.now();
  const book = await loadBook(options.manuscript);
  const date = await resolveBuildDate(options.manuscript, manuscriptFiles(options.manuscript).manuscript);
  const id = book.meta.id;
  if (options.formats.includes('json')) {
    const file = join(options.out, `${id}.book.json`);
    await writeAtomic(file, renderBookJson(book));
    log(`wrote ${file}`);
  }
  const editions = options.editions.map((locale) => ({ locale, book: convertBook(book, locale) }));
  if (options.formats.includes('epub')) {
    for (const e of editions) {
      const t = performance.now();
      const file = join(options.out, `${id}.${e.locale}.epub`);
      const data = await renderEpub(e.book, { identifier: editionIdentifier(id, `${e.locale}.epub`), date });
      await writeAtomic(file, data);
      log(`wrote ${file} (${(data.length / 1024).toFixed(0)} KB, ${seconds(t)})`);
    }
  }
  // Last, so that without a browser the JSON and EPUB files are still written.
  if (options.formats.includes('pdf')) {
    const pdfs = await renderPdfs(editions, { date, pageSize: options.pageSize, identifier: (locale) => editionIdentifier(id, `${locale}.pdf`) }, log);
    for (const p of pdfs) {
      const file = join(options.out, `${id}.${p.locale}.pdf`);
      await writeAtomic(file, p.data);
      log(`wrote ${file} (${p.pages} pages, ${(p.data.length / 1024).toFixed(0)} KB, ${p.blockedRequests} network requests blocked)`);
    }
  }
  log(`build: done in ${seconds(t0)}`);
}
