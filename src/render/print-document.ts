// Book (one edition) → the one HTML page Chromium prints: the book block,
// from the title page (page 1: Chinese books count folios from there) through
// the contents with page numbers and every chapter. The cover is no part of it:
// it is drawn without the browser (src/render/cover.ts), for the reading PDF's
// first page and the printer's cover sheet alike. Built from the same hast
// rendering as the EPUB (renderChapters); only the page shell and the page
// CSS differ. Pure: the template comes in as a string, the page numbers as a
// function (unknown at first; src/write/pdf.ts measures the loaded page, then
// renders again with them, and checks them against the printed PDF).
import type { Element } from 'hast';
import ejs from 'ejs';
import { h } from 'hastscript';
import type { Book } from '../model/book.js';
import { isVertical, type Edition } from '../model/edition.js';
import { bookDescription } from '../model/text.js';
import { renderChapters, renderTocList, splitTitle, tocEntries, type TocEntry } from './chapters.js';
import { chapterIds, makeContext } from './context.js';
import { coverText } from './cover.js';
import { toHtmlMarkup } from './serialize.js';
import { tocTitleId } from '../model/ids.js';
import { strings } from './i18n.js';
import { textOf } from './text-of.js';

export type PageSize = 'A5' | 'A4' | 'Letter' | 'HalfLetter';

export interface PrintEdition {
  edition: Edition;
  buildDate: string;
  identifier: string;
  pageSize: PageSize;
  /** The characters set from the fallback faces (EditionInfo.fallbackChars). */
  fallbackChars?: string;
}

export interface PrintLayout {
  /** Chapters that need a blank verso before them, so that they begin on a recto (an odd page). */
  blankBefore: ReadonlySet<string>;
  /** Paragraph id → its adjustment class (src/write/pdf/justify.ts): the few paragraphs tightened or loosened so that no line spreads. */
  tracking?: ReadonlyMap<string, string>;
  /** The printed page of an element id, once known. */
  pageOf: (id: string) => number | undefined;
}

export interface PrintChapter {
  id: string;
  /** The running head over its rectos (the chapter's title, or the contents'), drawn by src/write/pdf/furniture.ts. */
  title: string;
}

export interface PrintDocument {
  /** The page (templates/print.html.ejs filled in). */
  html: string;
  /** What goes inside <body>: to update a page already loaded, without reloading it. */
  body: string;
  /** The generated part of the style sheet: page size and margins. */
  pageCss: string;
  /** Every character the pages show, for font subsetting. */
  text: string;
  /** The chapters after the contents, in page order: each begins a new recto. */
  chapters: PrintChapter[];
  /** The contents (for the PDF outline). */
  toc: TocEntry[];
  /** The pages before the contents' entries, for the PDF outline: title page, contents (the cover is added with its page). */
  front: { id: string; title: string }[];
  /** The running head over versos: the book's title. */
  bookHead: string;
  /**
   * The markup of every page number the page prints (.toc-page, .page-ref), in
   * document order: all that changes between printings besides blank pages,
   * so a loaded page can be brought up to date without reloading it.
   */
  pageNumbers: string[];
}

/**
 * The grid of each page size (jlreq's 基本版面): the text block is a whole
 * number of characters of the body size by a whole number of lines, and
 * the margins are what is left — the inner (gutter) and top ones set, the
 * outer and bottom ones derived. A5: 32 字 × 26 行 at 10 pt on 18 pt.
 */
export interface PageGrid {
  /** Page box, mm. */
  width: number;
  height: number;
  /** Body size, pt, and line pitch as a multiple of it. */
  fontPt: number;
  lineHeight: number;
  /** Characters a line, lines a page. */
  chars: number;
  lines: number;
  /** Set margins, mm. */
  inner: number;
  top: number;
}

