// The web reading edition of one book in one edition: the chapters rendered
// from the same hast as the EPUB (renderChapters, target `web`: the whole
// book on one page, links within it), framed by a way back to the download
// page and a switch to the book's other editions. No script.
import type { Element, Nodes } from 'hast';
import { h } from 'hastscript';
import type { Book } from '../../model/book.js';
import type { Edition } from '../../model/edition.js';
import { editionIdentifier } from '../../model/identifier.js';
import { bookDescription } from '../../model/text.js';
import { renderChapters, tocEntries } from '../../render/chapters.js';
import { chapterIds, makeContext } from '../../render/context.js';
import { strings } from '../../render/i18n.js';
import { renderNav } from '../../render/nav.js';
import { isoDay } from './catalogue-view.js';
import { relativeHref, sitePaths, type SiteLanguage } from './layout.js';
import { renderScriptSwitch, styleLinks, type SitePage } from './page.js';
import { siteStrings } from './strings.js';

export interface ReadingPageInput {
  book: Book;
  edition: Edition;
  date: Date;
  /** The book's editions in this build, for the switch between them. */
  editions: readonly Edition[];
  /** The download page in this edition's language. */
  home: SiteLanguage;
  /** The characters set from the fallback faces (the colophon names them). */
  fallbackChars?: string;
}

/**
 * EPUB's structural semantics (`epub:type`) mean nothing in HTML, and the
 * Nu checker rejects the attribute; ARIA roles carry the same meaning.
 */
function dropEpubSemantics<T extends Nodes>(node: T): T {
  if (node.type === 'element') {
    delete node.properties['epub:type'];
    delete node.properties.epubType;
  }
  if ('children' in node) for (const child of node.children) dropEpubSemantics(child as Nodes);
  return node;
}

export function renderReadingPage(input: ReadingPageInput): SitePage {
  const { book, edition } = input;
  const id = book.meta.id;
  const page = sitePaths.reader(id, edition);
  const t = siteStrings[edition.locale];
  const words = strings[edition.labels];
  const ctx = makeContext(book, 'web', {
    edition,
    buildDate: isoDay(input.date),
    identifier: editionIdentifier(id, `${edition.id}.html`),
    format: t.webFormat,
    fallbackChars: input.fallbackChars,
  });
  const chapters = renderChapters(book, ctx).map((c) => ({ ...c, body: dropEpubSemantics(c.body) }));
  const nav = dropEpubSemantics(renderNav(tocEntries(chapters), ctx));
  const body: Element[] = [
    h('header.site-header.reader-header', [
      h('p.back', [h('a', { href: relativeHref(page, input.home.page) }, t.toDownloads), h('a', { href: `#${chapterIds.toc}` }, words.toc)]),
      renderScriptSwitch(
        page,
        t.scripts,
        input.editions.map((e) => ({ href: sitePaths.reader(id, e), locale: e.locale, name: strings[e.labels].editionName, current: e === edition })),
      ),
    ]),
    h('main.book-text', [...chapters.filter((c) => c.beforeToc).map((c) => c.body), nav, ...chapters.filter((c) => !c.beforeToc).map((c) => c.body)]),
  ];
  return {
    path: page,
    bodyClass: 'reading-page',
    head: {
      lang: edition.locale,
      title: `${book.meta.title}｜${words.editionName}`,
      description: bookDescription(book.meta),
      links: [
        ...styleLinks(page),
        ...input.editions
          .filter((e) => e !== edition)
          .map((e): [string, string][] => [
            ['rel', 'alternate'],
            ['hreflang', e.locale],
            ['href', relativeHref(page, sitePaths.reader(id, e))],
          ]),
      ],
      properties: [],
      jsonLd: undefined,
    },
    body,
  };
}
