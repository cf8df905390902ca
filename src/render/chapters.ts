// Book → the chapters of an edition, in reading order, as hast. Both the EPUB
// and the PDF are built from these; only packaging differs.
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { conversionSteps, editKinds, type Book, type EditRecord, type Evidence, type ExternalFact, type Part, type Speaker, type TimelineEvent, type TimelineGroup } from '../model/book.js';
import { allParagraphs, inlineText } from '../model/text.js';
import { renderBlock } from './blocks.js';
import { chapterIds, editAnchor, eventAnchor, groupAnchor, notesAnchors, type Child, type RenderContext } from './context.js';
import { markKinds } from './i18n.js';

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

/** An editor's mark on a field: 〔推斷〕, 〔外部資料〕, 〔據報導〕. The key to them is the lead (and the book's 凡例). */
const markSpan = (kind: 'inferred' | 'external' | 'reported', ctx: RenderContext): Element => h('span', { className: ['mark', `mark-${kind}`] }, `〔${ctx.t.mark[kind]}〕`);

function externalNote(x: ExternalFact, ctx: RenderContext): Element {
  return h('p.tl-external', [h('span.tl-external-label', `${ctx.t.outsideSource}：`), x.fact, `（${x.source}`, x.url ? [' ', h('span.url', breakableUrl(x.url))] : '', '）']);
}

function evidenceLine(evidence: Evidence[], ctx: RenderContext): Element {
  return h('p.tl-evidence', [
    h('span.tl-evidence-label', `${ctx.t.evidence}：`),
    ...evidence.flatMap((ev, i) => [i === 0 ? '' : '；', h('a', { href: ctx.href(ev.paragraph) }, ctx.t.quote(ev.quote)), ...pageRef(ev.paragraph, ctx)]),
  ]);
}

/**
 * The timeline. The rule for its marks is stated once, in the lead; each
 * field that does not come from the quoted text carries its mark. The day and
 * place of the conversation are given once per group of that day.
 */
function timelineChapter(book: Book, ctx: RenderContext): Chapter | undefined {
  const frame = book.timelineFrame;
  if (book.timeline.length === 0 || !frame) return undefined;
  const t = ctx.t;
  const orderOf = new Map(book.timeline.map((e) => [e.id, e.order]));
  const date = (iso: string, basis: 'text' | 'external'): Child[] => [h('time', { dateTime: iso }, t.date(iso)), basis === 'external' ? markSpan('external', ctx) : ''];
  const event = (e: TimelineEvent): Element =>
    h('li', { id: eventAnchor(e.id), className: ['tl-event', e.reported ? 'reported' : ''] }, [
      h('p.tl-when', [
        h('span.tl-num', String(e.order)),
        ...(e.date && e.dateBasis ? [' ', ...date(e.date, e.dateBasis)] : []),
        ...(e.when ? [' ', e.when.basis === 'text' ? h('span.tl-relative', t.quote(e.when.words)) : h('span.tl-relative', [e.when.words, markSpan('inferred', ctx)])] : []),
        ...(e.follows ? [' ', h('span.tl-follows', t.follows(orderOf.get(e.follows) ?? 0))] : []),
        e.reported ? markSpan('reported', ctx) : '',
      ]),
      h('p.tl-text', e.text),
      evidenceLine(e.evidence, ctx),
      e.external ? externalNote(e.external, ctx) : '',
    ]);
  const day = frame.day;
  let dayExplained = false;
  const groupHead = (g: TimelineGroup): Child[] => {
    const out: Child[] = [];
    if (g.onDay && day) {
      out.push(h('p.tl-day', [...date(day.date, day.dateBasis), day.place ? `，${day.place}` : '']));
      if (!dayExplained) {
        dayExplained = true;
        out.push(evidenceLine(day.evidence, ctx));
        if (day.external) out.push(externalNote(day.external, ctx));
      }
    }
    out.push(h('p.tl-group-note', [t.groupOrder[g.order], g.note ?? '']));
    return out;
  };
  const groups = frame.groups.filter((g) => book.timeline.some((e) => e.group === g.id));
  return {
    id: chapterIds.timeline,
    title: t.timeline,
    epubType: 'appendix',
    beforeToc: false,
    toc: { id: chapterIds.timeline, title: t.timeline, children: groups.map((g) => ({ id: groupAnchor(g.id), title: g.title, children: [] })) },
    body: section(chapterIds.timeline, 'appendix', 'doc-appendix', 'timeline', [
      h('h1', t.timeline),
      h('p.lead', t.timelineIntro),
      ...groups.flatMap((g) => [
        h('h2', { id: groupAnchor(g.id) }, g.title),
        ...groupHead(g),
        h('ol.tl-list', book.timeline.filter((e) => e.group === g.id).map(event)),
      ]),
    ]),
  };
}

