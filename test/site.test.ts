// The static site over two books (this one and the hand-written fixture), as
// a reader and an e-reader app meet it: in headless Chromium (every link and
// download resolves, no request leaves the site, axe-core finds nothing at a
// phone's and a desktop's width, light and dark), through the Nu Html
// Checker, through an OPDS client library, and byte for byte across builds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxePuppeteer } from '@axe-core/puppeteer';
import { PDFDocument } from 'pdf-lib';
import opdsFeedParser, { OPDSAcquisitionLink, OPDSArtworkLink, type OPDSFeed } from 'opds-feed-parser';
import type { Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from '../src/io/browser.js';
import { loadBook } from '../src/load-book.js';
import { allParagraphs, inlineText } from '../src/model/text.js';
import { strings } from '../src/render/i18n.js';
import { convertBook } from '../src/transforms/convert-script.js';
import { runCli } from './helpers/cli.js';
import { edition } from './helpers/editions.js';
import { editionIds } from '../src/model/edition.js';
import { xhtmlText } from './helpers/epub.js';
import { bookDir, fixture } from './helpers/paths.js';

const require = createRequire(import.meta.url);
// A CommonJS module with `__esModule`: Node's import gives its exports object, vitest unwraps the default.
const OPDSParser = ('default' in opdsFeedParser ? opdsFeedParser.default : opdsFeedParser) as typeof opdsFeedParser.default;
const epoch = '1722297600'; // 2024-07-30T00:00:00Z
const baseUrl = 'https://books.example.org/press/';
const books = { siggraph: 'siggraph-2024-huang-zuckerberg', handwritten: 'bookshop-talk' } as const;
const out = mkdtempSync(join(tmpdir(), 'site-a-'));
const again = mkdtempSync(join(tmpdir(), 'site-b-'));

/** Every file under `dir`, relative to it, with `/` separators. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
    .sort();
}
const htmlPages = () => filesIn(out).filter((f) => f.endsWith('.html'));

beforeAll(() => {
  for (const dir of [out, again]) {
    const r = runCli(['build', '--manuscript', bookDir, '--manuscript', fixture('books/handwritten'), '--out', dir, '--base-url', baseUrl], { SOURCE_DATE_EPOCH: epoch });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }
});

describe('the site', () => {
  it('has a download page per script, a reading edition per book and edition, and the feeds', () => {
    const files = filesIn(out);
    for (const f of ['index.html', 'zh-Hans/index.html', 'opds.xml', 'opds.json', 'assets/site.css', 'assets/fonts/fonts.css']) expect(files).toContain(f);
    for (const id of Object.values(books)) {
      for (const e of ['zh-Hant', 'zh-Hans']) {
        expect(files).toContain(`read/${id}/${e}/index.html`);
        expect(files).toContain(`covers/${id}.${e}.png`);
        expect(files).toContain(`${id}.${e}.epub`);
        expect(files).toContain(`${id}.${e}.pdf`);
      }
    }
  });

  it('is byte-identical across builds', () => {
    const a = filesIn(out);
    expect(filesIn(again)).toEqual(a);
    const differ = a.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(again, f))));
    expect(differ).toEqual([]);
  });

  it('has no script but the JSON-LD data, and no remote resource', () => {
    for (const page of htmlPages()) {
      const html = readFileSync(join(out, page), 'utf8');
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.every((s) => s === '<script type="application/ld+json">'), page).toBe(true);
      // Absolute URLs only where a crawler reads them (Open Graph, JSON-LD), never in a link or source.
      expect(html.match(/\b(?:href|src)="(?:https?:)?\/\//g), page).toBeNull();
    }
    for (const css of filesIn(out).filter((f) => f.endsWith('.css'))) expect(readFileSync(join(out, css), 'utf8')).not.toMatch(/url\(["']?(?:https?:)?\/\//);
  });
});

describe('the download page', () => {
  const page = () => readFileSync(join(out, 'index.html'), 'utf8');
  const hans = () => readFileSync(join(out, 'zh-Hans/index.html'), 'utf8');

  it('is in the book\'s language, each script linked to the other as an alternate with hreflang', () => {
    expect(page()).toMatch(/<html lang="zh-Hant">/);
    expect(hans()).toMatch(/<html lang="zh-Hans">/);
    expect(page()).toContain('<link rel="alternate" hreflang="zh-Hans" href="zh-Hans/index.html">');
    expect(hans()).toContain('<link rel="alternate" hreflang="zh-Hant" href="../index.html">');
    expect(page()).toContain('對談者');
    expect(hans()).toContain('对谈者');
    expect(hans()).toContain('黄仁勋');
  });

  it('links the OPDS feeds as alternates', () => {
    expect(page()).toContain('<link rel="alternate" type="application/atom+xml;profile=opds-catalog;kind=acquisition" title="OPDS 1.2 書目（opds.xml）" href="opds.xml">');
    expect(hans()).toMatch(/<link rel="alternate" type="application\/opds\+json" title="[^"]+" href="\.\.\/opds\.json">/);
  });

  it('gives each file its size, pages, build date and sha256, and says which file suits which device', async () => {
    const html = page();
    for (const id of Object.values(books)) {
      for (const ext of ['epub', 'pdf']) {
        const file = join(out, `${id}.zh-Hans.${ext}`);
        const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
        expect(html).toContain(`<code>${sha}</code>`);
        expect(html).toContain(`（${statSync(file).size.toLocaleString('en-US')} B）`);
      }
    }
    const pages = (await PDFDocument.load(readFileSync(join(out, `${books.siggraph}.zh-Hant.pdf`)))).getPageCount();
    expect(html).toContain(`<dd>${pages} 頁</dd>`);
    expect(html).toContain('<dd>不分頁，隨螢幕重排</dd>');
    expect(html).toContain('<time datetime="2024-07-30">2024 年 7 月 30 日</time>');
    expect(html).toMatch(/EPUB 適用於 Kobo、Apple Books、KOReader.*Send to Kindle.*PDF 適合列印/);
  });

  it('carries schema.org Book records and Open Graph tags with absolute URLs under --base-url', async () => {
    const html = page();
    const json = JSON.parse(html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!);
    expect(json['@context']).toBe('https://schema.org');
    const records = json['@graph'] as { '@type': string; name: string; image: string; workExample: { encoding: { contentUrl: string; sha256: string }[] }[] }[];
    expect(records.map((r) => r['@type'])).toEqual(['Book', 'Book']);
    expect(records[0]!.name).toBe('黃仁勳、小扎巔峰對談：萬字長文揭秘 Meta 的 AI 未來');
    expect(records[0]!.image).toBe(`${baseUrl}covers/${books.siggraph}.zh-Hant.png`);
    const encodings = records.flatMap((r) => r.workExample.flatMap((w) => w.encoding));
    // Two books, three editions each, an EPUB and a PDF of each.
    expect(encodings).toHaveLength(2 * editionIds().length * 2);
    for (const e of encodings) {
      const file = join(out, e.contentUrl.slice(baseUrl.length));
      expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(e.sha256);
    }
    const og = (property: string) => html.match(new RegExp(`<meta property="${property}" content="([^"]*)">`))?.[1];
    expect(og('og:url')).toBe(baseUrl + 'index.html');
    expect(og('og:image')).toBe(`${baseUrl}covers/${books.siggraph}.zh-Hant.png`);
    expect(og('og:locale')).toBe('zh_TW');
    expect(hans()).toContain(`<meta property="og:url" content="${baseUrl}zh-Hans/index.html">`);
  });
});

describe('the web reading edition', () => {
  it.each(['zh-Hant', 'zh-Hans'])('holds every paragraph of the %s edition exactly once, from the same chapters as the EPUB', async (id) => {
    const html = readFileSync(join(out, `read/${books.siggraph}/${id}/index.html`), 'utf8');
    expect(html).not.toContain('epub:type');
    const book = convertBook(await loadBook(bookDir), edition(id));
    // The same reading of the text as the EPUB's tests: markup, back links and the editor's marks left out.
    const textOf = (markup: string) => xhtmlText(`<body>${markup}`);
    for (const { paragraph } of allParagraphs(book)) {
      const at = html.split(`id="${paragraph.id}"`);
      expect(at, paragraph.id).toHaveLength(2);
      expect(textOf(at[1]!.slice(0, at[1]!.indexOf('</p>')))).toContain(inlineText(paragraph.content));
    }
    const t = strings[edition(id).labels];
    const text = textOf(html);
    for (const heading of [t.toc, t.timeline, t.notes, t.colophon, ...book.parts.map((p) => p.title)]) expect(text).toContain(heading);
    expect(text).toContain(id === 'zh-Hant' ? '網頁版' : '网页版');
  });
});

describe('the OPDS feeds', () => {
  let feed: OPDSFeed;
  beforeAll(async () => {
    feed = (await new OPDSParser().parse(readFileSync(join(out, 'opds.xml'), 'utf8'))) as OPDSFeed;
  });
  const resolves = (href: string) => {
    const path = fileURLToPath(new URL(href, `file://${out}/`));
    return path.startsWith(out + sep) && existsSync(path) && statSync(path).isFile();
  };

  it('is Atom with what Atom requires of a feed and its entries', () => {
    const xml = readFileSync(join(out, 'opds.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    // The parser (xml2js, strict) has read it, so it is well-formed; Atom's required elements:
    const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;
    for (const node of [feed, ...feed.entries]) {
      expect(node.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(node.title).toBeTruthy();
      expect(node.updated).toMatch(rfc3339);
    }
    for (const entry of feed.entries) expect(entry.authors.length).toBeGreaterThan(0);
    const ids = [feed.id, ...feed.entries.map((e) => e.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has one entry per book, with title, authors, language, summary, issued date and cover', () => {
    expect(feed.title).toBe('Transcript Press（非官方整理版）書目');
    expect(feed.links.find((l) => l.rel === 'self')?.type).toBe('application/atom+xml;profile=opds-catalog;kind=acquisition');
    expect(feed.entries.map((e) => e.title)).toEqual(['黃仁勳、小扎巔峰對談：萬字長文揭秘 Meta 的 AI 未來', '小鎮書店座談：紙本書還有未來嗎']);
    const [first] = feed.entries;
    expect(first!.authors.map((a) => a.name)).toEqual(['黃仁勳', '扎克伯格']);
    expect(first!.language).toBe('zh-Hant');
    expect(first!.issued).toBe('2024-07-30');
    expect(first!.summary.content).toContain('SIGGRAPH 2024');
    const art = first!.links.filter((l) => l instanceof OPDSArtworkLink);
    expect(art.map((l) => [l.rel, l.type])).toEqual([
      ['http://opds-spec.org/image', 'image/png'],
      ['http://opds-spec.org/image/thumbnail', 'image/png'],
    ]);
  });

  it('offers every EPUB and PDF with its media type', () => {
    for (const [i, id] of Object.values(books).entries()) {
      const acquisitions = feed.entries[i]!.links.filter((l) => l instanceof OPDSAcquisitionLink);
      expect(acquisitions.map((l) => [l.href, l.type])).toEqual(
        editionIds().flatMap((e) => [
          [`${id}.${e}.epub`, 'application/epub+zip'],
          [`${id}.${e}.pdf`, 'application/pdf'],
        ]),
      );
    }
  });

  it('links only files that are in the site', () => {
    const hrefs = [...feed.links, ...feed.entries.flatMap((e) => e.links)].map((l) => l.href);
    // The feed's self, start and two alternates; each entry's cover, thumbnail, two files an edition and reading edition.
    expect(hrefs).toHaveLength(4 + 2 * (3 + 2 * editionIds().length));
    expect(hrefs.filter((h) => !resolves(h))).toEqual([]);
  });

  it('says the same in OPDS 2.0', () => {
    const json = JSON.parse(readFileSync(join(out, 'opds.json'), 'utf8'));
    expect(json.metadata.title).toBe(feed.title);
    expect(json.publications).toHaveLength(2);
    const links = [...json.links, ...json.publications.flatMap((p: { links: unknown[]; images: unknown[] }) => [...p.links, ...p.images])] as { href: string; type: string }[];
    expect(links.filter((l) => !resolves(l.href))).toEqual([]);
    const acquisitions = json.publications[0].links.filter((l: { rel: string }) => l.rel === 'http://opds-spec.org/acquisition/open-access');
    expect(acquisitions.map((l: { type: string }) => l.type)).toEqual(editionIds().flatMap(() => ['application/epub+zip', 'application/pdf']));
  });
});

describe('the Nu Html Checker', () => {
  it('finds no errors in any page or style sheet', () => {
    const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
    const files = filesIn(out).filter((f) => f.endsWith('.html') || f.endsWith('.css'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    // A larger thread stack: the checker's schema evaluation recurses deeply.
    const r = spawnSync('java', ['-Xss4m', '-jar', jar, '--format', 'json', '--also-check-css', ...files.map((f) => join(out, f))], { encoding: 'utf8' });
    const report = JSON.parse(r.stderr || r.stdout) as { messages: { type: string; url: string; lastLine?: number; message: string }[] };
    const errors = report.messages.filter((m) => m.type !== 'info').map((m) => `${m.url}:${m.lastLine}: ${m.message}`);
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('in Chromium', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });

  const viewports = [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ];

  /** Opens a page of the site, counting every request; anything outside the site is refused. */
  async function open(path: string): Promise<{ page: Page; outside: string[]; failed: string[] }> {
    const page = await session.browser.newPage();
    const outside: string[] = [];
    const failed: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const url = req.url();
      const inside = url.startsWith('data:') || (url.startsWith('file://') && fileURLToPath(url.split('#')[0]!).startsWith(out + sep));
      if (inside) void req.continue();
      else {
        outside.push(url);
        void req.abort();
      }
    });
    page.on('requestfailed', (req) => failed.push(req.url()));
    await page.goto(`file://${join(out, path)}`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    return { page, outside, failed };
  }

  it('loads every page without a request leaving the site, every font and image found', async () => {
    for (const path of htmlPages()) {
      const { page, outside, failed } = await open(path);
      expect(outside, path).toEqual([]);
      expect(failed, path).toEqual([]);
      // The fonts the page uses are the site's own, loaded.
      const fonts = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family));
      expect(fonts.length, path).toBeGreaterThan(0);
      const images = await page.evaluate(() => [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src));
      expect(images, path).toEqual([]);
      await page.close();
    }
  });

  it('resolves every link, fragment and download to a file in the site', async () => {
    const problems: string[] = [];
    for (const path of htmlPages()) {
      const { page } = await open(path);
      const links = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLAnchorElement | HTMLLinkElement>('a[href], link[href]')].map((a) => ({ href: a.href, download: a.getAttribute('download'), type: a.getAttribute('type') })),
      );
      for (const link of links) {
        const [target, hash] = link.href.split('#') as [string, string | undefined];
        if (!target.startsWith('file://')) {
          problems.push(`${path}: ${link.href} is not in the site`);
          continue;
        }
        const file = fileURLToPath(target);
        if (!file.startsWith(out + sep) || !existsSync(file) || !statSync(file).isFile()) {
          problems.push(`${path}: ${link.href} is no file in the site`);
          continue;
        }
        if (hash && !readFileSync(file, 'utf8').includes(`id="${decodeURIComponent(hash)}"`)) problems.push(`${path}: no id ${hash} in ${relative(out, file)}`);
        if (link.download !== null) {
          const expected = file.endsWith('.epub') ? 'application/epub+zip' : file.endsWith('.pdf') ? 'application/pdf' : undefined;
          if (link.type !== expected) problems.push(`${path}: download ${relative(out, file)} has type ${link.type}`);
        }
      }
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('offers a download for every EPUB and PDF of every book on each download page', async () => {
    for (const path of ['index.html', 'zh-Hans/index.html']) {
      const { page } = await open(path);
      const downloads = await page.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('a[download]')].map((a) => a.getAttribute('href')));
      const prefix = path.includes('/') ? '../' : '';
      expect(downloads.sort()).toEqual(
        Object.values(books)
          .flatMap((id) => editionIds().flatMap((e) => [`${prefix}${id}.${e}.epub`, `${prefix}${id}.${e}.pdf`]))
          .sort(),
      );
      await page.close();
    }
  });

  it('passes axe-core on every page, at a phone\'s and a desktop\'s width, and dark on the phone', async () => {
    const violations: string[] = [];
    // The dark scheme changes colours only: one width checks its contrast (axe takes seconds a page).
    const runs = [
      { ...viewports[0]!, scheme: 'light' },
      { ...viewports[1]!, scheme: 'light' },
      { ...viewports[0]!, scheme: 'dark' },
    ] as const;
    // Each page and setting in a tab of its own, two at a time (the machine's two cores): the same checks in about half the time.
    const checks = htmlPages().flatMap((path) => runs.map((run) => ({ path, ...run })));
    const found: string[][] = checks.map(() => []);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < checks.length; i = next++) {
        const { path, width, height, scheme } = checks[i]!;
        const { page } = await open(path);
        await page.setViewport({ width, height });
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        const result = await new AxePuppeteer(page).analyze();
        for (const v of result.violations) found[i]!.push(`${path} ${width}px ${scheme}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        // Nothing wider than the screen: the page reflows.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) found[i]!.push(`${path} ${width}px: ${overflow}px wider than the screen`);
        await page.close();
      }
    };
    await Promise.all([worker(), worker()]);
    violations.push(...found.flat());
    expect(violations).toEqual([]);
  }, 400_000);

  it('prints the reading edition without the site\'s furniture', async () => {
    const { page } = await open(`read/${books.siggraph}/zh-Hant/index.html`);
    await page.emulateMediaType('print');
    const shown = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).display);
    expect(shown).toBe('none');
    const opener = await page.evaluate(() => getComputedStyle(document.querySelector('#conversation')!).breakBefore);
    expect(opener).toBe('page');
    await page.close();
  });
});
