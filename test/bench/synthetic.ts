// A long book for the bench: the real book with the conversation part's
// blocks repeated `times` times, every copy with fresh ids (paragraphs,
// turns, section headings), so links, the contents and the running heads
// work as in a real long book. The timeline keeps pointing at the first copy.
import type { Block, Book, Paragraph } from '../../src/model/book.js';
import { allParagraphs, inlineText } from '../../src/model/text.js';

const fresh = (id: string, k: number) => `${id}-r${k}`;
const para = (p: Paragraph, k: number): Paragraph => ({ ...p, id: fresh(p.id, k) });

function copyBlock(b: Block, k: number): Block {
  switch (b.type) {
    case 'paragraph':
      return { ...b, paragraph: para(b.paragraph, k) };
    case 'heading':
      return { ...b, id: fresh(b.id, k), text: `${b.text}（${k}）` };
    case 'turn':
    case 'note':
      return { ...b, id: fresh(b.id, k), paragraphs: b.paragraphs.map((p) => para(p, k)) };
  }
}

export function repeatConversation(book: Book, times: number): Book {
  return {
    ...book,
    parts: book.parts.map((part) =>
      part.kind !== 'conversation'
        ? part
        : { ...part, blocks: [...part.blocks, ...Array.from({ length: times - 1 }, (_, i) => part.blocks.map((b) => copyBlock(b, i + 2))).flat()] },
    ),
  };
}

const textLength = (book: Book, part?: string) =>
  allParagraphs(book)
    .filter((p) => part === undefined || p.partId === part)
    .reduce((n, p) => n + inlineText(p.paragraph.content).length, 0);

/** The book made `factor` times as long (in text) by repeating its conversation. */
export function lengthenBook(book: Book, factor: number): { book: Book; copies: number } {
  const conversation = book.parts.find((p) => p.kind === 'conversation');
  if (!conversation || factor <= 1) return { book, copies: 1 };
  const copies = Math.round(1 + ((factor - 1) * textLength(book)) / textLength(book, conversation.id));
  return { book: repeatConversation(book, copies), copies };
}
