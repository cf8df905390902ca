// The download page, one per script (index.html, zh-Hans/index.html): every
// book with its cover, title, speakers, event and description, and for each
// edition and format the file's script, format, size, pages, build date and
// sha256 with a download link; the reading edition; the OPDS feeds. Pure:
// the catalogue's view in, a page (hast and head values) out.
import type { Element } from 'hast';
import { h } from 'hastscript';
import { bookDescription } from '../../model/text.js';
import { splitTitle } from '../../render/chapters.js';
import type { Child } from '../../render/context.js';
import { strings } from '../../render/i18n.js';
import { thumbnailSize } from '../covers.js';
import { isoDay, type BookView, type EditionView } from './catalogue-view.js';
import { relativeHref, sitePaths, type SiteLanguage } from './layout.js';
import { kindOf, opds2Type, opdsAcquisitionType } from './media.js';
import { renderScriptSwitch, scriptJson, styleLinks, type SitePage } from './page.js';
import { renderBookJsonLd, renderOpenGraph } from './structured-data.js';
import { siteStrings } from './strings.js';

export interface DownloadPageInput {
  books: BookView[];
  language: SiteLanguage;
  /** Every download page, this one included, in the site's order. */
  languages: SiteLanguage[];
  baseUrl: string | undefined;
  /** Whether the feeds were made (a site without the opds writer links none). */
  feeds: boolean;
}

