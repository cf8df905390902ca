// Book → the chapters of an edition, in reading order, as hast. Both the EPUB
// and the PDF are built from these; only packaging differs.
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { editKinds, type Book, type EditRecord, type Part, type Speaker, type TimelineEvent } from '../model/book.js';
import { allParagraphs, inlineText } from '../model/text.js';
import { renderBlock } from './blocks.js';
import { chapterIds, eventAnchor, notesAnchors, stretchAnchor, type Child, type RenderContext } from './context.js';

export interface TocEntry {
  id: string;
  title: string;
  children: TocEntry[];
}

export interface Chapter {
  id: string;
  title: string;
  /** EPUB structural semantics of the chapter's <section>. */
  epubType: string;
  /** Front matter comes before the table of contents. */
  beforeToc: boolean;
  toc: TocEntry | undefined;
  body: Element;
}

const section = (id: string, epubType: string, role: string | undefined, className: string, children: Child[]) =>
  h('section', { id, 'epub:type': epubType, role, className }, children);

function titlePage(book: Book, ctx: RenderContext): Chapter {
  const m = book.meta;
  const [main, rest] = splitTitle(m.title);
  return {
    id: chapterIds.titlepage,
    title: ctx.t.titlePage,
    epubType: 'titlepage',
    beforeToc: true,
    toc: undefined,
    body: section(chapterIds.titlepage, 'titlepage', undefined, 'titlepage', [
      h('p.event-name', m.event.name),
      h('h1.book-title', rest ? [h('span.title-main', main), h('span.title-rest', rest)] : [h('span.title-main', main)]),
      m.subtitle ? h('p.subtitle', m.subtitle) : '',
      h(
        'ul.speaker-list',
        { ariaLabel: ctx.t.speakersHeading },
        m.speakers.map((s) => h('li', [h('b.speaker-name', s.name), s.role ? h('span.speaker-role', s.role) : ''])),
      ),
      h('p.edition-name', ctx.t.editionName),
      h('p.publisher', m.publisher),
    ]),
  };
}

/** 「A：B」 → [A：, B], so a long title breaks where its sense does. */
export function splitTitle(title: string): [string, string | undefined] {
  const at = title.indexOf('：');
  return at > 0 && at < title.length - 1 ? [title.slice(0, at + 1), title.slice(at + 1)] : [title, undefined];
}

function partChapter(part: Part, book: Book, ctx: RenderContext): Chapter {
  const sections = part.blocks.flatMap((b) => (b.type === 'heading' ? [{ id: b.id, title: b.text, children: [] }] : []));
  const intro =
    part.kind === 'conversation'
      ? [
          h(
            'div.cast',
            { role: 'note' },
            h('p', [
              h('b.cast-label', `${ctx.t.speakersHeading}`),
              ...book.meta.speakers.flatMap((s, i) => [
                i === 0 ? '' : '；',
                h('b', { className: ['speaker', `s${i + 1}`] }, s.name),
                s.role ? `——${s.role}` : '',
              ]),
            ]),
          ),
        ]
      : [];
  return {
    id: part.id,
    title: part.title,
    epubType: 'chapter',
    beforeToc: false,
    toc: { id: part.id, title: part.title, children: sections },
    body: section(part.id, 'chapter', 'doc-chapter', `part part-${part.kind}`, [
      h('h1', part.title),
      ...intro,
      ...part.blocks.map((b) => renderBlock(b, book.meta, ctx)),
    ]),
  };
}

function pageRef(id: string, ctx: RenderContext): Child[] {
  if (ctx.target !== 'print') return [];
  const n = ctx.pageOf(id);
  return [h('span.page-ref', ` ${ctx.t.page(n ?? 0)}`)];
}

/** A URL with break opportunities after its slashes and dots, so that it wraps without splitting 「https」. */
const breakableUrl = (url: string): Child[] => url.split(/(?<=[/.])(?!\/)/).flatMap((part, i) => (i === 0 ? [part] : [h('wbr'), part]));

