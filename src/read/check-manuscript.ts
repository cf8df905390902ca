// What the reader refuses before it builds a book, each with the line and a
// fix: input that would otherwise build a wrong book without a word (markup
// flattened to plain text, a heading id that replaces a chapter, one
// speaker's words under another's name) or a broken one (a control character
// in an EPUB, an empty heading).
import type { Heading, Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { inputError, type Place } from '../errors.js';
import { describeCodePoint, findForbiddenCharacter } from '../model/characters.js';
import { reservedIdReason } from '../model/ids.js';
import type { FrontMatter } from '../model/schema.js';
import { headingIdRule, type HeadingIdData } from './remark-heading-ids.js';

/** The raw manuscript: no character that cannot be printed (and that XML forbids). */
export function checkCharacters(text: string, file: string): void {
  const found = findForbiddenCharacter(text);
  if (!found) return;
  const before = text.slice(0, found.index);
  const line = before.split('\n').length;
  const column = found.index - before.lastIndexOf('\n');
  throw inputError(
    `${describeCodePoint(found.codePoint)} in the text.`,
    'delete it: it cannot be printed, and an EPUB with it does not open (an editor that shows invisible characters finds it).',
    { file, line, column },
  );
}

/** Two speakers with one id, or one name for two speakers, would put one's words under the other's name. */
export function checkSpeakers(meta: FrontMatter, lineOf: (path: (string | number)[]) => number, file: string): void {
  const byId = new Map<string, number>();
  meta.speakers.forEach((s, i) => {
    const first = byId.get(s.id);
    if (first !== undefined) {
      throw inputError(
        `two speakers have the id 「${s.id}」 (${meta.speakers[first]!.name} and ${s.name}): every turn of one would be printed under the other's name.`,
        'give each speaker its own `id`.',
        { file, line: lineOf(['speakers', i, 'id']) },
      );
    }
    byId.set(s.id, i);
  });
  const owner = new Map<string, string>();
  meta.speakers.forEach((s, i) => {
    [s.name, ...s.aliases].forEach((name, j) => {
      const other = owner.get(name);
      if (other !== undefined && other !== s.id) {
        throw inputError(
          `the name 「${name}」 is given to two speakers, ${other} and ${s.id}.`,
          "remove it from one of the two speakers' `aliases`.",
          { file, line: lineOf(j === 0 ? ['speakers', i, 'name'] : ['speakers', i, 'aliases', j - 1]) },
        );
      }
      owner.set(name, s.id);
    });
  });
}

/** Inline Markdown the book has no form for: each would be printed as bare text, its markup silently lost. */
const flattened: Partial<Record<Nodes['type'], { what: string; fix: string }>> = {
  emphasis: { what: 'Markdown emphasis (*…* or _…_)', fix: 'remove the asterisks or underscores; write \\* or \\_ if they are meant as characters' },
  strong: { what: 'Markdown strong emphasis (**…** or __…__)', fix: 'remove the asterisks or underscores; write \\* or \\_ if they are meant as characters' },
  link: { what: 'a Markdown link ([text](address) or <address>)', fix: 'write the text alone (and the address in the text, if the reader needs it); write \\[ or \\< if the brackets are meant as characters' },
  linkReference: { what: 'a Markdown reference link ([text][label])', fix: 'write the text alone; write \\[ if the brackets are meant as characters' },
  image: { what: 'a Markdown image (![alt](file))', fix: 'remove it, or describe the picture in a `> [!NOTE]`' },
  imageReference: { what: 'a Markdown image (![alt][label])', fix: 'remove it, or describe the picture in a `> [!NOTE]`' },
  inlineCode: { what: 'Markdown code (`…`)', fix: 'remove the backticks; write \\` if they are meant as characters' },
  break: { what: 'a hard line break (two spaces or a backslash at the end of a line)', fix: 'remove it; leave an empty line to start a new paragraph' },
};

/** The parsed manuscript: no markup that would be flattened, and headings a book can use. */
export function checkMarkdown(tree: Root, text: string, file: string): void {
  const at = (node: Nodes): Place => ({ file, line: node.position?.start.line ?? 1, column: node.position?.start.column });
  const lines = text.split('\n');
  visit(tree, (node) => {
    if (node.type === 'blockquote') checkNoteLines(node, lines, file);
    const kind = flattened[node.type];
    if (kind) throw inputError(`${kind.what}: the book would print it as plain text, without its formatting.`, `${kind.fix}.`, at(node));
    if (node.type === 'heading') checkHeading(node, at(node));
    if (node.type === 'paragraph') checkParagraph(text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0), at(node));
    // The reader skips a block that is a comment; anything else in the block would vanish with it.
    if (node.type === 'html' && node.value.trimStart().startsWith('<!--') && !/^<!--(?:(?!-->)[\s\S])*-->$/.test(node.value.trim())) {
      throw inputError('text beside an HTML comment on its line: the comment block would be skipped with the text.', 'put the comment on lines of its own, or delete it.', at(node));
    }
  });
}

