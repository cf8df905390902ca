// Book → the chapters of an edition, in reading order, as hast. Both the EPUB
// and the PDF are built from these; only packaging differs.
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { conversionSteps, editKinds, type Book, type EditRecord, type Evidence, type ExternalFact, type Part, type Speaker, type TimelineEvent, type TimelineGroup } from '../model/book.js';
import { allParagraphs, inlineText } from '../model/text.js';
import { renderBlock } from './blocks.js';
import { chapterIds, editAnchor, eventAnchor, groupAnchor, notesAnchors, type Child, type RenderContext } from './context.js';
import { markKinds } from './i18n.js';
import { keepUnits } from './nobreak.js';
import { combineUprightDigits } from './upright.js';
import { isVertical } from '../model/edition.js';

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
  /** Where print sets the chapter instead of in reading order (the 版權頁 on the title page's back). */
  printAt?: 'title-verso';
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
      // Broken at its colon, the title drops the colon: a line break does its work (a title page never ends a line with 「：」).
      h('h1.book-title', { ariaLabel: m.title }, rest ? [h('span.title-main', main.replace(/：$/, '')), h('span.title-rest', rest)] : [h('span.title-main', main)]),
      m.subtitle ? h('p.subtitle', m.subtitle) : '',
      h(
        'ul.speaker-list',
        { ariaLabel: ctx.t.speakersHeading },
        // Name and role apart by a space in the text, not by a margin (MuPDF has none).
        m.speakers.map((s) => h('li', [h('b.speaker-name', s.name), s.role ? ['　', h('span.speaker-role', keepUnits(s.role))] : ''])),
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

/** The cast at the head of a conversation: one line a speaker, the name as every turn shows it, then the role. */
function castList(book: Book, ctx: RenderContext): Element {
  return h('div.cast', { role: 'note', ariaLabel: ctx.t.speakersHeading }, [
    h('p.cast-heading', ctx.t.speakersHeading),
    h(
      'ul.cast-list',
      book.meta.speakers.map((s) => h('li', [h('b.speaker-name', s.name), s.role ? ['　', h('span.speaker-role', keepUnits(s.role))] : ''])),
    ),
  ]);
}

function partChapter(part: Part, book: Book, ctx: RenderContext): Chapter {
  const sections = part.blocks.flatMap((b) => (b.type === 'heading' ? [{ id: b.id, title: b.text, children: [] }] : []));
  return {
    id: part.id,
    title: part.title,
    epubType: 'chapter',
    beforeToc: false,
    toc: { id: part.id, title: part.title, children: sections },
    body: section(part.id, 'chapter', 'doc-chapter', `part part-${part.kind}`, [
      h('h1', part.title),
      ...(part.kind === 'conversation' ? [castList(book, ctx)] : []),
      ...part.blocks.map((b) => renderBlock(b, book.meta, ctx)),
    ]),
  };
}

/** 1 → 一 … 99 → 九十九: how a Chinese book numbers its 凡例. */
export function cjkNumeral(n: number): string {
  const digits = '〇一二三四五六七八九';
  if (n < 10) return digits[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : digits[tens]}十${n % 10 ? digits[n % 10] : ''}`;
}

/**
 * The 凡例: the one key to the book's marks (typefaces, 〔〕, （）, the
 * superscript references, the timeline's marks), in the front matter.
 * Nothing else in the book explains them, and nothing rides on a tooltip.
 */
function guideChapter(book: Book, ctx: RenderContext): Chapter {
  const t = ctx.t;
  const [host, ...guests] = book.meta.speakers.map((s) => s.name);
  // How speakers are set; every mark, from the one table of marks (src/render/i18n.ts); the references; where the changes are.
  const items: Child[][] = [
    keepUnits(t.guideSpeakers(host ?? '', guests)),
    ...markKinds.map((k) => [h('b.guide-sign', t.marks[k].sign), '　', ...keepUnits(t.marks[k].meaning)]),
    keepUnits(t.guideReferences(ctx.target === 'print')),
    keepUnits(t.guideChanges),
  ];
  return {
    id: chapterIds.guide,
    title: t.guide,
    epubType: 'frontmatter',
    beforeToc: false,
    toc: { id: chapterIds.guide, title: t.guide, children: [] },
    body: section(chapterIds.guide, 'frontmatter', undefined, 'guide', [
      h('h1', t.guide),
      h('ol.guide-list', items.map((item, i) => h('li', { id: `${chapterIds.guide}-${i + 1}` }, [h('span.guide-num', `${cjkNumeral(i + 1)}、`), ...item]))),
    ]),
  };
}

function pageRef(id: string, ctx: RenderContext): Child[] {
  if (ctx.target !== 'print') return [];
  const n = ctx.pageOf(id);
  // The space outside the no-wrap reference: a line may break before 「第 N 頁」, never inside it.
  return [' ', h('span.page-ref', ctx.t.page(n ?? 0))];
}

/** A URL with break opportunities after its slashes and dots, so that it wraps without splitting 「https」. */
const breakableUrl = (url: string): Child[] => url.split(/(?<=[/.])(?!\/)/).flatMap((part, i) => (i === 0 ? [part] : [h('wbr'), part]));

/** An editor's mark on a field: 〔推斷〕, 〔外部資料〕, 〔據報導〕. The key to them is the book's 凡例 (and the lead). */
const markSpan = (kind: 'inferred' | 'external' | 'reported', ctx: RenderContext): Element => h('span', { className: ['mark', `mark-${kind}`] }, `〔${ctx.t.mark[kind]}〕`);

function externalNote(x: ExternalFact, ctx: RenderContext, tag: 'p' | 'span' = 'p'): Element {
  return h(`${tag}.tl-external`, [h('span.tl-external-label', `${ctx.t.outsideSource}：`), ...keepUnits(x.fact), `（${x.source}`, x.url ? [' ', h('span.url', breakableUrl(x.url))] : '', '）']);
}

/** Each quotation, linked to its paragraph, and in print the page it is on. */
const quotations = (evidence: Evidence[], ctx: RenderContext): Child[] =>
  evidence.flatMap((ev, i) => [i === 0 ? '' : '；', h('a', { href: ctx.href(ev.paragraph) }, keepUnits(ctx.t.quote(ev.quote))), ...pageRef(ev.paragraph, ctx)]);

function evidenceLine(evidence: Evidence[], ctx: RenderContext): Element {
  return h('p.tl-evidence', [h('span.tl-evidence-label', `${ctx.t.evidence}：`), ...quotations(evidence, ctx)]);
}

/**
 * The timeline as a compact chronology (年表). Per group: its head (the day
 * and place of the conversation, given once, and what is known of the
 * order), then one entry an event, run in — its number (a reference, not a
 * claim about order), the time where the event has one of its own, what
 * happened, its quotations with the page each is on, any outside fact.
 * Each field that does not come from the quoted text carries its mark; the
 * marks are explained in the 凡例 and the lead.
 */
function timelineChapter(book: Book, ctx: RenderContext): Chapter | undefined {
  const frame = book.timelineFrame;
  if (book.timeline.length === 0 || !frame) return undefined;
  const t = ctx.t;
  const orderOf = new Map(book.timeline.map((e) => [e.id, e.order]));
  const date = (iso: string, basis: 'text' | 'external'): Child[] => [h('time.nobr', { dateTime: iso }, t.date(iso)), basis === 'external' ? markSpan('external', ctx) : ''];
  const event = (e: TimelineEvent): Element => {
    const when: Child[] = [
      ...(e.date && e.dateBasis ? date(e.date, e.dateBasis) : []),
      ...(e.when ? [e.when.basis === 'text' ? h('span.tl-relative', t.quote(e.when.words)) : h('span.tl-relative', [e.when.words, markSpan('inferred', ctx)])] : []),
      ...(e.follows ? [h('span.tl-follows', keepUnits(t.follows(orderOf.get(e.follows) ?? 0)))] : []),
      e.reported ? markSpan('reported', ctx) : '',
    ].filter((c) => c !== '');
    return h('li', { id: eventAnchor(e.id), className: ['tl-event', e.reported ? 'reported' : ''] }, [
      h('span.tl-num', String(e.order)),
      ' ',
      ...(when.length ? [h('span.tl-when', when), '　'] : []),
      h('span.tl-text', keepUnits(e.text)),
      ' ',
      h('span.tl-evidence', quotations(e.evidence, ctx)),
      e.external ? [' ', externalNote(e.external, ctx, 'span')] : '',
    ]);
  };
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
  const why: Child[] = e.why ? ['：', ...keepUnits(e.why)] : [];
  const arrow = (from: string, to: string): Child[] => [h('span.src', keepUnits(t.quote(from))), '→', h('span.out', keepUnits(t.quote(to))), from === to ? t.sameInThisScript : ''];
  switch (e.kind) {
    case 'repeat':
      return [h('span.src', keepUnits(t.quote(clip(e.from ?? '', 16)))), `，${t.repeatRemoved}`, ...why];
    case 'credit':
      return [h('span.src', keepUnits(t.quote((e.from ?? '').trim()))), t.removedCredit];
    case 'title':
    case 'article':
    case 'heading':
      return [h('span.src', keepUnits(t.quote(clip(e.from ?? '', 40)))), ...why];
    case 'partTitle':
      return [h('span.out', keepUnits(t.quote(e.to ?? ''))), ...why];
    case 'attribute': {
      const name = book.meta.speakers.find((s) => s.id === e.to)?.name ?? e.to ?? '';
      return [t.attributedTo(t.quote(`${openingOf(book, e.place)}……`), name), ...why];
    }
    case 'join': {
      const [a, b] = (e.from ?? '').split('¶');
      return [h('span.src', keepUnits(t.quote(`……${a}`))), '＋', h('span.src', keepUnits(t.quote(`${b}……`))), '→', h('span.out', keepUnits(t.quote(`……${e.to}……`)))];
    }
    case 'truncated':
      return [h('span.src', keepUnits(t.quote(e.from ?? ''))), '：', t.markerRemoved];
    case 'gap':
      return [t.gapInserted, '：', h('span.out', keepUnits(t.quote(clip(e.to ?? '', 40))))];
    case 'reorder':
      return keepUnits(e.why ?? '');
    case 'sic':
      return [h('span.src', keepUnits(t.quote(e.from ?? ''))), ...why];
    case 'artefact':
    case 'brackets':
    case 'ellipsis':
      // Where the two forms are one character in this script, the reason (about the other script's forms) cannot be read here.
      return [...arrow(e.from ?? '', e.to ?? ''), ...(e.from === e.to ? [] : why)];
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
  // The key to the marks is the 凡例, in the front matter: the book has one key, not two.
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

/**
 * The 版權頁: what a Chinese book prints on its copyright page, compactly —
 * title, speakers, source, the edition as a publisher dates it (「2024 年 7
 * 月初版」), the trim size in millimetres, fonts, rights. Print sets it on
 * the title verso, in small type; the EPUB keeps it last, at text size, with
 * its identifier (a print edition carries no software identifiers).
 */
function colophon(book: Book, ctx: RenderContext): Chapter {
  const m = book.meta;
  const t = ctx.t;
  const f = t.colophonFields;
  const print = ctx.target === 'print';
  const row = (label: string, value: Child | Child[]) => h('p', [h('span.colophon-label', `${label}：`), ...(Array.isArray(value) ? value : [value])]);
  const date = t.date(m.event.date);
  return {
    id: chapterIds.colophon,
    title: t.colophon,
    epubType: 'colophon',
    beforeToc: false,
    printAt: 'title-verso',
    toc: { id: chapterIds.colophon, title: t.colophon, children: [] },
    body: section(chapterIds.colophon, 'colophon', 'doc-colophon', 'colophon', [
      h(print ? 'h1.colophon-heading' : 'h1', { ariaLabel: print ? t.colophon : undefined }, print ? m.title : t.colophon),
      print ? '' : h('p.colophon-title', m.title),
      m.subtitle ? h('p.colophon-subtitle', m.subtitle) : '',
      row(f.speakers, m.speakers.map((s) => s.name).join('、')),
      row(f.event, [m.event.name, '，', h('span.nobr', date), '，', m.event.place]),
      ...(m.credits.length ? [row(f.source, m.credits.map((c) => `${c.name}（${c.role}）`).join('；'))] : []),
      row(f.publisher, m.publisher),
      // Print gives its trim size below; the EPUB and the web edition name their format here.
      row(f.edition, [h('span.nobr', t.editionOf(m.published ?? ctx.buildDate)), '　', t.editionName, ...(print ? [] : ['　', ctx.format])]),
      ...(print ? [row(f.format, ctx.format)] : []),
      row(f.conversion, t.conversionNote(m.convertedFrom)),
      row(f.fonts, t.fontsNote(ctx.fallbackChars && ctx.edition.fonts.fallback ? { chars: ctx.fallbackChars, ...ctx.edition.fonts.fallback.families } : undefined)),
      ...(print ? [] : [row(f.identifier, h('span.url', ctx.identifier))]),
      h('p.colophon-rights', m.rights),
    ]),
  };
}

/** The table of contents as a nested list (the EPUB nav and the printed contents page). */
export function renderTocList(entries: TocEntry[], ctx: RenderContext): Element {
  return uprightIn(ctx, tocList(entries, ctx));
}

function tocList(entries: TocEntry[], ctx: RenderContext): Element {
  return h(
    'ol',
    entries.map((e) =>
      h('li', [
        h('a', { href: ctx.href(e.id) }, [h('span.toc-title', e.title), ...(ctx.target === 'print' ? [h('span.toc-page', String(ctx.pageOf(e.id) ?? 0))] : [])]),
        ...(e.children.length ? [tocList(e.children, ctx)] : []),
      ]),
    ),
  );
}

/** Every chapter of the edition in reading order (the TOC sits after those with beforeToc). */
export function renderChapters(book: Book, ctx: RenderContext): Chapter[] {
  const chapters = [
    titlePage(book, ctx),
    guideChapter(book, ctx),
    ...book.parts.map((p) => partChapter(p, book, ctx)),
    timelineChapter(book, ctx),
    notesChapter(book, ctx),
    colophon(book, ctx),
  ].filter((c): c is Chapter => c !== undefined);
  return chapters.map((c) => ({ ...c, body: uprightIn(ctx, c.body) }));
}

/** In a vertical edition, short numbers upright (縱中橫, ./upright.ts); elsewhere the tree as it is. */
const uprightIn = (ctx: RenderContext, el: Element): Element => (isVertical(ctx.edition) ? combineUprightDigits(el) : el);

export const tocEntries = (chapters: Chapter[]): TocEntry[] => chapters.flatMap((c) => (c.toc ? [c.toc] : []));
