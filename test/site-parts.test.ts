// The site's pure parts, without a browser or a full build: where pages live
// and how they link, which language is at the root, what Open Graph says with
// and without --base-url, and how each script gets its own faces.
import { h } from 'hastscript';
import { describe, expect, it } from 'vitest';
import { readStyle } from '../src/io/assets.js';
import { loadBook } from '../src/load-book.js';
import { editions } from '../src/model/edition.js';
import { convertBook } from '../src/transforms/convert-script.js';
import { viewCatalogue } from '../src/write/site/catalogue-view.js';
import { collectTextByLang, renderFontFaces } from '../src/write/site/fonts.js';
import { renderFeeds, renderSite } from '../src/write/site/index.js';
import { relativeHref, siteLanguages } from '../src/write/site/layout.js';
import { renderOpenGraph } from '../src/write/site/structured-data.js';
import type { Catalogue } from '../src/write/writer.js';
import { bookDir, fixture } from './helpers/paths.js';

const date = new Date('2024-07-30T00:00:00Z');

async function catalogueOf(dir: string): Promise<Catalogue> {
  const book = await loadBook(dir);
  return { books: [{ book, date, editions: editions.map((edition) => ({ edition, book: convertBook(book, edition) })), files: [] }] };
}

describe('the site\'s layout', () => {
  it('links relatively, naming the file, from any page to any file', () => {
    expect(relativeHref('index.html', 'zh-Hans/index.html')).toBe('zh-Hans/index.html');
    expect(relativeHref('zh-Hans/index.html', 'index.html')).toBe('../index.html');
    expect(relativeHref('read/a/zh-Hant/index.html', 'read/a/zh-Hans/index.html')).toBe('../zh-Hans/index.html');
    expect(relativeHref('read/a/zh-Hant/index.html', 'read/a/zh-Hant/index.html')).toBe('index.html');
    expect(relativeHref('zh-Hans/index.html', 'a.zh-Hans.epub')).toBe('../a.zh-Hans.epub');
    expect(relativeHref('read/a/zh-Hant/index.html', 'index.html#book-a')).toBe('../../../index.html#book-a');
  });

  it('puts the book\'s own language at the root, the other scripts in folders', () => {
    expect(siteLanguages(editions, 'zh-Hant').map((l) => [l.locale, l.page])).toEqual([
      ['zh-Hant', 'index.html'],
      ['zh-Hans', 'zh-Hans/index.html'],
    ]);
    expect(siteLanguages(editions, 'zh-Hans').map((l) => [l.locale, l.page])).toEqual([
      ['zh-Hans', 'index.html'],
      ['zh-Hant', 'zh-Hant/index.html'],
    ]);
    // Two editions of one script share a page.
    expect(siteLanguages([...editions, { ...editions[0]!, id: 'zh-Hant-vertical', writingMode: 'vertical-rl' }]).map((l) => l.edition.id)).toEqual(['zh-Hant', 'zh-Hans']);
  });

  it('gives a Simplified manuscript a Simplified root page and feed', async () => {
    const catalogue = await catalogueOf(fixture('books/handwritten'));
    const feed = String(renderFeeds(catalogue, date).find((f) => f.name === 'opds.xml')?.data);
    expect(feed).toContain('xml:lang="zh-Hans"');
    expect(feed).toContain('<title>小镇书店座谈：纸本书还有未来吗</title>');
    const files = await renderSite(catalogue, { baseUrl: undefined, feeds: false });
    const page = (name: string) => String(files.find((f) => f.name === name)?.data);
    expect(page('index.html')).toMatch(/<html lang="zh-Hans">/);
    expect(page('index.html')).toContain('小镇书店座谈');
    expect(page('zh-Hant/index.html')).toMatch(/<html lang="zh-Hant">/);
    expect(page('zh-Hant/index.html')).toContain('小鎮書店座談');
    // Without the feeds, no page links them.
    expect(page('index.html')).not.toContain('opds');
    expect(files.map((f) => f.name)).toContain('read/bookshop-talk/zh-Hans/index.html');
  });

  it('reads horizontal editions on the web, and offers the vertical one as its files alone', async () => {
    const catalogue = await catalogueOf(bookDir);
    const withFiles: Catalogue = {
      books: catalogue.books.map((b) => ({ ...b, files: b.editions.map(({ edition }) => ({ name: `${b.book.meta.id}.${edition.id}.epub`, writer: 'epub', edition, size: 1, sha256: '0'.repeat(64) })) })),
    };
    const files = await renderSite(withFiles, { baseUrl: undefined, feeds: true });
    const names = files.map((f) => f.name);
    expect(names).toContain('read/siggraph-2024-huang-zuckerberg/zh-Hant/index.html');
    expect(names.filter((n) => n.includes('vertical') && n.startsWith('read/'))).toEqual([]);
    const root = String(files.find((f) => f.name === 'index.html')?.data);
    // Every reading link goes to a page that exists; the vertical edition's files are offered.
    for (const [, href] of root.matchAll(/href="(read\/[^"]+)"/g)) expect(names).toContain(href);
    expect(root).toContain('siggraph-2024-huang-zuckerberg.zh-Hant-vertical.epub');
    const vertical = /<div class="edition">(?:(?!<div class="edition">).)*zh-Hant-vertical\.epub/s.exec(root)?.[0] ?? '';
    expect(vertical).not.toBe('');
    expect(vertical).not.toContain('read/');
    // The vertical edition alone: no reading edition, so no host's words to set in Kai, and no Kai file or rule.
    const alone: Catalogue = { books: withFiles.books.map((b) => ({ ...b, editions: b.editions.filter((e) => e.edition.id === 'zh-Hant-vertical'), files: b.files.filter((f) => f.edition?.id === 'zh-Hant-vertical') })) };
    const site = await renderSite(alone, { baseUrl: undefined, feeds: false });
    expect(site.map((f) => f.name).filter((n) => n.startsWith('read/') || n.endsWith('kai.ttf'))).toEqual([]);
    expect(String(site.find((f) => f.name === 'assets/fonts/fonts.css')?.data)).toContain('--kai: "Book Serif zh-Hant"');
  });
});

