// The EPUB navigation document's contents and the NCX nav map, from the one TOC tree.
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { Element as XElement } from 'xast';
import { x } from 'xastscript';
import { renderTocList, type TocEntry } from './chapters.js';
import { chapterIds, type RenderContext } from './context.js';
import { tocTitleId } from '../model/ids.js';

/** The table of contents (the landmarks nav is in templates/toc.xhtml.ejs). */
export function renderNav(entries: TocEntry[], ctx: RenderContext): Element {
  return h('nav', { 'epub:type': 'toc', id: chapterIds.toc, role: 'doc-toc', ariaLabelledBy: tocTitleId }, [
    h('h1', { id: tocTitleId }, ctx.t.toc),
    renderTocList(entries, ctx),
  ]);
}

/** NCX navMap with playOrder in reading order, for readers that predate EPUB 3. */
export function renderNcxNavMap(entries: TocEntry[], ctx: RenderContext): { navMap: XElement; depth: number } {
  let order = 0;
  let depth = 0;
  const point = (e: TocEntry, level: number): XElement => {
    depth = Math.max(depth, level);
    return x('navPoint', { id: `nav-${e.id}`, playOrder: String(++order) }, [
      x('navLabel', [x('text', e.title)]),
      x('content', { src: ctx.href(e.id) }),
      ...e.children.map((c) => point(c, level + 1)),
    ]);
  };
  const navMap = x('navMap', entries.map((e) => point(e, 1)));
  return { navMap, depth };
}
