// The cover as image files of their own, for whatever shows a book before it
// is opened: the download page, the OPDS feeds, Open Graph. The full size
// (drawn by renderCoverPngs, as in the EPUB) and a thumbnail.
import type { Book } from '../model/book.js';
import type { Edition } from '../model/edition.js';
import { coverSize } from '../render/cover.js';
import { renderCoverPngs, thumbnailWidth } from './cover-png.js';
import type { OutputFile } from './writer.js';

export const thumbnailSize = { width: thumbnailWidth, height: Math.round((thumbnailWidth * coverSize.height) / coverSize.width) };

export const coverFileNames = (bookId: string, edition: Edition) => ({
  cover: `covers/${bookId}.${edition.id}.png`,
  thumbnail: `covers/${bookId}.${edition.id}.thumb.png`,
});

export async function renderCoverFiles(book: Book, edition: Edition): Promise<OutputFile[]> {
  const names = coverFileNames(book.meta.id, edition);
  const { cover, thumbnail } = await renderCoverPngs(book, edition);
  return [
    { name: names.cover, data: cover },
    { name: names.thumbnail, data: thumbnail },
  ];
}
