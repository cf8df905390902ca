import { createHash } from 'node:crypto';

/**
 * A stable UUID (name-based, in the style of RFC 4122 version 5) for one
 * edition of one book: the same book and edition always get the same id, so
 * readers keep their place and annotations across rebuilds.
 */
export function editionIdentifier(bookId: string, edition: string): string {
  const hex = createHash('sha1').update(`transcript-press:${bookId}:${edition}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
