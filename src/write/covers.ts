// The cover as image files of their own, for whatever shows a book before it
// is opened: the download page, the OPDS feeds, Open Graph. The full size
// (drawn by renderCoverPng, as in the EPUB) and a thumbnail scaled from it.
import { Resvg } from '@resvg/resvg-js';
import type { Book } from '../model/book.js';
import type { Edition } from '../model/edition.js';
import { coverSize } from '../render/cover.js';
import { renderCoverPng } from './cover-png.js';
import type { OutputFile } from './writer.js';

export const thumbnailSize = { width: 400, height: Math.round((400 * coverSize.height) / coverSize.width) };

export const coverFileNames = (bookId: string, edition: Edition) => ({
  cover: `covers/${bookId}.${edition.id}.png`,
  thumbnail: `covers/${bookId}.${edition.id}.thumb.png`,
});

/**
 * The thumbnail is the full cover scaled down, not drawn again: drawing
 * loads the full fonts (about half a second), scaling an image loads none.
 */
function scalePng(png: Buffer, width: number): Buffer {
  const { width: w, height: h } = coverSize;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"><image width="${w}" height="${h}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
  return new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: false } }).render().asPng();
}

export function renderCoverFiles(book: Book, edition: Edition): OutputFile[] {
  const names = coverFileNames(book.meta.id, edition);
  const cover = renderCoverPng(book, edition);
  return [
    { name: names.cover, data: cover },
    { name: names.thumbnail, data: scalePng(cover, thumbnailSize.width) },
  ];
}