/** 779 KB, 1.2 MB: the same units as the build log. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const heading = (level: number, props: Record<string, string>, children: Child[]) => h(`h${Math.min(level, 6)}`, props, children);

function renderFile(page: string, view: EditionView, file: EditionView['files'][number], date: Date, language: SiteLanguage): Element {
  const t = siteStrings[language.locale];
  const words = strings[language.edition.labels];
  const kind = kindOf(file.name);
  const row = (label: string, value: Child | Child[], className?: string) => [h('dt', label), h('dd', { className }, value)];
  return h('li.file', [
    h('a.download', { href: relativeHref(page, file.name), download: file.name.slice(file.name.lastIndexOf('/') + 1), type: kind.mediaType }, [
      t.download(kind.label),
      h('span.download-size', formatSize(file.size)),
    ]),
    h('dl.file-facts', [
      ...row(t.fields.script, h('span', { lang: view.edition.locale }, strings[view.edition.labels].langName)),
      ...row(t.fields.format, kind.label),
      ...row(t.fields.size, `${formatSize(file.size)}（${file.size.toLocaleString('en-US')} B）`),
      ...row(t.fields.pages, file.pages === undefined ? t.reflowable : t.pages(file.pages)),
      ...row(t.fields.built, h('time', { dateTime: isoDay(date) }, words.date(isoDay(date)))),
      ...row(t.fields.sha256, h('code', file.sha256), 'sha256'),
    ]),
  ]);
}

function renderBook(page: string, book: BookView, level: number, input: DownloadPageInput): Element {
  const t = siteStrings[input.language.locale];
  const words = strings[input.language.edition.labels];
  const m = book.main.book.meta;
  const [main, rest] = splitTitle(m.title);
  const titleId = `book-${book.id}-title`;
  return h('article.book', { id: `book-${book.id}`, ariaLabelledBy: titleId }, [
    h('div.book-intro', [
      h('img.cover', { src: relativeHref(page, book.main.thumbnail), width: thumbnailSize.width, height: thumbnailSize.height, alt: '' }),
      h('div.book-about', [
        h('p.book-event', m.event.name),
        heading(level, { id: titleId, className: 'book-title' }, rest ? [h('span.title-main', main), h('span.title-rest', rest)] : [main]),
        m.subtitle ? h('p.book-subtitle', m.subtitle) : '',
        h('dl.book-facts', [
          h('dt', t.speakers),
          h('dd', h('ul.speakers', m.speakers.map((s) => h('li', [h('b', s.name), s.role ? h('span.speaker-role', s.role) : ''])))),
          h('dt', t.event),
          h('dd', [m.event.name, '，', h('time', { dateTime: m.event.date }, words.date(m.event.date)), '，', m.event.place]),
        ]),
        h('p.book-description', bookDescription(m)),
        book.main.reader ? h('p.read-online', [h('a.button', { href: relativeHref(page, book.main.reader) }, t.readOnline), h('span.note', t.readOnlineNote)]) : '',
      ]),
    ]),
    // Not regions: a landmark per book and edition would repeat its name on a page of several books.
    h('div.downloads', [
      heading(level + 1, { id: `${titleId}-downloads` }, [t.downloads]),
      h('p.devices', t.devices),
      h(
        'div.editions',
        book.editions.map((e) =>
          h('div.edition', [
            heading(level + 2, { id: `${titleId}-${e.edition.id}` }, [h('span', { lang: e.edition.locale }, strings[e.edition.labels].editionName)]),
            e.reader ? h('p.edition-read', h('a', { href: relativeHref(page, e.reader), hreflang: e.edition.locale }, t.readOnline)) : '',
            h('ul.files', e.files.map((f) => renderFile(page, e, f, book.date, input.language))),
          ]),
        ),
      ),
    ]),
  ]);
}

export function renderDownloadPage(input: DownloadPageInput): SitePage {
  const { books, language, languages } = input;
  const page = language.page;
  const t = siteStrings[language.locale];
  const single = books.length === 1 ? books[0] : undefined;
  const title = single ? single.main.book.meta.title : `${books[0]?.main.book.meta.publisher ?? ''}${t.catalogue}`;
  const description = single ? bookDescription(single.main.book.meta) : books.map((b) => b.main.book.meta.title).join('；');
  const others = languages.filter((l) => l !== language);
  const feeds = input.feeds
    ? [
        h('section.feeds', { ariaLabelledBy: 'feeds-title' }, [
          h('h2', { id: 'feeds-title' }, t.opdsHeading),
          h('p', t.opdsNote),
          h('ul', [
            h('li', h('a', { href: relativeHref(page, sitePaths.opds), type: opdsAcquisitionType }, t.opdsLink)),
            h('li', h('a', { href: relativeHref(page, sitePaths.opds2), type: opds2Type }, t.opds2Link)),
          ]),
        ]),
      ]
    : [];
  const body: Element[] = [
    h('header.site-header', [
      h('p.site-name', books[0]?.main.book.meta.publisher ?? ''),
      renderScriptSwitch(
        page,
        t.scripts,
        languages.map((l) => ({ href: l.page, locale: l.locale, name: strings[l.edition.labels].langName, current: l === language })),
      ),
    ]),
    h('main', [
      ...(single ? [] : [h('h1.catalogue-title', title)]),
      ...books.map((b) => renderBook(page, b, single ? 1 : 2, input)),
      ...feeds,
    ]),
    h('footer.site-footer', [h('p', t.footer), ...books.map((b) => h('p.rights', b.main.book.meta.rights))]),
  ];
  const links: [string, string][][] = [
    ...styleLinks(page),
    ...languages.map((l): [string, string][] => [
      ['rel', 'alternate'],
      ['hreflang', l.locale],
      ['href', relativeHref(page, l.page)],
    ]),
    ...(input.feeds
      ? [
          [
            ['rel', 'alternate'],
            ['type', opdsAcquisitionType],
            ['title', t.opdsLink],
            ['href', relativeHref(page, sitePaths.opds)],
          ] as [string, string][],
          [
            ['rel', 'alternate'],
            ['type', opds2Type],
            ['title', t.opds2Link],
            ['href', relativeHref(page, sitePaths.opds2)],
          ] as [string, string][],
        ]
      : []),
  ];
  return {
    path: page,
    bodyClass: 'download-page',
    head: {
      lang: language.locale,
      title,
      description,
      links,
      properties: renderOpenGraph(books, language, others, input.baseUrl, title, description),
      jsonLd: scriptJson(renderBookJsonLd(books, page, input.baseUrl)),
    },
    body,
  };
}
