// A page of the site before it is filled into templates/site-page.html.ejs:
// what goes in <head> (prepared values only) and the body as hast.
import type { Element } from 'hast';
import type { Locale } from '../../model/book.js';
import { relativeHref, sitePaths } from './layout.js';

export interface PageHead {
  lang: Locale;
  title: string;
  description: string;
  /** <link> elements, each as its attributes in order. */
  links: [string, string][][];
  /** <meta property="…"> (Open Graph), in order. */
  properties: [string, string][];
  /** schema.org JSON-LD, serialised. */
  jsonLd: string | undefined;
}

export interface SitePage {
  /** Relative to the site's root. */
  path: string;
  head: PageHead;
  bodyClass: string;
  body: Element[];
}

/** The style sheets every page links: the fonts, then the site's. */
export const styleLinks = (page: string): [string, string][][] =>
  [sitePaths.fontsCss, sitePaths.css].map((css) => [
    ['rel', 'stylesheet'],
    ['href', relativeHref(page, css)],
  ]);

/** JSON for a <script> element: `<` escaped, so no text in it can close the element. */
export const scriptJson = (value: unknown): string => JSON.stringify(value, null, 1).replace(/</g, '\\u003c');