describe('Open Graph', () => {
  it('leaves out og:url and og:image without --base-url, and makes them absolute with it', async () => {
    const catalogue = await catalogueOf(bookDir);
    const [zhHant, zhHans] = siteLanguages(editions, 'zh-Hant') as [ReturnType<typeof siteLanguages>[number], ReturnType<typeof siteLanguages>[number]];
    const books = viewCatalogue(catalogue, 'zh-Hans');
    const without = Object.fromEntries(renderOpenGraph(books, zhHans, [zhHant], undefined, 't', 'd'));
    expect(without['og:url']).toBeUndefined();
    expect(without['og:image']).toBeUndefined();
    expect(without['og:locale']).toBe('zh_CN');
    expect(without['og:locale:alternate']).toBe('zh_TW');
    const withBase = Object.fromEntries(renderOpenGraph(books, zhHans, [zhHant], 'https://books.example.org/press/', 't', 'd'));
    expect(withBase['og:url']).toBe('https://books.example.org/press/zh-Hans/index.html');
    expect(withBase['og:image']).toBe('https://books.example.org/press/covers/siggraph-2024-huang-zuckerberg.zh-Hans.png');
    expect(withBase['og:type']).toBe('book');
  });
});

describe('the site\'s fonts', () => {
  it('sorts a page\'s text by the language it is tagged with', () => {
    const tree = h('body', [h('p', '繁體'), h('a', { lang: 'zh-Hans' }, ['简体', h('b', '中文')]), h('p', '字')]);
    const text = collectTextByLang(tree, 'zh-Hant');
    expect(Object.fromEntries(text)).toEqual({ 'zh-Hant': '繁體字', 'zh-Hans': '简体中文' });
  });

  it('names each language\'s faces and picks them by :lang()', () => {
    const css = renderFontFaces(siteLanguages(editions, 'zh-Hant'));
    expect(css).toContain('@font-face { font-family: "Book Serif zh-Hans"; src: url("zh-Hans/serif.ttf") format("truetype"); font-weight: 400;');
    expect(css).toContain('@font-face { font-family: "Book Sans zh-Hant"; src: url("zh-Hant/sans-bold.ttf") format("truetype"); font-weight: 700;');
    expect(css).toContain('@font-face { font-family: "Book Kai zh-Hant"; src: url("zh-Hant/kai.ttf") format("truetype"); font-weight: 400;');
    expect(css).toContain(':lang(zh-Hans) { --serif: "Book Serif zh-Hans", serif; --sans: "Book Sans zh-Hans", sans-serif; --kai: "Book Kai zh-Hans"; }');
  });

  it('sets the reading edition as the book and its 凡例 say: names run in, no boxes or bars, the host in Kai', async () => {
    const css = await readStyle('site.css');
    const rule = (selector: string) => new RegExp(`(^|\\n)${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\{([^}]*)\\}`).exec(css)?.[2] ?? '';
    expect(rule('.turn.host p')).toMatch(/font-family: var\(--kai\)/);
    expect(rule('.speaker')).toMatch(/font-weight: 700/);
    // A label drawn as a badge (a fill, a frame) or a turn marked by a side bar says with a shape what the 凡例 says in words.
    for (const selector of ['.speaker', '.note-label', '.tl-num', '.tl-backref']) expect(rule(selector)).not.toMatch(/background|border/);
    expect(css).not.toMatch(/\.turn(\.s\d|\.host|\.guest)? \{[^}]*border/);
  });
});