/**
 * Markdown continues a note's paragraph on a following line without `>`
 * ("lazy continuation"): a turn typed right under a note would become part
 * of the note, silently. Every line of a note starts with `>`.
 */
function checkNoteLines(node: Nodes, lines: string[], file: string): void {
  const first = node.position?.start.line ?? 1;
  const last = node.position?.end.line ?? first;
  for (let n = first; n <= last; n++) {
    if (!/^ {0,3}>/.test(lines[n - 1] ?? '')) {
      throw inputError(
        'a line right after a `>` note, without `>`: Markdown reads it as part of the note.',
        'leave an empty line between the note and this line, or start it with `>` if it belongs to the note.',
        { file, line: n },
      );
    }
  }
}

/**
 * A heading typed without the space after its `#` is a paragraph: it would
 * print, `{#id}` and all, inside the turn above. (`\\#` at the start is text
 * on purpose, and is how the cleaner writes it.)
 */
function checkParagraph(source: string, place: Place): void {
  if (/^#{1,6}[^#\s]/.test(source)) {
    throw inputError(
      'a paragraph that starts with `#` and no space: a heading typed without its space would be printed as text, in the turn above it.',
      'put a space after the `#` to make it a heading, or write \\# to keep the `#` as text.',
      place,
    );
  }
}

function checkHeading(node: Heading, place: Place): void {
  const data = node.data as HeadingIdData | undefined;
  if (data?.idError !== undefined) {
    throw inputError(
      `the heading id 「{#${data.idError}}」 is not an id (${headingIdRule}).`,
      'write it like `{#my-questions}`, with no spaces.',
      place,
    );
  }
  // An ATX heading is one line; a line underlined with --- or === (setext) is two.
  if ((node.position?.end.line ?? 0) > (node.position?.start.line ?? 0)) {
    throw inputError(
      'a heading made by underlining a line with --- or ===: easily made by accident (a turn above a line of dashes becomes a heading).',
      'write a heading as `## Title {#id}`; to keep the line as text, leave an empty line before the dashes, or delete them.',
      place,
    );
  }
  const text = toString(node);
  const stray = /\{#[^}]*\}/.exec(text);
  if (stray) {
    throw inputError(`「${stray[0]}」 inside the heading: an id goes at its end.`, 'move `{#id}` to the end of the heading line.', place);
  }
  if (text.trim() === '') {
    throw inputError('a heading with no title.', 'write its title after the `#` (and its `{#id}` last), or delete the line.', place);
  }
  if (node.depth > 2) {
    throw inputError(
      `a level-${node.depth} heading: a book has parts (#) and sections (##) only.`,
      'use `##` for a section, `#` for a part.',
      place,
    );
  }
  const reserved = data?.id !== undefined ? reservedIdReason(data.id) : undefined;
  if (reserved !== undefined) {
    throw inputError(
      `the heading id 「${data!.id}」 is the builder's own: ${reserved}.`,
      'choose another id for this heading (for example with a word of its title in it).',
      place,
    );
  }
}
