import type { Book } from '../model/book.js';
import type { Edition } from '../model/edition.js';
import { renderCoverSvg } from '../render/cover.js';
import { strings } from '../render/i18n.js';
import { renderSvgPng } from './resvg.js';

// Drawing loads the edition's full faces (about half a second): the cover
// writer and the EPUB's cover are one drawing, made once a build (keyed by
// the SVG and the fonts, so a changed book is drawn again).
const drawn = new Map<string, Buffer>();

/** The cover as a PNG, drawn from the same fonts as the book, without a browser. */
export function renderCoverPng(book: Book, edition: Edition): Buffer {
  const svg = renderCoverSvg(book, strings[edition.labels], edition.fonts.families);
  const key = JSON.stringify([svg, edition.locale, edition.fonts]);
  let png = drawn.get(key);
  if (!png) {
    png = renderSvgPng(svg, edition);
    // A few covers at most (a build's editions), not every book a long-running process has seen.
    if (drawn.size >= 8) drawn.delete(drawn.keys().next().value!);
    drawn.set(key, png);
  }
  return png;
}
