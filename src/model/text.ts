import type { Block, Book, BookMeta, Inline, Paragraph } from './book.js';

/** One line on the book, for EPUB dc:description, the PDF's Subject and the print page's meta. */
export const bookDescription = (m: BookMeta): string => [m.subtitle, `${m.event.name}，${m.event.place}`].filter(Boolean).join('。');

/** Subjects (EPUB) and keywords (PDF): the event and the speakers. */
export const bookKeywords = (m: BookMeta): string[] => [m.event.name, ...m.speakers.map((s) => s.name)];

/** The words of a paragraph as a reader sees them, with （…） around stage directions and insertions. */
export const inlineText = (content: Inline[]): string =>
  content.map((i) => (i.type === 'text' || i.type === 'sic' ? i.value : `（${i.value}）`)).join('');

export const blockParagraphs = (b: Block): Paragraph[] =>
  b.type === 'turn' || b.type === 'note' ? b.paragraphs : b.type === 'paragraph' ? [b.paragraph] : [];

/** Every paragraph of the book in reading order, with the part it is in. */
export function allParagraphs(book: Book): { partId: string; block: Block; paragraph: Paragraph }[] {
  return book.parts.flatMap((part) =>
    part.blocks.flatMap((block) => blockParagraphs(block).map((paragraph) => ({ partId: part.id, block, paragraph }))),
  );
}
