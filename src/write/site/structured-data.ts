// What a search engine or a link preview reads: schema.org Book records as
// JSON-LD, and Open Graph tags. Open Graph wants absolute URLs, so og:url and
// og:image are left out unless the site's address is known (--base-url).
import { bookDescription, bookKeywords } from '../../model/text.js';
import { strings } from '../../render/i18n.js';
import { coverSize } from '../../render/cover.js';
import { isoDay, type BookView } from './catalogue-view.js';
import { absoluteUrl, relativeHref, type SiteLanguage } from './layout.js';
import { kindOf } from './media.js';
import { siteStrings } from './strings.js';

/** A link as JSON-LD holds it: absolute when the address is known, else relative to the page (JSON-LD resolves it against the page). */
const linkTo = (page: string, path: string, baseUrl: string | undefined) => absoluteUrl(baseUrl, path) ?? relativeHref(page, path);

export function renderBookJsonLd(books: BookView[], page: string, baseUrl: string | undefined): object {
  const records = books.map((b) => {
    const m = b.main.book.meta;
    return {
      '@type': 'Book',
      '@id': `${linkTo(page, page, baseUrl)}#book-${b.id}`,
      name: m.title,
      ...(m.subtitle ? { alternativeHeadline: m.subtitle } : {}),
      author: m.speakers.map((s) => ({ '@type': 'Person', name: s.name, ...(s.role ? { description: s.role } : {}) })),
      publisher: { '@type': 'Organization', name: m.publisher },
      inLanguage: b.main.edition.locale,
      datePublished: isoDay(b.date),
      description: bookDescription(m),
      keywords: bookKeywords(m).join(', '),
      image: linkTo(page, b.main.cover, baseUrl),
      copyrightNotice: m.rights,
      about: { '@type': 'Event', name: m.event.name, startDate: m.event.date, location: { '@type': 'Place', name: m.event.place } },
      workExample: b.editions.map((e) => {
        const pages = e.files.find((f) => f.pages !== undefined)?.pages;
        return {
          '@type': 'Book',
          name: `${e.book.meta.title}（${strings[e.edition.labels].editionName}）`,
          bookFormat: 'https://schema.org/EBook',
          inLanguage: e.edition.locale,
          ...(e.reader === undefined ? {} : { url: linkTo(page, e.reader, baseUrl) }),
          ...(pages === undefined ? {} : { numberOfPages: pages }),
          encoding: e.files.map((f) => ({
            '@type': 'MediaObject',
            contentUrl: linkTo(page, f.name, baseUrl),
            encodingFormat: kindOf(f.name).mediaType,
            contentSize: `${f.size} B`,
            sha256: f.sha256,
            uploadDate: isoDay(b.date),
          })),
        };
      }),
    };
  });
  return records.length === 1 ? { '@context': 'https://schema.org', ...records[0] } : { '@context': 'https://schema.org', '@graph': records };
}

export function renderOpenGraph(books: BookView[], language: SiteLanguage, others: SiteLanguage[], baseUrl: string | undefined, title: string, description: string): [string, string][] {
  const t = siteStrings[language.locale];
  const first = books[0];
  const tags: [string, string][] = [
    ['og:type', books.length === 1 ? 'book' : 'website'],
    ['og:title', title],
    ['og:description', description],
    ['og:locale', t.ogLocale],
    ...others.map((o): [string, string] => ['og:locale:alternate', siteStrings[o.locale].ogLocale]),
  ];
  if (first) tags.push(['og:site_name', first.main.book.meta.publisher]);
  const url = absoluteUrl(baseUrl, language.page);
  if (url) tags.push(['og:url', url]);
  const image = first && absoluteUrl(baseUrl, first.main.cover);
  if (first && image) {
    tags.push(['og:image', image], ['og:image:type', 'image/png'], ['og:image:width', String(coverSize.width)], ['og:image:height', String(coverSize.height)], ['og:image:alt', siteStrings[language.locale].coverAlt(first.main.book.meta.title)]);
  }
  if (books.length === 1 && first) {
    tags.push(['book:release_date', isoDay(first.date)], ...bookKeywords(first.main.book.meta).map((k): [string, string] => ['book:tag', k]));
  }
  return tags;
}
