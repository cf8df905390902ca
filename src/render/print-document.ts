// Book (one edition) → the one HTML page Chromium prints: cover, title page,
// contents with page numbers, every chapter. Built from the same hast
// rendering as the EPUB (renderChapters); only the page shell and the page
// CSS differ. Pure: the template comes in as a string, the page numbers as a
// function (unknown at first; src/write/pdf.ts measures the loaded page, then
// renders again with them, and checks them against the printed PDF).
import type { Element } from 'hast';
import ejs from 'ejs';
import { h } from 'hastscript';
import type { Book } from '../model/book.js';
import type { Edition } from '../model/edition.js';
import { bookDescription } from '../model/text.js';
import { renderChapters, renderTocList, splitTitle, tocEntries, type TocEntry } from './chapters.js';
import { chapterIds, makeContext } from './context.js';
import { renderCoverSvg } from './cover.js';
import { toXhtml } from './serialize.js';
import { textOf } from './text-of.js';

export type PageSize = 'A5' | 'A4' | 'Letter';

export interface PrintEdition {
  edition: Edition;
  buildDate: string;
  identifier: string;
  pageSize: PageSize;
}

export interface PrintLayout {
  /** Chapters that need a blank verso before them, so that they begin on a recto (an odd page). */
  blankBefore: ReadonlySet<string>;
  /** The printed page of an element id, once known. */
  pageOf: (id: string) => number | undefined;
}

export interface PrintChapter {
  id: string;
  /** The running head (the chapter's title, or the contents'). */
  title: string;
  /** Its own named page (`ch-<id>`), which carries the running head. */
  pageName: string;
}

export interface PrintDocument {
  /** The page (templates/print.html.ejs filled in). */
  html: string;
  /** What goes inside <body>: to update a page already loaded, without reloading it. */
  body: string;
  /** The generated part of the style sheet: page size and margins, one named page per chapter. */
  pageCss: string;
  /** Every character the pages show, for font subsetting. */
  text: string;
  /** The chapters after the contents, in page order: each begins a new recto. */
  chapters: PrintChapter[];
  /** The contents (for the PDF outline). */
  toc: TocEntry[];
  /** The pages before the contents' entries, for the PDF outline: cover, title page, contents. */
  front: { id: string; title: string }[];
  /**
   * The text of every page number the page prints (.toc-page, .page-ref), in
   * document order: all that changes between printings besides blank pages,
   * so a loaded page can be brought up to date without reloading it.
   */
  pageNumbers: string[];
}

/** Page boxes, in mm: size, then margins (the gutter is the inner one). */
export const pageGeometry: Record<PageSize, { width: number; height: number; top: number; bottom: number; inner: number; outer: number; fontPt: number }> = {
  A5: { width: 148, height: 210, top: 19, bottom: 20, inner: 20, outer: 15, fontPt: 10 },
  A4: { width: 210, height: 297, top: 25, bottom: 27, inner: 30, outer: 24, fontPt: 11.5 },
  Letter: { width: 215.9, height: 279.4, top: 24, bottom: 26, inner: 30, outer: 24, fontPt: 11.5 },
};

/** A CSS string literal: everything but `"`, `\` and control characters goes through as is (the sheet is UTF-8). */
export function cssString(value: string): string {
  return `"${value.replace(/["\\]|[\u0000-\u001f\u007f]/g, (c) => (c === '"' || c === '\\' ? `\\${c}` : `\\${c.charCodeAt(0).toString(16)} `))}"`;
}

/** Running heads are one line: a long title keeps its start and an ellipsis. */
export function headText(title: string, max = 26): string {
  const chars = [...title];
  return chars.length <= max ? title : `${chars.slice(0, max - 1).join('')}……`;
}

const pageNameOf = (id: string) => `ch-${id}`;

/** Book title for the left-hand running head: the title's first clause, without its colon. */
export const bookHead = (title: string): string => headText(splitTitle(title)[0].replace(/[：:]$/, ''));

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Which side of a spread the recto (odd page: the first, and every chapter
 * opening) is on: the right when pages turn left to right, the left when
 * they turn right to left. The verso carries the book's title, the recto
 * the chapter's; the outer margin is on the page's own side either way.
 */
export const rectoSide = (progression: Edition['pageProgression']): 'right' | 'left' => (progression === 'ltr' ? 'right' : 'left');