export const pageGrids: Record<PageSize, PageGrid> = {
  A5: { width: 148, height: 210, fontPt: 10, lineHeight: 1.8, chars: 32, lines: 26, inner: 20, top: 20 },
  A4: { width: 210, height: 297, fontPt: 11.5, lineHeight: 1.8, chars: 38, lines: 33, inner: 30, top: 25 },
  Letter: { width: 215.9, height: 279.4, fontPt: 11.5, lineHeight: 1.8, chars: 39, lines: 31, inner: 30, top: 24 },
  // 5.5 × 8.5 in, for a booklet on US Letter sheets: A5's type, a measure of 30 characters.
  HalfLetter: { width: 139.7, height: 215.9, fontPt: 10, lineHeight: 1.8, chars: 30, lines: 27, inner: 19, top: 21 },
};

/**
 * The grid of a vertical (直排) page: `chars` down a column, `lines`
 * (columns) across the text block, at the same body size and pitch. The
 * column is long and the head margin smaller than the foot, as vertical
 * books set it (jlreq's 基本版面 for 縦組): A5 42 字 × 17 行.
 */
export const verticalGrids: Record<PageSize, PageGrid> = {
  A5: { width: 148, height: 210, fontPt: 10, lineHeight: 1.8, chars: 42, lines: 17, inner: 19, top: 24 },
  A4: { width: 210, height: 297, fontPt: 11.5, lineHeight: 1.8, chars: 52, lines: 21, inner: 28, top: 34 },
  Letter: { width: 215.9, height: 279.4, fontPt: 11.5, lineHeight: 1.8, chars: 50, lines: 22, inner: 27, top: 30 },
  HalfLetter: { width: 139.7, height: 215.9, fontPt: 10, lineHeight: 1.8, chars: 43, lines: 16, inner: 19, top: 25 },
};

const round = (n: number) => Math.round(n * 1000) / 1000;
const ptToMm = 25.4 / 72;
/**
 * A hair wider than the characters' sum: Chromium adds advances in 1/64 px,
 * and a block exactly 32 em wide may hold only 31 characters. 0.25 pt over
 * 31 gaps is 0.001 em each.
 */
const widthSlackPt = 0.25;
/** Likewise a point of height: 26 lines in exactly 26 lines' height may print as 25 or 26, and the measure and the print must agree. */
const heightSlackPt = 1;

/** A page box, in mm: size, margins (the gutter is the inner one), the text block; and the body size and line pitch in pt. */
export interface PageBox {
  width: number;
  height: number;
  top: number;
  bottom: number;
  inner: number;
  outer: number;
  textWidth: number;
  textHeight: number;
  fontPt: number;
  linePt: number;
}

/** A grid's page box: the characters run along the line (across, or down a vertical column), the lines across the other way. */
function boxOf(g: PageGrid, vertical: boolean): PageBox {
  const along = round((g.chars * g.fontPt + widthSlackPt) * ptToMm);
  const across = round((g.lines * g.fontPt * g.lineHeight + heightSlackPt) * ptToMm);
  const [textWidth, textHeight] = vertical ? [across, along] : [along, across];
  return { width: g.width, height: g.height, top: g.top, inner: g.inner, outer: round(g.width - g.inner - textWidth), bottom: round(g.height - g.top - textHeight), textWidth, textHeight, fontPt: g.fontPt, linePt: round(g.fontPt * g.lineHeight) };
}

/** Every page size's box, from its grid. */
export const pageGeometry = Object.fromEntries(Object.entries(pageGrids).map(([size, g]) => [size, boxOf(g, false)])) as Record<PageSize, PageBox>;
/** The same for vertical editions, from `verticalGrids`. */
export const verticalPageGeometry = Object.fromEntries(Object.entries(verticalGrids).map(([size, g]) => [size, boxOf(g, true)])) as Record<PageSize, PageBox>;
/** The page box an edition sets its pages in. */
export const geometryOf = (size: PageSize, edition: Pick<Edition, 'writingMode'>): PageBox => (isVertical(edition) ? verticalPageGeometry : pageGeometry)[size];

/** A CSS string literal: everything but `"`, `\` and control characters goes through as is (the sheet is UTF-8). */
export function cssString(value: string): string {
  return `"${value.replace(/["\\]|[\u0000-\u001f\u007f]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\${c.charCodeAt(0).toString(16)} `))}"`;
}

