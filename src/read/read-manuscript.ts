// Manuscript (Markdown + YAML front matter) → Book, with unified and
// remark-parse. Pure: the caller supplies the text and the file name used in
// messages.
import type { Blockquote, Heading, Paragraph as MdParagraph, Root, RootContent, Yaml } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Block, BookMeta, Inline, NoteKind, Paragraph, Part } from '../model/book.js';
import { frontMatterSchema } from '../model/schema.js';
import { inputError } from '../errors.js';
import { parseYaml } from '../io/yaml.js';
import { checkCharacters, checkMarkdown, checkSpeakers } from './check-manuscript.js';
import { remarkHeadingIds } from './remark-heading-ids.js';
import { firstColonIsLiteral, readOpening, type Opening } from '../model/turn-label.js';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkHeadingIds);

const noteTag = /^\[!(GAP|TRUNCATED|NOTE)\]\s*/;

export interface ReadResult {
  meta: BookMeta;
  parts: Part[];
}

export function readManuscript(text: string, file: string): ReadResult {
  if (text.trim() === '') {
    throw inputError('the manuscript is empty.', 'write YAML front matter and at least one `# Part` heading (see README, "Manuscript format").', { file, line: 1 });
  }
  checkCharacters(text, file);
  const tree = processor.runSync(processor.parse(text)) as Root;
  checkMarkdown(tree, text, file);
  const [first, ...body] = tree.children;
  if (first?.type !== 'yaml') {
    throw inputError('the manuscript has no front matter.', 'start the file with `---`, the YAML fields, and `---` (see README).', { file, line: 1 });
  }
  const meta = readFrontMatter(first, file);
  return { meta, parts: readParts(body, meta, file, text) };
}

function readFrontMatter(node: Yaml, file: string): BookMeta {
  const startLine = (node.position?.start.line ?? 1) + 1;
  const { value, lineOf } = parseYaml(node.value, frontMatterSchema, file, startLine);
  checkSpeakers(value, lineOf, file);
  return value;
}

