// The catalogue as OPDS feeds that e-reader apps browse and download from:
// an OPDS 1.2 acquisition feed (Atom) and, from the same view, an OPDS 2.0
// feed (JSON). One entry per book, with every EPUB and PDF of every edition.
// Pure: hrefs are relative to the feed, which sits at the site's root.
import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';
import type { Element, ElementContent } from 'xast';
import type { Locale } from '../../model/book.js';
import { editionIdentifier } from '../../model/identifier.js';
import { bookDescription, bookKeywords } from '../../model/text.js';
import { strings } from '../../render/i18n.js';
import { coverSize } from '../../render/cover.js';
import { thumbnailSize } from '../covers.js';
import { isoDay, isoInstant, type BookView } from './catalogue-view.js';
import { sitePaths } from './layout.js';
import { kindOf, opds2Type, opdsAcquisitionType } from './media.js';
import { siteStrings } from './strings.js';

const acquisitionRel = 'http://opds-spec.org/acquisition/open-access';
const imageRel = 'http://opds-spec.org/image';
const thumbnailRel = 'http://opds-spec.org/image/thumbnail';

export interface FeedInfo {
  locale: Locale;
  /** The latest build date of the books. */
  updated: Date;
  /** The download page in the feed's language, for the feed's `alternate` link. */
  page: string;
}

/** The feed's own id: stable across builds, and across books added to the catalogue. */
const feedId = (books: BookView[]): string => editionIdentifier(books[0]?.main.book.meta.publisher ?? 'catalogue', 'opds');
const entryId = (book: BookView): string => editionIdentifier(book.id, 'opds-entry');
const feedTitle = (books: BookView[], locale: Locale): string =>
  books.length === 1 ? books[0]!.main.book.meta.title : `${books[0]?.main.book.meta.publisher ?? ''}${siteStrings[locale].catalogue}`;
const publishers = (books: BookView[]): string[] => [...new Set(books.map((b) => b.main.book.meta.publisher))];
const fileTitle = (name: string, editionName: string) => `${editionName} ${kindOf(name).label}`;

function renderEntry(book: BookView): Element {
  const m = book.main.book.meta;
  const languages = [...new Set(book.editions.map((e) => e.edition.locale))];
  return x('entry', [
    x('title', m.title),
    x('id', entryId(book)),
    x('updated', isoInstant(book.date)),
    ...m.speakers.map((s) => x('author', [x('name', s.name)])),
    ...languages.map((l) => x('dc:language', l)),
    x('dc:issued', isoDay(book.date)),
    x('dc:publisher', m.publisher),
    x('rights', m.rights),
    x('summary', { type: 'text' }, bookDescription(m)),
    ...bookKeywords(m).map((k) => x('category', { term: k, label: k })),
    x('link', { rel: imageRel, href: book.main.cover, type: 'image/png' }),
    x('link', { rel: thumbnailRel, href: book.main.thumbnail, type: 'image/png' }),
    ...book.editions.flatMap((e) =>
      e.files.map((f) =>
        x('link', { rel: acquisitionRel, href: f.name, type: kindOf(f.name).mediaType, title: fileTitle(f.name, strings[e.edition.labels].editionName), hreflang: e.edition.locale, length: String(f.size) }),
      ),
    ),
    ...(book.main.reader ? [x('link', { rel: 'alternate', href: book.main.reader, type: 'text/html', title: siteStrings[book.main.edition.locale].readOnline, hreflang: book.main.edition.locale })] : []),
  ]);
}

/** Line breaks and indentation between elements that hold only elements, for a feed a person can read. */
function indent(node: Element, depth = 0): Element {
  if (node.children.length === 0 || !node.children.every((c) => c.type === 'element')) return node;
  const pad = (d: number): ElementContent => ({ type: 'text', value: `\n${'  '.repeat(d)}` });
  return { ...node, children: [...node.children.flatMap((c) => [pad(depth + 1), indent(c as Element, depth + 1)]), pad(depth)] };
}

/** OPDS 1.2: one acquisition feed, the catalogue's root. */
export function renderOpdsFeed(books: BookView[], info: FeedInfo): string {
  const feed = x(
    'feed',
    { xmlns: 'http://www.w3.org/2005/Atom', 'xmlns:dc': 'http://purl.org/dc/terms/', 'xmlns:opds': 'http://opds-spec.org/2010/catalog', 'xml:lang': info.locale },
    [
      x('id', feedId(books)),
      x('title', feedTitle(books, info.locale)),
      x('updated', isoInstant(info.updated)),
      ...publishers(books).map((p) => x('author', [x('name', p)])),
      x('link', { rel: 'self', href: sitePaths.opds, type: opdsAcquisitionType }),
      x('link', { rel: 'start', href: sitePaths.opds, type: opdsAcquisitionType }),
      x('link', { rel: 'alternate', href: sitePaths.opds2, type: opds2Type }),
      x('link', { rel: 'alternate', href: info.page, type: 'text/html', hreflang: info.locale }),
      ...books.map(renderEntry),
    ],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(indent(feed), { closeEmptyElements: true })}\n`;
}

/** OPDS 2.0: the same catalogue as JSON. */
export function renderOpds2Feed(books: BookView[], info: FeedInfo): string {
  const feed = {
    metadata: { title: feedTitle(books, info.locale), modified: isoInstant(info.updated), numberOfItems: books.length },
    links: [
      { rel: 'self', href: sitePaths.opds2, type: opds2Type },
      { rel: 'alternate', href: sitePaths.opds, type: opdsAcquisitionType },
      { rel: 'alternate', href: info.page, type: 'text/html' },
    ],
    publications: books.map((book) => {
      const m = book.main.book.meta;
      return {
        metadata: {
          '@type': 'http://schema.org/Book',
          identifier: entryId(book),
          title: m.title,
          ...(m.subtitle ? { subtitle: m.subtitle } : {}),
          author: m.speakers.map((s) => ({ name: s.name })),
          publisher: { name: m.publisher },
          language: [...new Set(book.editions.map((e) => e.edition.locale))],
          published: isoDay(book.date),
          modified: isoInstant(book.date),
          description: bookDescription(m),
          subject: bookKeywords(m).map((k) => ({ name: k })),
        },
        links: [
          ...book.editions.flatMap((e) =>
            e.files.map((f) => ({
              rel: acquisitionRel,
              href: f.name,
              type: kindOf(f.name).mediaType,
              title: fileTitle(f.name, strings[e.edition.labels].editionName),
              language: e.edition.locale,
            })),
          ),
          ...(book.main.reader ? [{ rel: 'alternate', href: book.main.reader, type: 'text/html', title: siteStrings[book.main.edition.locale].readOnline }] : []),
        ],
        images: [
          { href: book.main.cover, type: 'image/png', ...coverSize },
          { href: book.main.thumbnail, type: 'image/png', ...thumbnailSize },
        ],
      };
    }),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}