function timelineChapter(book: Book, ctx: RenderContext): Chapter | undefined {
  if (book.timeline.length === 0) return undefined;
  const names = new Map(book.meta.speakers.map((s) => [s.id, s.name]));
  const stretches = (['before', 'during', 'after'] as const).filter((s) => book.timeline.some((e) => e.stretch === s));
  const event = (e: TimelineEvent): Element =>
    h('li', { id: eventAnchor(e.id), className: ['tl-event', `precision-${e.precision}`, e.external ? 'has-external' : ''] }, [
      h('p.tl-when', [
        h('span.tl-num', String(e.order)),
        ' ',
        e.date ? h('time', { dateTime: e.date }, ctx.t.date(e.date, e.precision)) : '',
        e.date ? '　' : '',
        h('span.tl-relative', e.when),
        h('span.tl-precision', `〔${ctx.t.precision[e.precision]}〕`),
      ]),
      h('p.tl-text', e.text),
      e.place || e.who.length
        ? h('p.tl-meta', [e.place ?? '', e.place && e.who.length ? '｜' : '', e.who.map((w) => names.get(w) ?? w).join('、')])
        : '',
      h(
        'p.tl-evidence',
        [
          h('span.tl-evidence-label', `${ctx.t.evidence}：`),
          ...e.evidence.flatMap((ev, i) => [
            i === 0 ? '' : '；',
            h('a', { href: ctx.href(ev.paragraph) }, ctx.t.quote(ev.quote)),
            ...pageRef(ev.paragraph, ctx),
          ]),
        ],
      ),
      e.external
        ? h('p.tl-external', [h('span.tl-external-label', `${ctx.t.outsideSource}：`), e.external.fact, `（${e.external.source}`, e.external.url ? [' ', h('span.url', breakableUrl(e.external.url))] : '', '）'])
        : '',
    ]);
  return {
    id: chapterIds.timeline,
    title: ctx.t.timeline,
    epubType: 'appendix',
    beforeToc: false,
    toc: {
      id: chapterIds.timeline,
      title: ctx.t.timeline,
      children: stretches.map((s) => ({ id: stretchAnchor(s), title: ctx.t.stretch[s], children: [] })),
    },
    body: section(chapterIds.timeline, 'appendix', 'doc-appendix', 'timeline', [
      h('h1', ctx.t.timeline),
      h('p.lead', ctx.t.timelineIntro),
      ...stretches.flatMap((s) => [
        h('h2', { id: stretchAnchor(s) }, ctx.t.stretch[s]),
        h('ol.tl-list', book.timeline.filter((e) => e.stretch === s).map(event)),
      ]),
    ]),
  };
}

function editDetail(e: EditRecord, book: Book, ctx: RenderContext): Child[] {
  const t = ctx.t;
  const clip = (s: string, n = 24) => (s.length > n ? `${s.slice(0, n)}……` : s);
  const arrow = (from: string, to: string): Child[] => [
    h('span.src', t.quote(from)),
    ' → ',
    h('span.out', t.quote(to)),
    from === to ? t.sameInThisScript : '',
  ];
  switch (e.kind) {
    case 'repeat':
      return [t.repeatOf(e.of ?? 0), '：', h('span.src', t.quote(clip(e.from ?? '')))];
    case 'credit':
      return [h('span.src', t.quote((e.from ?? '').trim())), ' ', t.removedCredit];
    case 'title':
    case 'article':
    case 'heading':
      return [h('span.src', t.quote(clip(e.from ?? '', 40))), e.why ? `：${e.why}` : ''];
    case 'attribute':
      return [book.meta.speakers.find((s) => s.id === e.to)?.name ?? e.to ?? '', `：${e.why ?? ''}`];
    case 'join': {
      const [a, b] = (e.from ?? '').split('¶');
      return [h('span.src', t.quote(`……${a}`)), ' + ', h('span.src', t.quote(`${b}……`)), ' → ', h('span.out', t.quote(`……${e.to}……`))];
    }
    case 'truncated':
      return [h('span.src', t.quote(e.from ?? '')), '：', t.markerRemoved];
    case 'gap':
      return [t.gapInserted];
    case 'reorder':
      return [e.why ?? ''];
    case 'sic':
      return [h('span.src', t.quote(e.from ?? '')), `：${e.why ?? ''}`];
    case 'artefact':
    case 'brackets':
    case 'ellipsis':
      return arrow(e.from ?? '', e.to ?? '');
  }
}