export function renderPageCss(size: PageSize, bookTitle: string, chapters: PrintChapter[], progression: Edition['pageProgression']): string {
  const g = pageGeometry[size];
  const mm = (n: number) => `${n}mm`;
  const recto = rectoSide(progression);
  const verso = recto === 'right' ? 'left' : 'right';
  const lines = [
    `/* Generated for ${size}: page box, mirrored margins, one named page per chapter for its running head. */`,
    `@page { size: ${mm(g.width)} ${mm(g.height)}; margin: ${mm(g.top)} ${mm(g.outer)} ${mm(g.bottom)} ${mm(g.inner)}; }`,
    `@page :left { margin-left: ${mm(g.outer)}; margin-right: ${mm(g.inner)};${verso === 'left' ? ` @top-left { content: ${cssString(bookHead(bookTitle))}; }` : ''} }`,
    `@page :right { margin-left: ${mm(g.inner)}; margin-right: ${mm(g.outer)};${verso === 'right' ? ` @top-right { content: ${cssString(bookHead(bookTitle))}; }` : ''} }`,
    `:root { font-size: ${g.fontPt}pt; --page-height: ${mm(g.height)}; --text-width: ${mm(round(g.width - g.inner - g.outer))}; --text-height: ${mm(round(g.height - g.top - g.bottom))}; }`,
  ];
  for (const c of chapters) {
    lines.push(`#${c.id} { page: ${c.pageName}; }`);
    lines.push(`@page ${c.pageName}:${recto} { @top-${recto} { content: ${cssString(headText(c.title))}; } }`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The cover: renderCoverSvg's SVG (built as hast and serialised there), inline
 * so that the page's own fonts set its text.
 */
function coverPage(book: Book, label: string, svg: string): string {
  const shell = toXhtml(h('section', { id: chapterIds.cover, className: 'cover-page', role: 'img', ariaLabel: `${label}：${book.meta.title}` }));
  return shell.replace(/<\/section>$/, `${svg}</section>`);
}

const blankPage = (): Element => h('div', { className: 'blank-page', ariaHidden: 'true' });

const pageNumberClasses = ['toc-page', 'page-ref'];

/** Texts of the page-number elements under `node`, in document order. */
function pageNumberTexts(node: Element, out: string[] = []): string[] {
  const classes = node.properties.className;
  if (Array.isArray(classes) && classes.some((c) => pageNumberClasses.includes(String(c)))) {
    out.push(textOf(node));
    return out;
  }
  for (const child of node.children) if (child.type === 'element') pageNumberTexts(child, out);
  return out;
}

export function renderPrintDocument(book: Book, edition: PrintEdition, layout: PrintLayout, template: string): PrintDocument {
  const m = book.meta;
  const ctx = makeContext(book, 'print', { edition: edition.edition, buildDate: edition.buildDate, identifier: edition.identifier, format: `PDF（${edition.pageSize}）` }, layout.pageOf);
  const all = renderChapters(book, ctx);
  const toc = tocEntries(all);
  const front = all.filter((c) => c.beforeToc);
  const body = all.filter((c) => !c.beforeToc);
  const svg = renderCoverSvg(book, ctx.t, { serif: 'Book Serif', sans: 'Book Sans' });
  const nav = h('nav', { id: chapterIds.toc, className: 'toc', role: 'doc-toc', ariaLabelledBy: 'toc-title' }, [
    h('h1', { id: 'toc-title' }, ctx.t.toc),
    renderTocList(toc, ctx),
  ]);
  const chapters: PrintChapter[] = [
    { id: chapterIds.toc, title: ctx.t.toc, pageName: pageNameOf(chapterIds.toc) },
    ...body.map((c) => ({ id: c.id, title: c.title, pageName: pageNameOf(c.id) })),
  ];
  // Cover (1), its blank back (2), title page (3), blank (4), contents (5): the
  // title page and the contents face the reader, as every chapter does.
  const children: Element[] = [
    blankPage(),
    ...front.flatMap((c) => [c.body, blankPage()]),
    nav,
    ...body.flatMap((c) => (layout.blankBefore.has(c.id) ? [blankPage(), c.body] : [c.body])),
  ];
  const bodyHtml = [coverPage(book, ctx.t.cover, svg), ...children.map((c) => toXhtml(c))].join('\n');
  const author = m.speakers.map((s) => s.name).join('、');
  const html = ejs.render(template, {
    lang: edition.edition.locale,
    title: m.title,
    author,
    description: bookDescription(m),
    generator: 'Transcript Press',
    body: bodyHtml,
  });
  const coverText = [m.event.name, m.title, m.subtitle ?? '', author, m.speakers.map((s) => s.name).join(' × '), ctx.t.editionName, m.publisher].join('');
  const text = [textOf(nav), ...all.map((c) => textOf(c.body)), coverText, bookHead(m.title), ...chapters.map((c) => headText(c.title)), ctx.t.cover].join('');
  return {
    html,
    body: bodyHtml,
    pageCss: renderPageCss(edition.pageSize, m.title, chapters, edition.edition.pageProgression),
    text,
    chapters,
    toc,
    front: [
      { id: chapterIds.cover, title: ctx.t.cover },
      { id: chapterIds.titlepage, title: ctx.t.titlePage },
      { id: chapterIds.toc, title: ctx.t.toc },
    ],
    pageNumbers: children.flatMap((c) => pageNumberTexts(c)),
  };
}