/** Where a change stands in the book: its page in print, a link in the EPUB. */
function placeRef(e: EditRecord, ctx: RenderContext): Child[] {
  if (e.place === undefined) return [];
  const text = ctx.target === 'print' ? h('span.page-ref', ctx.t.page(ctx.pageOf(e.place) ?? 0)) : ctx.t.seeInText;
  return ['（', h('a', { href: ctx.href(e.place) }, text), '）'];
}

/** The opening words of a paragraph of the book, to name it by quotation. */
function openingOf(book: Book, id: string | undefined): string {
  const found = allParagraphs(book).find((p) => p.paragraph.id === id);
  const text = found ? inlineText(found.paragraph.content) : '';
  const cut = text.search(/[，。！？；：]/u);
  return cut > 0 && cut <= 16 ? text.slice(0, cut) : text.slice(0, 12);
}

function editDetail(e: EditRecord, book: Book, ctx: RenderContext): Child[] {
  const t = ctx.t;
  const clip = (s: string, n = 24) => (s.length > n ? `${s.slice(0, n)}……` : s);
  const why = e.why ? `：${e.why}` : '';
  const arrow = (from: string, to: string): Child[] => [h('span.src', t.quote(from)), '→', h('span.out', t.quote(to)), from === to ? t.sameInThisScript : ''];
  switch (e.kind) {
    case 'repeat':
      return [h('span.src', t.quote(clip(e.from ?? '', 16))), `，${t.repeatRemoved}`, why];
    case 'credit':
      return [h('span.src', t.quote((e.from ?? '').trim())), t.removedCredit];
    case 'title':
    case 'article':
    case 'heading':
      return [h('span.src', t.quote(clip(e.from ?? '', 40))), why];
    case 'partTitle':
      return [h('span.out', t.quote(e.to ?? '')), why];
    case 'attribute': {
      const name = book.meta.speakers.find((s) => s.id === e.to)?.name ?? e.to ?? '';
      return [t.attributedTo(t.quote(`${openingOf(book, e.place)}……`), name), why];
    }
    case 'join': {
      const [a, b] = (e.from ?? '').split('¶');
      return [h('span.src', t.quote(`……${a}`)), '＋', h('span.src', t.quote(`${b}……`)), '→', h('span.out', t.quote(`……${e.to}……`))];
    }
    case 'truncated':
      return [h('span.src', t.quote(e.from ?? '')), '：', t.markerRemoved];
    case 'gap':
      return [t.gapInserted, '：', h('span.out', t.quote(clip(e.to ?? '', 40)))];
    case 'reorder':
      return [e.why ?? ''];
    case 'sic':
      return [h('span.src', t.quote(e.from ?? '')), why];
    case 'artefact':
    case 'brackets':
    case 'ellipsis':
      // Where the two forms are one character in this script, the reason (about the other script's forms) cannot be read here.
      return [...arrow(e.from ?? '', e.to ?? ''), e.from === e.to ? '' : why];
  }
}

