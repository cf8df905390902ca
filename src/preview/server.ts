// `transcript-press preview`: a live preview on 127.0.0.1, as Vivliostyle
// CLI's preview. It serves
//   /            the print layout of one edition as Chromium lays it out for
//                printing: the final print page (page numbers filled in,
//                blank pages inserted) shown as its measured pages, one
//                column per page, exactly as src/write/pdf/paginate.ts
//                measures them before printing;
//   /book.pdf    the PDF just printed from it;
//   /epub/…      the EPUB's own documents, as a reading system gets them.
// It watches the book folder, rebuilds on every change and tells the page to
// reload (server-sent events). A bad edit shows its one line in the terminal
// and on the page, over the last good preview, which stays.
import { watch } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { PreviewOptions } from '../cli-args.js';
import { BookError } from '../errors.js';
import { launchBrowser, type BrowserSession } from '../io/browser.js';
import { publishedBuildDate, resolveBuildDate } from '../io/build-date.js';
import { manuscriptFiles } from '../io/book-files.js';
import { makeReporter } from '../io/reporter.js';
import { makeTempFolder } from '../io/temp.js';
import { loadBook } from '../load-book.js';
import { findEdition, editions } from '../model/edition.js';
import { editionIdentifier } from '../model/identifier.js';
import { convertBook } from '../transforms/convert-script.js';
import { renderEpubFiles } from '../write/epub.js';
import { renderPdf } from '../write/pdf/index.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xhtml': 'application/xhtml+xml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
  '.xml': 'application/xml; charset=utf-8',
  '.opf': 'application/oebps-package+xml',
  '.ncx': 'application/x-dtbncx+xml',
};

/** Added to the served print page: the pages side by side, framed; and the reload and error channel. */
const previewHead = `<style>
html.measuring.preview { background: #fff; }
html.measuring.preview body { column-gap: 16mm; column-rule: 1px dashed #999; padding: 12mm; box-sizing: content-box; }
#preview-error { position: fixed; left: 0; right: 0; top: 0; z-index: 10; margin: 0; padding: .6em 1em; background: #fff; color: #000; border-bottom: 3px solid #000; font: 14px/1.5 monospace; white-space: pre-wrap; text-indent: 0; }
#preview-error[hidden] { display: none; }
</style>
<script>
addEventListener('DOMContentLoaded', () => {
  const banner = document.getElementById('preview-error');
  const events = new EventSource('/events');
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('failed', (e) => { banner.textContent = e.data; banner.hidden = false; });
});
</script>`;

interface Preview {
  /** The print page's folder (index.html, style.css, fonts/). */
  page: string;
  pdf: Buffer;
  epub: Map<string, Buffer>;
  version: number;
}

export interface RunningPreview {
  url: string;
  close: () => Promise<void>;
}

export async function runPreview(options: PreviewOptions): Promise<RunningPreview> {
  const reporter = makeReporter(options.verbosity);
  const edition = findEdition(options.edition);
  if (!edition) {
    throw new BookError('usage', `--edition: 「${options.edition}」 is not one of ${editions.map((e) => e.id).join(', ')}.`, 'run `transcript-press preview --help` for the options.', { file: 'command line' });
  }
  // A private folder, removed on close, or by the interrupt handler if a signal ends the process first (io/interrupts.ts).
  const workFolder = await makeTempFolder('transcript-press-preview-');
  const work = workFolder.path;
  let session: BrowserSession | undefined;
  let current: Preview | undefined;
  let failure: string | undefined;
  let version = 0;
  const clients = new Set<ServerResponse>();
  const send = (event: string, data: string) => {
    for (const c of clients) c.write(`event: ${event}\ndata: ${data.replace(/\n/g, ' ')}\n\n`);
  };

  const rebuild = async (): Promise<void> => {
    const t0 = performance.now();
    const keep = join(work, String(++version));
    try {
      const source = await loadBook(options.manuscript);
      const book = convertBook(source, edition);
      const date = resolveBuildDate(options.manuscript) ?? publishedBuildDate(source.meta.published, manuscriptFiles(options.manuscript).manuscript);
      session ??= await launchBrowser();
      const pdf = await renderPdf(book, edition, { date, pageSize: options.pageSize, identifier: editionIdentifier(book.meta.id, `${edition.id}.pdf`), keep }, session);
      const epub = await renderEpubFiles(book, edition, { date, identifier: editionIdentifier(book.meta.id, `${edition.id}.epub`) });
      const previous = current;
      current = { page: join(keep, edition.id), pdf: pdf.data, epub, version };
      failure = undefined;
      if (previous) await rm(join(previous.page, '..'), { recursive: true, force: true });
      reporter.info(`preview: rebuilt ${edition.id}, ${pdf.pages} pages, in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
      send('reload', String(version));
    } catch (e) {
      await rm(keep, { recursive: true, force: true });
      // The preview keeps running whatever went wrong; the last good pages stay.
      failure = e instanceof BookError ? `error: ${e.format()}` : `internal error: ${(e as Error).message}`;
      process.stderr.write(`${failure}\n`);
      send('failed', failure);
    }
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (path === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      if (failure) res.write(`event: failed\ndata: ${failure}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (!current) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(failure ?? 'building…');
      return;
    }
    if (path === '/' || path === '/index.html') {
      const html = await readFile(join(current.page, 'index.html'), 'utf8');
      const page = html
        .replace(/<html /, '<html class="measuring preview" ')
        .replace('</head>', `${previewHead}\n</head>`)
        .replace(/<body([^>]*)>/, `<body$1><p id="preview-error" role="alert"${failure ? '' : ' hidden'}>${failure ? escapeHtml(failure) : ''}</p>`);
      return reply(res, page, types['.html']!);
    }
    if (path === '/book.pdf') return reply(res, current.pdf, types['.pdf']!);
    if (path.startsWith('/epub/')) {
      const file = current.epub.get(path.slice('/epub/'.length));
      return file ? reply(res, file, types[extname(path)] ?? 'application/octet-stream') : notFound(res);
    }
    // The print page's own files (style.css, fonts/…), never outside its folder.
    const file = normalize(join(current.page, path));
    if (!file.startsWith(current.page + sep)) return notFound(res);
    const data = await readFile(file).catch(() => undefined);
    return data ? reply(res, data, types[extname(file)] ?? 'application/octet-stream') : notFound(res);
  };

  await rebuild();
  const server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new BookError('usage', `port ${options.port} on 127.0.0.1 is in use.`, 'pass another --port (0 picks a free one).', { file: 'command line' }) : e),
    );
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}/`;
  process.stderr.write(`preview: ${url} (the print layout of ${edition.id}; /book.pdf, /epub/OEBPS/…); watching ${options.manuscript}\n`);

  // Rebuild on change, one at a time: changes during a build start one more after it.
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) {
        again = true;
        return;
      }
      running = rebuild().finally(() => {
        running = undefined;
        if (again) {
          again = false;
          schedule();
        }
      });
    }, 150);
  };
  const watcher = watch(options.manuscript, schedule);

  const close = async () => {
    watcher.close();
    clearTimeout(timer);
    await running;
    for (const c of clients) c.end();
    await new Promise((resolve) => server.close(resolve));
    await session?.close();
    await workFolder.remove();
  };
  const stop = () => {
    void close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { url, close };
}

const escapeHtml = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

function reply(res: ServerResponse, body: string | Buffer, type: string): void {
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found');
}