/** Running heads are one line: a long title keeps its start and an ellipsis. */
export function headText(title: string, max = 26): string {
  const chars = [...title];
  return chars.length <= max ? title : `${chars.slice(0, max - 1).join('')}……`;
}

/** Add each adjusted paragraph's class, last, as the page itself adds it when it tries the step. */
function addTracking(node: Element, tracking: ReadonlyMap<string, string>): void {
  const step = typeof node.properties.id === 'string' ? tracking.get(node.properties.id) : undefined;
  if (step) {
    const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
    node.properties.className = [...classes, step];
  }
  for (const child of node.children) if (child.type === 'element') addTracking(child, tracking);
}

/** Book title for the left-hand running head: the title's first clause, without its colon. */
export const bookHead = (title: string): string => headText(splitTitle(title)[0].replace(/[：:]$/, ''));


/**
 * Which side of a spread the recto (odd page: the first, and every chapter
 * opening) is on: the right when pages turn left to right, the left when
 * they turn right to left. The verso carries the book's title, the recto
 * the chapter's; the outer margin is on the page's own side either way.
 */
export const rectoSide = (progression: Edition['pageProgression']): 'right' | 'left' => (progression === 'ltr' ? 'right' : 'left');

/**
 * The page box and its mirrored margins. No margin boxes: Chromium gives a
 * named page's first page none of its own, so chapter openers kept a running
 * head; running heads and folios are drawn on the printed pages instead
 * (src/write/pdf/furniture.ts), from the page map the measure gives.
 */
export function renderPageCss(size: PageSize, edition: Pick<Edition, 'writingMode' | 'pageProgression'> = { writingMode: 'horizontal-tb', pageProgression: 'ltr' }): string {
  const g = geometryOf(size, edition);
  const mm = (n: number) => `${n}mm`;
  // Chromium makes every odd page :right, whatever the page progression (a
  // vertical-rl book's first page should be :left; verified on its PDFs,
  // test/pdf.test.ts). So the odd pages' margins go on :right either way:
  // the gutter on the right-hand edge of a recto in an rtl book, the left in an ltr one.
  const odd = rectoSide(edition.pageProgression) === 'right' ? { left: g.inner, right: g.outer } : { left: g.outer, right: g.inner };
  const even = { left: odd.right, right: odd.left };
  return [
    `/* Generated for ${size}: page box and mirrored margins (the gutter is the inner one). */`,
    `@page { size: ${mm(g.width)} ${mm(g.height)}; margin: ${mm(g.top)} ${mm(g.outer)} ${mm(g.bottom)} ${mm(g.inner)}; }`,
    `@page :left { margin-left: ${mm(even.left)}; margin-right: ${mm(even.right)}; }`,
    `@page :right { margin-left: ${mm(odd.left)}; margin-right: ${mm(odd.right)}; }`,
    `:root { font-size: ${g.fontPt}pt; line-height: ${g.linePt}pt; --page-height: ${mm(g.height)}; --text-width: ${mm(g.textWidth)}; --text-height: ${mm(g.textHeight)}; }`,
  ].join('\n') + '\n';
}

/**
 * Every link target's id moved onto an empty span.anchor at the start of
 * the element, in a vertical edition's print page. Chromium writes a named
 * destination where the target's box ends when the text is vertical-rl
 * (the physical left of the box: the last page of a chapter or of a
 * paragraph that runs over a page), not where it begins; an empty span has
 * one place, its start. The measure (src/write/pdf/paginate.ts) finds the
 * id where the link goes, and the printed PDF's destinations, checked
 * against it, are then right.
 */
export function anchorTargets(children: Element[]): Element[] {
  const targets = new Set<string>();
  const collect = (node: Element): void => {
    const href = node.properties.href;
    if (node.tagName === 'a' && typeof href === 'string' && href.startsWith('#')) targets.add(decodeURIComponent(href.slice(1)));
    for (const child of node.children) if (child.type === 'element') collect(child);
  };
  children.forEach(collect);
  const move = (node: Element): Element => {
    const id = node.properties.id;
    const inner = node.children.map((c) => (c.type === 'element' ? move(c) : c));
    if (typeof id !== 'string' || !targets.has(id)) return { ...node, children: inner };
    const { id: _moved, ...properties } = node.properties;
    return { ...node, properties, children: [h('span.anchor', { id }), ...inner] };
  };
  return children.map(move);
}

