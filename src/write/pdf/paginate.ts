// Pagination, measured before printing. Chromium cannot print the page number
// of another element (no target-counter()) nor begin a chapter on a recto
// (break-before: right inserts no blank page). So the loaded page is laid
// out on screen as columns the size of a page's text area (html.measuring in
// styles/print.css): Chromium breaks columns as it breaks pages, so the
// column of every linked element is its page. From that, blank pages and
// page numbers are planned and the page is updated in place (no reload: the
// fonts stay loaded). Measuring costs a fraction of a printing.
import type { Page } from 'puppeteer';
import type { PrintDocument, PrintLayout } from '../../render/print-document.js';

export interface Measure {
  /** Every linked id → its page (1-based). */
  dests: Map<string, number>;
  pages: number;
  /** The extra ids asked for (pages nothing links to) → their page. */
  at: Map<string, number>;
  /** Every top-level block of the page (each begins a new page), in order: what it is and where it begins. */
  blocks: PageBlock[];
}

/** What a top-level block of the print page is, by its class: a blank page, the title page, the 版權頁 (colophon), or a chapter (the contents too). */
export type BlockKind = 'blank' | 'title' | 'colophon' | 'chapter';

export interface PageBlock {
  kind: BlockKind;
  id: string;
  /** Its first page (1-based). */
  page: number;
}

/**
 * What each printed page is, for the page furniture: a chapter's first page
 * (its opener), a page of running text, a blank page, the title page or the
 * 版權頁; and the chapter it belongs to (its running head).
 */
export type PageKind = 'opener' | 'text' | 'blank' | 'title' | 'colophon';

export interface PageInfo {
  kind: PageKind;
  /** The id of the chapter (or title page, colophon) the page is part of; none on a blank page. */
  block: string | undefined;
}

/**
 * Switch layout modes of the page (classes on <html>: `measuring`,
 * `justifying`) on or off, together, and lay the page out at once, so that
 * what follows starts from a settled page: one layout for the lot, not one a
 * mode (at 866 pages, each is half a second).
 */
export const setPageModes = (page: Page, modes: Record<string, boolean>) =>
  page.evaluate((changes: Record<string, boolean>) => {
    const root = document.documentElement;
    for (const [name, enable] of Object.entries(changes)) root.classList.toggle(name, enable);
    if (root.classList.length === 0) root.removeAttribute('class');
    return document.body.scrollWidth + document.body.scrollHeight;
  }, modes);

/** One layout mode on or off (setPageModes). */
export const setPageMode = (page: Page, mode: string, on: boolean) => setPageModes(page, { [mode]: on });

/** A page's HTML that opens already in a layout mode (`setPageMode` on): its first layout is not one thrown away. */
export const inPageMode = (html: string, mode: string): string => html.replace(/<html\b/, `<html class="${mode}"`);

/** The measuring columns on or off (printing then starts from a settled page). */
export const setMeasuring = (page: Page, on: boolean) => setPageMode(page, 'measuring', on);

/**
 * Where every linked element falls, from the on-screen columns (one column =
 * one page, numbered from 1), and how many pages there are.
 */
export async function measurePage(page: Page, also: string[] = []): Promise<Measure> {
  // No named helpers inside evaluate: tsx would wrap them in a __name() the page does not have.
  const { dests, pages, at, blocks } = await page.evaluate((ids: string[]) => {
    const body = document.body.getBoundingClientRect();
    // Horizontal text: the columns stand side by side, left to right. Vertical
    // text (writing-mode: vertical-rl): a column's lines run down, so the
    // columns follow one another downwards, each a page's text block.
    const vertical = getComputedStyle(document.body).writingMode.startsWith('vertical');
    const column = vertical ? body.height : body.width;
    const linked = [...document.querySelectorAll('a[href^="#"]')].map((a) => decodeURIComponent(a.getAttribute('href')!.slice(1)));
    const found: [string, number][][] = [[], []];
    [linked, ids].forEach((list, which) => {
      const seen = new Set<string>();
      for (const id of list) {
        const target = document.getElementById(id);
        if (seen.has(id) || !target) continue;
        seen.add(id);
        const box = target.getClientRects()[0] ?? target.getBoundingClientRect();
        found[which]!.push([id, Math.floor(((vertical ? box.top - body.top : box.left - body.left) + 0.5) / column) + 1]);
      }
    });
    const blocks = [...document.body.children].map((el) => {
      const box = el.getClientRects()[0] ?? el.getBoundingClientRect();
      const c = el.classList;
      const kind = c.contains('blank-page') ? 'blank' : c.contains('titlepage') ? 'title' : c.contains('colophon') ? 'colophon' : 'chapter';
      // A vertical edition's chapter carries its id on an anchor at its start (anchorTargets in src/render/print-document.ts).
      const id = el.id || (el.firstElementChild?.classList.contains('anchor') ? el.firstElementChild.id : '');
      return { kind: kind as 'blank' | 'title' | 'colophon' | 'chapter', id, page: Math.floor(((vertical ? box.top - body.top : box.left - body.left) + 0.5) / column) + 1 };
    });
    return { dests: found[0]!, pages: Math.round((vertical ? document.body.scrollHeight : document.body.scrollWidth) / column), at: found[1]!, blocks };
  }, also);
  return { dests: new Map(dests), pages, at: new Map(at), blocks };
}

/**
 * Every page's kind, from where the blocks begin: a block runs to the page
 * before the next one begins. A chapter's first page is its opener; the
 * title page and the 版權頁 are what they are on every page they take.
 */