function readParts(nodes: RootContent[], meta: BookMeta, file: string, source: string): Part[] {
  const speakerOf = new Map(meta.speakers.flatMap((s) => [s.name, ...s.aliases].map((n) => [n, s.id] as const)));
  const names = [...speakerOf.keys()];
  // How a paragraph opens, read from its text; a colon the manuscript wrote
  // escaped (`&#xFF1A;`) makes it plain text on purpose (see model/turn-label.ts).
  const openingOf = (node: MdParagraph): Opening => {
    const { start, end } = node.position ?? {};
    const markdown = start?.offset !== undefined && end?.offset !== undefined ? source.slice(start.offset, end.offset) : '';
    return readOpening(toString(node).trim(), names, firstColonIsLiteral(markdown));
  };
  const parts: Part[] = [];
  // First pass: group the nodes under their part headings.
  const groups: { heading: Heading; nodes: RootContent[] }[] = [];
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth === 1) groups.push({ heading: node, nodes: [] });
    else if (node.type === 'html' && /^<!--[\s\S]*-->$/.test(node.value.trim())) continue;
    else if (groups.length === 0) {
      throw inputError('text before the first part heading.', 'put a `# Title {#id}` heading above it.', { file, line: line(node) });
    } else groups[groups.length - 1]!.nodes.push(node);
  }
  if (groups.length === 0) {
    throw inputError('the manuscript has no part heading.', 'add at least one `# Title {#id}` heading after the front matter.', { file, line: 1 });
  }
  // Compared without case: a part's id is also a file name, and file names that differ only in case collide.
  const seenIds = new Set<string>();
  const claimId = (id: string, at: number) => {
    if (seenIds.has(id.toLowerCase())) throw inputError(`the id 「${id}」 is used twice.`, 'give each heading its own `{#id}`.', { file, line: at });
    seenIds.add(id.toLowerCase());
    return id;
  };
  groups.forEach((g, gi) => {
    const partId = claimId(headingId(g.heading) ?? `part-${gi + 1}`, line(g.heading));
    // A part where any paragraph opens with a speaker's name and a colon is a
    // conversation (even if that label is malformed: a conversation written
    // with half-width colons must not turn silently into prose). Only there is
    // a label-like opening an error: prose may well say 「他說：…」.
    const openings = new Map(g.nodes.flatMap((n) => (n.type === 'paragraph' ? [[n, openingOf(n)] as const] : [])));
    const isConversation = [...openings.values()].some((o) => o.kind === 'turn' || (o.kind === 'bad-label' && o.known));
    const blocks: Block[] = [];
    let pn = 0;
    let tn = 0;
    let nn = 0;
    let current: Extract<Block, { type: 'turn' }> | undefined;
    const para = (content: Inline[], at: number): Paragraph => ({ id: `${partId}-p${++pn}`, content, line: at });
    for (const node of g.nodes) {
      const at = line(node);
      if (node.type === 'heading') {
        current = undefined;
        blocks.push({ type: 'heading', id: claimId(headingId(node) ?? `${partId}-h${blocks.length + 1}`, at), text: toString(node).trim(), line: at });
      } else if (node.type === 'paragraph') {
        const text = toString(node).trim();
        const opening = isConversation ? openings.get(node)! : ({ kind: 'text' } as const);
        if (opening.kind === 'bad-label') throw inputError(opening.message, opening.fix, { file, line: at });
        if (opening.kind === 'turn') {
          const speaker = speakerOf.get(opening.name)!;
          current = { type: 'turn', id: `${partId}-t${++tn}`, speaker, paragraphs: [], ...(opening.attributed ? { attributed: true as const } : {}) };
          blocks.push(current);
          current.paragraphs.push(para(splitInline(opening.speech, meta.stageDirections), at));
        } else if (current) {
          current.paragraphs.push(para(splitInline(text, meta.stageDirections), at));
        } else {
          blocks.push({ type: 'paragraph', paragraph: para([{ type: 'text', value: text }], at) });
        }
      } else if (node.type === 'blockquote') {
        current = undefined;
        blocks.push(readNote(node, `${partId}-n${++nn}`, para, file));
      } else {
        throw inputError(
          `unsupported Markdown (${node.type}) in the manuscript.`,
          'write speech as paragraphs, sections as `##` headings and notes as `> [!NOTE]` blockquotes (see README).',
          { file, line: at },
        );
      }
    }
    parts.push({ id: partId, title: toString(g.heading).trim(), line: line(g.heading), kind: isConversation ? 'conversation' : 'prose', blocks });
  });
  return parts;
}

function readNote(node: Blockquote, id: string, para: (c: Inline[], at: number) => Paragraph, file: string): Block {
  const paras = node.children.filter((c): c is MdParagraph => c.type === 'paragraph');
  const firstText = paras[0] ? toString(paras[0]) : '';
  const m = noteTag.exec(firstText);
  if (!m || paras.length !== node.children.length) {
    throw inputError(
      'a blockquote that is not an editor\'s note.',
      'start it with `> [!GAP]`, `> [!TRUNCATED]` or `> [!NOTE]` on its own line, followed by the note\'s text.',
      { file, line: line(node) },
    );
  }
  const kind = m[1]!.toLowerCase() as NoteKind;
  const texts = paras.map((p, i) => (i === 0 ? toString(p).slice(m[0].length) : toString(p)).trim()).filter((t) => t !== '');
  return { type: 'note', id, kind, paragraphs: texts.map((t, i) => para([{ type: 'text', value: t }], line(paras[Math.min(i, paras.length - 1)]!))) };
}

/**
 * Parenthesised text in speech: （笑） listed in `stageDirections` is what
 * happened in the room; anything else in （…） was put there by an editor.
 */
export function splitInline(text: string, stageDirections: string[]): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(/（([^（）]+)）/gu)) {
    if (m.index > last) out.push({ type: 'text', value: text.slice(last, m.index) });
    const inner = m[1]!;
    out.push({ type: stageDirections.includes(inner) ? 'stage' : 'insertion', value: inner });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
  return out;
}

const headingId = (h: Heading): string | undefined => (h.data as { id?: string } | undefined)?.id;
const line = (n: { position?: { start: { line: number } } }): number => n.position?.start.line ?? 1;
