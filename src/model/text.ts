import type { Block, Book, Inline, Paragraph } from './book.js';

/** The words of a paragraph as a reader sees them, with （…） around stage directions and insertions. */
export const inlineText = (content: Inline[]): string =>
  content.map((i) => (i.type === 'text' ? i.value : `（${i.value}）`)).join('');

export const blockParagraphs = (b: Block): Paragraph[] =>
  b.type === 'turn' || b.type === 'note' ? b.paragraphs : b.type === 'paragraph' ? [b.paragraph] : [];

/** Every paragraph of the book in reading order, with the part it is in. */
export function allParagraphs(book: Book): { partId: string; block: Block; paragraph: Paragraph }[] {
  return book.parts.flatMap((part) =>
    part.blocks.flatMap((block) => blockParagraphs(block).map((paragraph) => ({ partId: part.id, block, paragraph }))),
  );
}
