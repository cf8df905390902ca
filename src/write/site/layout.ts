// Where every file of the site lives, relative to the output folder, and how
// one page links to another. Every link is relative and names its file
// (`…/index.html`, never `…/`), so that the site works from file:// as well
// as from any static host, at any path.
import { posix } from 'node:path';
import type { Locale } from '../../model/book.js';
import { isVertical, type Edition } from '../../model/edition.js';

/**
 * Whether the site has a web reading edition of this edition. A vertical
 * edition has none: its text is the horizontal edition's of the same
 * script, and set vertically a web page scrolls sideways, right to left,
 * which a phone's browser and a screen reader handle badly; a page headed
 * 「直排版」 set horizontally would say what it is not. Its EPUB and PDF are
 * the vertical book.
 */
export const hasReadingEdition = (edition: Edition): boolean => !isVertical(edition);

export const sitePaths = {
  css: 'assets/site.css',
  /** The @font-face rules of every language's fonts (src/write/site/fonts.ts). */
  fontsCss: 'assets/fonts/fonts.css',
  /** A language's subset font (fonts/<locale>/<role>.ttf, as the rules name it). */
  font: (locale: Locale, filename: string) => `assets/fonts/${locale}/${filename}`,
  reader: (bookId: string, edition: Edition) => `read/${bookId}/${edition.id}/index.html`,
  cover: (bookId: string, edition: Edition) => `covers/${bookId}.${edition.id}.png`,
  thumbnail: (bookId: string, edition: Edition) => `covers/${bookId}.${edition.id}.thumb.png`,
  opds: 'opds.xml',
  opds2: 'opds.json',
} as const;

/** One download page per script: the first at the root, each other in a folder named by its locale. */
export interface SiteLanguage {
  locale: Locale;
  /** The edition whose text, words and fonts the page uses. */
  edition: Edition;
  page: string;
}

/**
 * The site's languages: one for each locale among the editions, the book's
 * own first (its manuscript's; the first book's, for several), then the
 * editions' order.
 */
export function siteLanguages(editions: readonly Edition[], own?: Locale): SiteLanguage[] {
  const out: SiteLanguage[] = [];
  const first = editions.filter((e) => e.locale === own);
  for (const edition of [...first, ...editions.filter((e) => !first.includes(e))]) {
    if (out.some((l) => l.locale === edition.locale)) continue;
    out.push({ locale: edition.locale, edition, page: out.length === 0 ? 'index.html' : `${edition.locale}/index.html` });
  }
  return out;
}

/** The href from the page at `from` to the file at `to` (both relative to the site's root). */
export function relativeHref(from: string, to: string): string {
  const [path, hash] = to.split('#', 2) as [string, string | undefined];
  const rel = posix.relative(posix.dirname(from), path) || posix.basename(path);
  return hash === undefined ? rel : `${rel}#${hash}`;
}

/** The absolute URL of a site file, when the site's address is known (`--base-url`). */
export const absoluteUrl = (baseUrl: string | undefined, path: string): string | undefined => (baseUrl === undefined ? undefined : new URL(path, baseUrl).href);
