import type { Book } from '../model/book.js';
import type { Edition } from '../model/edition.js';
import { renderCoverSvg } from '../render/cover.js';
import { strings } from '../render/i18n.js';
import { fontsForSvg, renderSvgPng, withFontFiles } from './resvg.js';

export interface CoverPngs {
  /** At the SVG's own size (1200 × 1800): the EPUB's cover and the cover file. */
  cover: Buffer;
  /** `thumbnailWidth` pixels wide: the download page's and the feeds' thumbnail. */
  thumbnail: Buffer;
}

export const thumbnailWidth = 400;

// The cover writer and the EPUB's cover are one drawing, made once a build
// (keyed by the SVG and the fonts, so a changed book is drawn again); the
// thumbnail is drawn at its size with the same fonts, not scaled from the PNG.
const drawn = new Map<string, Promise<CoverPngs>>();

/** The cover as PNGs, drawn from the same fonts as the book (subset to the cover's text), without a browser. */
export function renderCoverPngs(book: Book, edition: Edition): Promise<CoverPngs> {
  const svg = renderCoverSvg(book, strings[edition.labels], edition.fonts.families);
  const key = JSON.stringify([svg, edition.locale, edition.fonts]);
  let pngs = drawn.get(key);
  if (!pngs) {
    pngs = fontsForSvg(svg, edition).then((fonts) =>
      withFontFiles(fonts, (files) => ({ cover: renderSvgPng(svg, edition, files), thumbnail: renderSvgPng(svg, edition, files, thumbnailWidth) })),
    );
    // A failed drawing is not kept: the next build draws again.
    pngs.catch(() => drawn.delete(key));
    // A few covers at most (a build's editions), not every book a long-running process has seen.
    if (drawn.size >= 8) drawn.delete(drawn.keys().next().value!);
    drawn.set(key, pngs);
  }
  return pngs;
}
