// A page of the site before it is filled into templates/site-page.html.ejs:
// what goes in <head> (prepared values only) and the body as hast.
import type { Element } from 'hast';
import { h } from 'hastscript';
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

/** The switch between the scripts: each page names itself in its own script. */
export function renderScriptSwitch(page: string, label: string, targets: { href: string; locale: string; name: string; current: boolean }[]): Element {
  return h(
    'nav.scripts',
    { ariaLabel: label },
    h(
      'ul',
      targets.map((x) =>
        h('li', x.current ? h('a', { href: relativeHref(page, page), lang: x.locale, ariaCurrent: 'page' }, x.name) : h('a', { href: relativeHref(page, x.href), lang: x.locale, hreflang: x.locale }, x.name)),
      ),
    ),
  );
}
