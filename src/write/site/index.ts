// The catalogue writers' file-making: the OPDS feeds, and the site (download
// pages, reading editions, their style sheet and fonts). Everything the pages
// say is decided by the pure modules beside this one; here the templates,
// styles and font files are read and the pages filled in.
import ejs from 'ejs';
import { toHtml } from 'hast-util-to-html';
import { readStyle, readTemplate } from '../../io/assets.js';
import { bookFontRoles, fallbackFontCss, fontRoles, subsetFonts } from '../../io/fonts.js';
import { kaiText } from '../../render/blocks.js';
import type { Locale } from '../../model/book.js';
import type { Edition } from '../../model/edition.js';
import type { Catalogue, OutputFile } from '../writer.js';
import { viewCatalogue } from './catalogue-view.js';
import { renderDownloadPage } from './download-page.js';
import { collectTextByLang, family, familyOf, renderFontFaces } from './fonts.js';
import { hasReadingEdition, siteLanguages, sitePaths } from './layout.js';
import { renderOpds2Feed, renderOpdsFeed } from './opds.js';
import type { SitePage } from './page.js';
import { fallbackCharacters } from '../../check-glyphs.js';
import { renderReadingPage } from './reading-page.js';

const editionsOf = (catalogue: Catalogue): Edition[] => catalogue.books[0]?.editions.map((e) => e.edition) ?? [];
/** The download pages' languages: the (first) book's own language at the root. */
const languagesOf = (catalogue: Catalogue) => siteLanguages(editionsOf(catalogue), catalogue.books[0]?.book.meta.language);

/** opds.xml and opds.json, in the language of the site's root page. */
export function renderFeeds(catalogue: Catalogue, updated: Date): OutputFile[] {
  const [root] = languagesOf(catalogue);
  if (!root) return [];
  const books = viewCatalogue(catalogue, root.locale);
  const info = { locale: root.locale, updated, page: root.page };
  return [
    { name: sitePaths.opds, data: renderOpdsFeed(books, info) },
    { name: sitePaths.opds2, data: renderOpds2Feed(books, info) },
  ];
}

export interface SiteOptions {
  baseUrl: string | undefined;
  /** Whether the OPDS feeds are part of this build (the pages link them only then). */
  feeds: boolean;
}

export async function renderSite(catalogue: Catalogue, options: SiteOptions): Promise<OutputFile[]> {
  const languages = languagesOf(catalogue);
  // The editions each book is read in on the web.
  const readable = catalogue.books.map((entry) => ({ entry, read: entry.editions.filter((e) => hasReadingEdition(e.edition)) }));
  const pages: SitePage[] = [
    ...languages.map((language) => renderDownloadPage({ books: viewCatalogue(catalogue, language.locale), language, languages, baseUrl: options.baseUrl, feeds: options.feeds })),
    ...(await Promise.all(
      readable.flatMap(({ entry, read }) =>
        read.map(async ({ edition, book }) =>
          renderReadingPage({ book, edition, date: entry.date, editions: read.map((e) => e.edition), home: languages.find((l) => l.locale === edition.locale)!, fallbackChars: await fallbackCharacters(book, edition) }),
        ),
      ),
    )),
  ];
  const [template, css] = await Promise.all([readTemplate('site-page.html.ejs'), readStyle('site.css')]);
  // Each language's fonts once for the whole site, subset to everything shown in that language on any page.
  const textByLang = new Map<string, string>();
  for (const p of pages) for (const b of p.body) collectTextByLang(b, p.head.lang, textByLang);
  const fontFiles: OutputFile[] = [];
  // What a language's faces lack comes from its fallback faces, declared after the main rules.
  let fallbackRules = '';
  const withKai = new Set<Locale>();
  for (const { locale, edition } of languages) {
    // The Kai sets the host's words in this language's reading editions, as in the book: only their ideographs (none without a reading edition).
    const kai = [...new Set(readable.flatMap(({ read }) => read.filter((e) => e.edition.locale === locale).map((e) => kaiText(e.book))).join(''))].join('');
    if (/\p{Script=Han}/u.test(kai)) withKai.add(locale);
    const fonts = await subsetFonts(edition.fonts, textByLang.get(locale) ?? '', withKai.has(locale) ? { kai } : {}, withKai.has(locale) ? bookFontRoles : fontRoles);
    for (const font of fonts) fontFiles.push({ name: sitePaths.font(locale, font.filename), data: font.data });
    fallbackRules += fallbackFontCss(fonts, { family: (role) => family(familyOf(role), locale), url: (filename) => `${locale}/${filename}` });
  }
  fontFiles.unshift({ name: sitePaths.fontsCss, data: renderFontFaces(languages, (locale) => withKai.has(locale)) + fallbackRules });
  const html = pages.map((p) => ({
    name: p.path,
    data: ejs.render(template, { ...p.head, bodyClass: p.bodyClass, body: p.body.map((b) => toHtml(b)).join('\n') }),
  }));
  return [...html, { name: sitePaths.css, data: css }, ...fontFiles];
}