const blankPage = (): Element => h('div', { className: 'blank-page', ariaHidden: 'true' });

const pageNumberClasses = ['toc-page', 'page-ref'];

/** The markup inside each page-number element under `node`, in document order (its text, or an upright number's span in a vertical edition). */
function pageNumberTexts(node: Element, out: string[] = []): string[] {
  const classes = node.properties.className;
  if (Array.isArray(classes) && classes.some((c) => pageNumberClasses.includes(String(c)))) {
    out.push(node.children.map((c) => toHtmlMarkup(c)).join(''));
    return out;
  }
  for (const child of node.children) if (child.type === 'element') pageNumberTexts(child, out);
  return out;
}

export function renderPrintDocument(book: Book, edition: PrintEdition, layout: PrintLayout, template: string): PrintDocument {
  const m = book.meta;
  const ctx = makeContext(book, 'print', { edition: edition.edition, buildDate: edition.buildDate, identifier: edition.identifier, fallbackChars: edition.fallbackChars, format: strings[edition.edition.labels].trimSize(edition.pageSize, geometryOf(edition.pageSize, edition.edition).width, geometryOf(edition.pageSize, edition.edition).height) }, layout.pageOf);
  const all = renderChapters(book, ctx);
  if (layout.tracking?.size) for (const c of all) addTracking(c.body, layout.tracking);
  // The 版權頁 goes on the title page's back, outside the contents.
  const verso = all.filter((c) => c.printAt === 'title-verso');
  const inOrder = all.filter((c) => c.printAt === undefined);
  const toc = tocEntries(inOrder);
  const front = inOrder.filter((c) => c.beforeToc);
  const body = inOrder.filter((c) => !c.beforeToc);
  const nav = h('nav', { id: chapterIds.toc, className: 'toc', role: 'doc-toc', ariaLabelledBy: tocTitleId }, [
    h('h1', { id: tocTitleId }, ctx.t.toc),
    renderTocList(toc, ctx),
  ]);
  const chapters: PrintChapter[] = [
    { id: chapterIds.toc, title: ctx.t.toc },
    ...body.map((c) => ({ id: c.id, title: c.title })),
  ];
  // Title page (1), its verso with the 版權頁 (2), contents (3): the title
  // page and the contents face the reader, as every chapter does.
  const children: Element[] = [
    ...front.flatMap((c) => [c.body, ...(c.id === chapterIds.titlepage && verso.length ? verso.map((v) => v.body) : [blankPage()])]),
    nav,
    ...body.flatMap((c) => (layout.blankBefore.has(c.id) ? [blankPage(), c.body] : [c.body])),
  ];
  const placed = isVertical(edition.edition) ? anchorTargets(children) : children;
  const bodyHtml = placed.map((c) => toHtmlMarkup(c)).join('\n');
  const author = m.speakers.map((s) => s.name).join('、');
  const html = ejs.render(template, {
    lang: edition.edition.locale,
    title: m.title,
    author,
    description: bookDescription(m),
    generator: 'Transcript Press',
    body: bodyHtml,
  });
  // With the cover's: the reading PDF's cover is drawn from these same subset fonts.
  const text = [textOf(nav), ...all.map((c) => textOf(c.body)), coverText(book, ctx.t)].join('');
  return {
    html,
    body: bodyHtml,
    pageCss: renderPageCss(edition.pageSize, edition.edition),
    text,
    chapters,
    toc,
    front: [
      { id: chapterIds.titlepage, title: ctx.t.titlePage },
      ...verso.map((v) => ({ id: v.id, title: v.title })),
      { id: chapterIds.toc, title: ctx.t.toc },
    ],
    pageNumbers: placed.flatMap((c) => pageNumberTexts(c)),
    bookHead: bookHead(m.title),
  };
}