/** What the edition's conversion changed in the text: every pair with its count, or, when there are too many to list, a summary that says so. */
function conversionSection(book: Book, ctx: RenderContext): Child[] {
  const r = book.conversion;
  if (!r) return [];
  const t = ctx.t;
  // Characters (script, dictionary, quotation marks) are counted apart from words (wording).
  const chars = r.changes.filter((c) => c.step !== 'phrases');
  const total = chars.reduce((n, c) => n + c.count, 0);
  const listAll = chars.length <= 40;
  const top = 10;
  const items = conversionSteps.flatMap((step) => {
    const pairs = r.changes.filter((c) => c.step === step);
    if (pairs.length === 0) return [];
    const shown = listAll || step !== 'script' ? pairs : pairs.slice(0, top);
    const n = pairs.reduce((sum, c) => sum + c.count, 0);
    return [
      h('li', { className: ['conversion', `conversion-${step}`] }, [
        h('b.edit-kind', t.count(t.conversionStep[step], n)),
        '：',
        shown.map((c) => t.conversionPair(c.from, c.to, c.count)).join('、'),
        shown.length < pairs.length ? t.conversionMore(shown.length, pairs.length) : '',
      ]),
    ];
  });
  return [
    h('h2', { id: notesAnchors.conversion }, t.conversionHeading),
    h('p', t.conversionIntro(r, total, chars.length, listAll)),
    ...(items.length ? [h('ul.conversion-list', items)] : []),
    h('p', t.phrasesNote(r.phrases)),
  ];
}

/** Removed copies of one repeated run share their reason: one entry for the run, not one per paragraph. */
function groupRepeats(edits: { e: EditRecord; i: number }[]): { e: EditRecord; i: number }[][] {
  const out: { e: EditRecord; i: number }[][] = [];
  for (const x of edits) {
    const last = out[out.length - 1]?.[0];
    if (last && x.e.kind === 'repeat' && last.e.kind === 'repeat' && x.e.why !== undefined && x.e.why === last.e.why) out[out.length - 1]!.push(x);
    else out.push([x]);
  }
  return out;
}

function editEntry(run: { e: EditRecord; i: number }[], book: Book, ctx: RenderContext): Element {
  const [{ e, i }] = run as [{ e: EditRecord; i: number }];
  const t = ctx.t;
  const body =
    run.length === 1
      ? [...editDetail(e, book, ctx), ...placeRef(e, ctx)]
      : [
          ...run.flatMap(({ e: r }, k) => [k === 0 ? '' : '、', h('span.src', t.quote(`${(r.from ?? '').slice(0, 12)}……`)), ...placeRef(r, ctx)]),
          `，${t.repeatRemoved}：${e.why}`,
        ];
  return h('li', { id: editAnchor(i), className: ['edit', `edit-${e.kind}`] }, [h('b.edit-kind', t.kindLabel[e.kind]), '　', ...body]);
}

/** The editorial notes: what the source was, the names, the marks, every change, and what the conversion changed. None if there is nothing to say. */
function notesChapter(book: Book, ctx: RenderContext): Chapter | undefined {
  const t = ctx.t;
  // Only the names the text actually uses: an alias kept for resolving labels is not news to the reader.
  const bookText = allParagraphs(book).map((p) => inlineText(p.paragraph.content)).join('\n');
  const usedAliases = (s: Speaker) => s.aliases.filter((a) => bookText.includes(a) && a !== s.name);
  const named = book.meta.speakers.filter((s) => usedAliases(s).length > 0 || s.note);
  const edits = book.edits.map((e, i) => ({ e, i })).sort((a, b) => editKinds.indexOf(a.e.kind) - editKinds.indexOf(b.e.kind));
  if (edits.length === 0 && named.length === 0 && !book.meta.sourceNote && !book.conversion?.changes.length) return undefined;
  const counts = editKinds.flatMap((k) => {
    const n = edits.filter(({ e }) => e.kind === k).length;
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
  // The key to the marks, from the one table in i18n (the book's 凡例 can use the same words).
  children.push(
    h('h2', { id: notesAnchors.marks }, t.marksHeading),
    h('dl.marks', markKinds.flatMap((k) => [h('dt', t.marks[k].sign), h('dd', t.marks[k].meaning)])),
  );
  if (edits.length) {
    children.push(
      h('h2', { id: notesAnchors.changes }, t.changesHeading),
      h('ol.edit-list', groupRepeats(edits).map((run) => editEntry(run, book, ctx))),
    );
  }
  children.push(...conversionSection(book, ctx));
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
        ...row(f.event, `${m.event.name}，${ctx.t.date(m.event.date)}，${m.event.place}`),
        ...row(f.edition, `${ctx.t.editionName}　${ctx.format}`),
        ...(m.published ? row(f.published, ctx.t.date(m.published)) : []),
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