export function mapPages(blocks: PageBlock[], pageCount: number): PageInfo[] {
  const map: PageInfo[] = [];
  blocks.forEach((b, i) => {
    const end = i + 1 < blocks.length ? blocks[i + 1]!.page - 1 : pageCount;
    if (b.page !== map.length + 1 || end < b.page) throw new Error(`the measured blocks do not tile the pages: 「${b.id || b.kind}」 begins on page ${b.page} after ${map.length} pages`);
    for (let n = b.page; n <= end; n++) {
      const kind: PageKind = b.kind === 'chapter' ? (n === b.page ? 'opener' : 'text') : b.kind;
      map.push({ kind, block: b.kind === 'blank' ? undefined : b.id });
    }
  });
  return map;
}

export const chapterIdsOf = (doc: PrintDocument): string[] => doc.toc.map((e) => e.id);

/**
 * Bring the loaded page up to the newly rendered document without reloading
 * it (the fonts stay loaded, and Chromium relays out only what changed): the
 * page numbers' markup and the blank pages before chapters. The
 * markup is the renderer's own; if the page does not have the same number of
 * page-number elements, the whole body is replaced instead.
 */
export async function updatePage(page: Page, doc: PrintDocument, layout: PrintLayout, chapters: string[]): Promise<void> {
  const patched = await page.evaluate(
    (markup: string[], blanks: string[], chapterIds: string[]) => {
      const numbers = document.querySelectorAll('.toc-page, .page-ref');
      if (numbers.length !== markup.length) return false;
      // As markup, not text: in a vertical edition a number inside stands upright in a span of its own.
      numbers.forEach((el, i) => {
        if (el.innerHTML !== markup[i]) el.innerHTML = markup[i]!;
      });
      const chapterSet = new Set(chapterIds);
      for (const el of [...document.querySelectorAll('body > .blank-page')]) {
        const next = el.nextElementSibling;
        // The chapter's id, on it or on its first child (an anchor, in a vertical edition).
        const nextId = next ? next.id || (next.firstElementChild?.classList.contains('anchor') ? next.firstElementChild.id : '') : '';
        if (next && chapterSet.has(nextId) && !blanks.includes(nextId)) {
          if (el.nextSibling?.nodeType === Node.TEXT_NODE) el.nextSibling.remove();
          el.remove();
        }
      }
      for (const id of blanks) {
        const target = document.getElementById(id);
        const chapter = target?.classList.contains('anchor') ? target.parentElement : target;
        if (!chapter) return false;
        if (chapter.previousElementSibling?.classList.contains('blank-page')) continue;
        const blank = document.createElement('div');
        blank.className = 'blank-page';
        blank.setAttribute('aria-hidden', 'true');
        // As the renderer joins the body's children: one line each.
        chapter.before(blank, '\n');
      }
      return true;
    },
    doc.pageNumbers,
    [...layout.blankBefore],
    chapters,
  );
  if (!patched) {
    await page.evaluate((html: string) => {
      document.body.innerHTML = html;
    }, doc.body);
  }
  await rebuildLayout(page);
}

/**
 * Lay the whole page out afresh, as a load does. Chromium's incremental
 * relayout of a changed number set upright in a vertical column
 * (text-combine-upright) did not always end where a full layout ends: the
 * vertical edition's later pages broke their columns one way or another from
 * build to build. Taking the root out of the layout and back costs one
 * layout, which the next measure would make anyway; the DOM is as it was.
 */
async function rebuildLayout(page: Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.documentElement;
    root.style.display = 'none';
    void root.offsetHeight;
    root.style.removeProperty('display');
    if (root.getAttribute('style') === '') root.removeAttribute('style');
  });
}

/** Does the printed (or measured) book have every destination where the layout says it is? */
export function matches(dests: Map<string, number>, layout: PrintLayout): boolean {
  for (const [id, n] of dests) if (layout.pageOf(id) !== n) return false;
  return true;
}

/**
 * From a printing's (or a measure's) destinations: which chapters need a
 * blank verso before them so that each begins on a recto (an odd page, in
 * either page progression), and where every destination will then fall. A
 * chapter always begins a new page and the mirrored margins keep the
 * measure, so a chapter's length in pages does not depend on where it
 * begins; only the contents (before the chapters) can change length when its
 * numbers change, and the next printing shows that.
 */
export function planPages(chapters: string[], dests: Map<string, number>, blanks: ReadonlySet<string>, pageCount: number): PrintLayout {
  const starts = chapters.map((id) => {
    const n = dests.get(id);
    if (n === undefined) throw new Error(`no destination for chapter 「${id}」 in the printed PDF (is it linked from the contents?)`);
    return n;
  });
  const isRecto = (n: number) => n % 2 === 1;
  const blankBefore = new Set<string>();
  const shift: number[] = [];
  let next = starts[0]! - (blanks.has(chapters[0]!) ? 1 : 0);
  chapters.forEach((id, i) => {
    const end = i + 1 < chapters.length ? starts[i + 1]! - (blanks.has(chapters[i + 1]!) ? 1 : 0) : pageCount + 1;
    if (!isRecto(next)) {
      blankBefore.add(id);
      next++;
    }
    shift.push(next - starts[i]!);
    next += end - starts[i]!;
  });
  const pages = new Map<string, number>();
  for (const [id, n] of dests) {
    let i = -1;
    while (i + 1 < starts.length && starts[i + 1]! <= n) i++;
    pages.set(id, i < 0 ? n : n + shift[i]!);
  }
  return { blankBefore, pageOf: (id) => pages.get(id) };
}
