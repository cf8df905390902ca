// The reader harness (`npm run check:readers`): renders chosen documents of
// both EPUBs to PNG in three independent engines, in the ways reading
// systems change a book — their own colours, inversion, their own font — and
// checks the Kindle path with calibre. See test/readers/README.md.
//
//   Blink   foliate-js (a real EPUB reading engine) in headless Chromium
//   WebKit  WebKitGTK through python3-gi, under Xvfb (webkit.py)
//   MuPDF   mutool draw, EPUB layout with a user style sheet
//   calibre ebook-convert to AZW3, read back with ebook-meta
//
// Writes <out>/<edition>/<engine>-<theme>-<document>.png and <out>/index.html
// (every picture on one page, to look at), prints what it checked, and exits
// non-zero if an engine failed or a check did not hold.
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import JSZip from 'jszip';
import { launchBrowser } from '../../src/io/browser.js';
import { loadBook } from '../../src/load-book.js';
import { editionIds, findEdition } from '../../src/model/edition.js';
import { convertBook } from '../../src/transforms/convert-script.js';
import { strings } from '../../src/render/i18n.js';
import { runCli } from '../helpers/cli.js';
import { bookDir, root } from '../helpers/paths.js';

const args = process.argv.slice(2);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1]! : join(root, 'readers-out');
const size = { width: 600, height: 800 };

/** What reading systems do to a book, as a user style sheet. */
const themes: Record<string, string> = {
  light: '',
  // calibre's "override book colours", Kobo's and Apple's themes: every text one colour, every background another.
  'forced-black': '* { color: #000 !important; background: #fff !important; border-color: #000 !important; outline-color: #000 !important; }',
  'forced-white': 'html, body, * { color: #fff !important; background: #000 !important; border-color: #fff !important; outline-color: #fff !important; }',
  // Night modes that invert the page (MuPDF's -I, e-ink "invert").
  inverted: 'html { filter: invert(1); background: #fff; }',
  // The reader's own font, one weight only: bold must survive as synthetic bold.
  'font-override': '* { font-family: "Book Serif", serif !important; }',
};

/** The documents worth seeing: front matter, the key, the conversation's first screen, the timeline, the 版權頁. */
const documents = ['cover', 'titlepage', 'toc', 'conventions', 'conversation', 'timeline', 'colophon'];

// Every edition the builder makes, the vertical one too.
const editions = editionIds();
const problems: string[] = [];
const done: { edition: string; engine: string; theme: string; doc: string; file: string }[] = [];

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

async function unpack(epub: string, dir: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(epub));
  for (const [name, f] of Object.entries(zip.files)) {
    if (f.dir) continue;
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), await f.async('nodebuffer'));
  }
}

const types: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.epub': 'application/epub+zip', '.css': 'text/css' };

