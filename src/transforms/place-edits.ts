// Edits → where they stand in the book. Each record of edits.json names the
// manuscript line of the paragraph, heading or part it changed; here that
// becomes an element id, so the editorial notes can link to (and, in print,
// give the page of) every change. A passage left as the source has it
// (原文如此) is marked in the text itself, where the reader meets it.
import type { Block, Book, EditRecord, Inline, Paragraph } from '../model/book.js';
import { inputError } from '../errors.js';
import { blockParagraphs } from '../model/text.js';

export function placeEdits(book: Book, file: string): Book {
  const idAt = new Map<number, string>();
  for (const part of book.parts) {
    idAt.set(part.line, part.id);
    for (const b of part.blocks) {
      if (b.type === 'heading') idAt.set(b.line, b.id);
      for (const p of blockParagraphs(b)) idAt.set(p.line, p.id);
    }
  }
  const edits: EditRecord[] = book.edits.map((e, i) => {
    if (e.at === undefined) return e;
    const place = idAt.get(e.at);
    if (place === undefined) {
      throw inputError(
        `edit ${i + 1} (${e.kind}) points at manuscript line ${e.at}, where no paragraph, heading or part starts.`,
        'run `npm run clean` to write edits.json and manuscript.md again, together.',
        { file },
      );
    }
    return { ...e, place };
  });

  let parts = book.parts;
  edits.forEach((e, i) => {
    if (e.kind !== 'sic' || e.from === undefined) return;
    const phrase = e.from;
    let found = 0;
    const mark = (p: Paragraph): Paragraph => {
      if (e.place !== undefined && p.id !== e.place) return p;
      const before = found;
      const content = p.content.flatMap((inl): Inline[] => {
        if (inl.type !== 'text' || !inl.value.includes(phrase)) return [inl];
        found += 1;
        const at = inl.value.indexOf(phrase);
        const head = inl.value.slice(0, at);
        const tail = inl.value.slice(at + phrase.length);
        return [
          ...(head ? [{ type: 'text' as const, value: head }] : []),
          { type: 'sic' as const, value: phrase, edit: i },
          ...(tail ? [{ type: 'text' as const, value: tail }] : []),
        ];
      });
      return found > before ? { ...p, content } : p;
    };
    parts = parts.map((part) => ({ ...part, blocks: part.blocks.map((b) => markBlock(b, mark)) }));
    if (found !== 1) {
      throw inputError(
        `the passage 「${phrase}」 marked 原文如此 (edit ${i + 1}) is found ${found} times in the text.`,
        'run `npm run clean` again, and quote the passage in decisions.yaml so that it matches one place.',
        { file },
      );
    }
  });
  return { ...book, parts, edits };
}

function markBlock(b: Block, mark: (p: Paragraph) => Paragraph): Block {
  switch (b.type) {
    case 'turn':
      return { ...b, paragraphs: b.paragraphs.map(mark) };
    case 'paragraph':
      return { ...b, paragraph: mark(b.paragraph) };
    default:
      return b;
  }
}