/** The editorial notes: what the source was, the names, and every change. None if there is nothing to say. */
function notesChapter(book: Book, ctx: RenderContext): Chapter | undefined {
  const t = ctx.t;
  // Only the names the text actually uses: an alias kept for resolving labels is not news to the reader.
  const bookText = allParagraphs(book).map((p) => inlineText(p.paragraph.content)).join('\n');
  const usedAliases = (s: Speaker) => s.aliases.filter((a) => bookText.includes(a) && a !== s.name);
  const named = book.meta.speakers.filter((s) => usedAliases(s).length > 0 || s.note);
  const edits = [...book.edits].sort((a, b) => editKinds.indexOf(a.kind) - editKinds.indexOf(b.kind));
  if (edits.length === 0 && named.length === 0 && !book.meta.sourceNote) return undefined;
  const counts = editKinds.flatMap((k) => {
    const n = edits.filter((e) => e.kind === k).length;
    return n ? [t.count(t.kindLabel[k], n)] : [];
  });
  const children: Child[] = [h('h1', t.notes)];
  if (book.meta.sourceNote) children.push(h('p', book.meta.sourceNote));
  if (edits.length) children.push(h('p', t.notesIntro), h('p', t.changesSummary(counts.join('、'))));
  if (named.length) {
    children.push(
      h('h2', { id: notesAnchors.names }, t.namesHeading),
      ...named.flatMap((s) => [
        usedAliases(s).length ? h('p', t.aliasLine(usedAliases(s).map((a) => t.quote(a)).join(''), s.name, s.role ?? '')) : '',
        s.note ? h('p', s.note) : '',
      ]),
    );
  }
  if (edits.length) {
    children.push(
      h('h2', { id: notesAnchors.changes }, t.changesHeading),
      h(
        'ol.edit-list',
        edits.map((e) => h('li', { className: ['edit', `edit-${e.kind}`] }, [h('b.edit-kind', t.kindLabel[e.kind]), ' ', h('span.edit-where', t.line(e.lines)), ' ', ...editDetail(e, book, ctx)])),
      ),
    );
  }
  return {
    id: chapterIds.notes,
    title: t.notes,
    epubType: 'appendix',
    beforeToc: false,
    toc: { id: chapterIds.notes, title: t.notes, children: [] },
    body: section(chapterIds.notes, 'appendix', 'doc-appendix', 'notes', children),
  };
}

function colophon(book: Book, ctx: RenderContext): Chapter {
  const m = book.meta;
  const f = ctx.t.colophonFields;
  const row = (label: string, value: Child) => [h('dt', label), h('dd', value)];
  return {
    id: chapterIds.colophon,
    title: ctx.t.colophon,
    epubType: 'colophon',
    beforeToc: false,
    toc: { id: chapterIds.colophon, title: ctx.t.colophon, children: [] },
    body: section(chapterIds.colophon, 'colophon', 'doc-colophon', 'colophon', [
      h('h1', ctx.t.colophon),
      h('dl', [
        ...(m.credits.length ? row(f.source, m.credits.map((c) => `${c.role}：${c.name}`).join('；')) : []),
        ...row(f.event, `${m.event.name}，${ctx.t.date(m.event.date, 'day')}，${m.event.place}`),
        ...row(f.edition, `${ctx.t.editionName}　${ctx.format}`),
        ...row(f.built, ctx.buildDate),
        ...row(f.identifier, ctx.identifier),
        ...row(f.conversion, ctx.t.conversionNote(m.convertedFrom)),
        ...row(f.fonts, ctx.t.fontsNote),
        ...row(f.publisher, m.publisher),
        ...row(f.rights, m.rights),
      ]),
    ]),
  };
}

/** The table of contents as a nested list (the EPUB nav and the printed contents page). */
export function renderTocList(entries: TocEntry[], ctx: RenderContext): Element {
  return h(
    'ol',
    entries.map((e) =>
      h('li', [
        h('a', { href: ctx.href(e.id) }, [h('span.toc-title', e.title), ...(ctx.target === 'print' ? [h('span.toc-page', String(ctx.pageOf(e.id) ?? 0))] : [])]),
        ...(e.children.length ? [renderTocList(e.children, ctx)] : []),
      ]),
    ),
  );
}

/** Every chapter of the edition in reading order (the TOC sits after those with beforeToc). */
export function renderChapters(book: Book, ctx: RenderContext): Chapter[] {
  return [
    titlePage(book, ctx),
    ...book.parts.map((p) => partChapter(p, book, ctx)),
    timelineChapter(book, ctx),
    notesChapter(book, ctx),
    colophon(book, ctx),
  ].filter((c): c is Chapter => c !== undefined);
}

export const tocEntries = (chapters: Chapter[]): TocEntry[] => chapters.flatMap((c) => (c.toc ? [c.toc] : []));