/** Blink: each document opened in foliate-js, the theme given as its reader styles. */
async function renderBlink(epubs: Map<string, string>): Promise<void> {
  const foliate = join(root, 'node_modules/foliate-js');
  const page = `<!DOCTYPE html><html><body style="margin:0"><script type="module">
import '/foliate/view.js';
window.show = async (url, css, href) => {
  const view = document.createElement('foliate-view');
  view.style.cssText = 'display:block;width:${size.width}px;height:${size.height}px';
  document.body.replaceChildren(view);
  const blob = await (await fetch(url)).blob();
  await view.open(new File([blob], 'book.epub'));
  view.renderer.setAttribute('margin', '24px');
  view.renderer.setAttribute('gap', '5%');
  view.renderer.setStyles?.(css);
  await view.goTo(href);
  return true;
};
</script></body></html>`;
  const server = createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const file = url === '/' ? null : url.startsWith('/foliate/') ? join(foliate, url.slice('/foliate/'.length)) : epubs.get(url.slice(1));
    if (url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  const session = await launchBrowser();
  try {
    const tab = await session.browser.newPage();
    await tab.setViewport(size);
    await tab.goto(`http://127.0.0.1:${port}/`);
    for (const edition of editions) {
      for (const [theme, css] of Object.entries(themes)) {
        for (const doc of documents) {
          const file = join(out, edition, `blink-${theme}-${doc}.png`);
          try {
            await tab.evaluate((u: string, c: string, h: string) => (window as unknown as { show: (u: string, c: string, h: string) => Promise<boolean> }).show(u, c, h), `/${edition}.epub`, css, `OEBPS/${doc}.xhtml`);
            await new Promise((r) => setTimeout(r, 700));
            await tab.screenshot({ path: file as `${string}.png` });
            done.push({ edition, engine: 'blink', theme, doc, file });
          } catch (e) {
            problems.push(`blink ${edition} ${theme} ${doc}: ${String(e).split('\n')[0]}`);
          }
        }
      }
    }
  } finally {
    await session.close();
    server.close();
  }
}

/** WebKit: each document loaded from the unpacked book, the theme as a user style sheet. */
function renderWebkit(unpacked: Map<string, string>): void {
  if (!have('xvfb-run') || spawnSync('/usr/bin/python3', ['-c', "import gi; gi.require_version('WebKit2', '4.1')"]).status !== 0) {
    problems.push('webkit: not installed (xvfb, python3-gi, python3-gi-cairo, gir1.2-webkit2-4.1: `npm run setup`)');
    return;
  }
  const jobs = editions.flatMap((edition) =>
    Object.entries(themes).flatMap(([theme, css]) =>
      documents.map((doc) => ({ edition, theme, doc, file: join(unpacked.get(edition)!, 'OEBPS', `${doc}.xhtml`), css, out: join(out, edition, `webkit-${theme}-${doc}.png`), ...size })),
    ),
  );
  const list = join(out, 'webkit-jobs.json');
  writeFileSync(list, JSON.stringify(jobs));
  const r = spawnSync('xvfb-run', ['-a', '/usr/bin/python3', join(root, 'test/readers/webkit.py'), list], { encoding: 'utf8', timeout: 600_000 });
  rmSync(list);
  if (r.status !== 0) problems.push(`webkit: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  for (const j of jobs) if (existsSync(j.out)) done.push({ edition: j.edition, engine: 'webkit', theme: j.theme, doc: j.doc, file: j.out });
}

/** MuPDF: each document laid out at the screen's size; the theme as a user style sheet, inversion as MuPDF's own. */
function renderMupdf(unpacked: Map<string, string>): void {
  if (!have('mutool')) {
    problems.push('mupdf: mutool is not installed (mupdf-tools: `npm run setup`)');
    return;
  }
  const cssFile = join(out, 'theme.css');
  for (const edition of editions) {
    for (const [theme, css] of Object.entries(themes)) {
      // MuPDF paints no page background from CSS: white text is drawn as black text, inverted.
      const invert = theme === 'inverted' || theme === 'forced-white';
      writeFileSync(cssFile, theme === 'inverted' ? '' : theme === 'forced-white' ? themes['forced-black']! : css);
      for (const doc of documents) {
        const file = join(out, edition, `mupdf-${theme}-${doc}.png`);
        const r = spawnSync('mutool', ['draw', '-q', '-r', '96', '-W', String(size.width * 0.75), '-H', String(size.height * 0.75), '-U', cssFile, ...(invert ? ['-I'] : []), '-o', file, join(unpacked.get(edition)!, 'OEBPS', `${doc}.xhtml`), '1'], { encoding: 'utf8' });
        if (r.status !== 0 || !existsSync(file)) problems.push(`mupdf ${edition} ${theme} ${doc}: ${r.stderr.trim().split('\n')[0]}`);
        else done.push({ edition, engine: 'mupdf', theme, doc, file });
      }
    }
  }
  rmSync(cssFile);
}

/** calibre's Kindle path: AZW3 keeps both authors and the whole title with its 副題. */
async function checkKindle(epubs: Map<string, string>): Promise<void> {
  if (!have('ebook-convert')) {
    problems.push('calibre: not installed (`npm run setup`)');
    return;
  }
  const source = await loadBook(bookDir);
  for (const edition of editions) {
    const e = findEdition(edition)!;
    const m = convertBook(source, e).meta;
    const azw3 = join(out, `${edition}.azw3`);
    const conv = spawnSync('ebook-convert', [epubs.get(`${edition}.epub`)!, azw3], { encoding: 'utf8', timeout: 300_000 });
    if (conv.status !== 0) {
      problems.push(`calibre ${edition}: ebook-convert failed: ${conv.stderr.trim().split('\n').slice(-1)[0]}`);
      continue;
    }
    const meta = execFileSync('ebook-meta', [azw3], { encoding: 'utf8' });
    const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(meta)?.[1]?.trim() ?? '';
    const title = strings[e.labels].titleWithSubtitle(m.title, m.subtitle);
    const authors = m.speakers.map((s) => s.name).join(' & ');
    const ok = field('Title') === title && field('Author\\(s\\)') === authors;
    console.log(`calibre ${edition}: AZW3 title 「${field('Title')}」, authors 「${field('Author\\(s\\)')}」 ${ok ? 'ok' : 'WRONG'}`);
    if (!ok) problems.push(`calibre ${edition}: expected title 「${title}」 and authors 「${authors}」`);
  }
}

function writeIndex(): void {
  const rows = editions.flatMap((edition) =>
    documents.map((doc) => {
      const cells = ['blink', 'webkit', 'mupdf'].flatMap((engine) =>
        Object.keys(themes).map((theme) => {
          const d = done.find((x) => x.edition === edition && x.engine === engine && x.theme === theme && x.doc === doc);
          return `<td>${d ? `<img src="${relative(out, d.file)}" width="150" alt="">` : '—'}<br>${engine} ${theme}</td>`;
        }),
      );
      return `<tr><th>${edition}<br>${doc}</th>${cells.join('')}</tr>`;
    }),
  );
  writeFileSync(join(out, 'index.html'), `<!DOCTYPE html><meta charset="utf-8"><title>readers</title><table style="font:10px sans-serif">${rows.join('\n')}</table>\n`);
}

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  for (const e of editions) mkdirSync(join(out, e), { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'readers-'));
  try {
    const r = runCli(['build', '--formats', 'epub', '--out', work], { SOURCE_DATE_EPOCH: '1722297600' });
    if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
    const source = await loadBook(bookDir);
    const epubs = new Map(editions.map((e) => [`${e}.epub`, join(work, `${source.meta.id}.${e}.epub`)]));
    const unpacked = new Map(editions.map((e) => [e, join(work, e)]));
    for (const e of editions) await unpack(epubs.get(`${e}.epub`)!, unpacked.get(e)!);
    await renderBlink(epubs);
    renderWebkit(unpacked);
    renderMupdf(unpacked);
    await checkKindle(epubs);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  writeIndex();
  console.log(`${done.length} pictures in ${out} (index.html shows them all)`);
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
}

await main();
