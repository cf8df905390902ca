// Cleaned paragraphs → the manuscript. Text goes through mdast-util-to-markdown,
// the writer that matches the reader's remark-parse, so whatever a paragraph
// says (「2024.7.29」, 「&amp;」, 「~~~」, 「*」, 「<b>」, a backslash) reads back
// exactly as it was. Only the manuscript's own syntax is written here: the
// front matter, `{#id}` after headings and the `[!GAP]` tag of a note.
import type { Heading, Paragraph, Root } from 'mdast';
import { toMarkdown, type Options } from 'mdast-util-to-markdown';
import { stringify } from 'yaml';
import type { FrontMatter } from '../model/schema.js';
import type { WorkPara } from './paragraphs.js';

const noteTag = { gap: 'GAP', truncated: 'TRUNCATED' } as const;

const paragraph = (value: string): Paragraph => ({ type: 'paragraph', children: [{ type: 'text', value }] });

/**
 * A paragraph that opens like a label but goes on with the previous speaker:
 * its first colon is written `&#xFF1A;`, which the reader never takes for a
 * label's colon (model/turn-label.ts).
 */
const escapeFirstColon: Options = { unsafe: [{ character: '：', atBreak: true, before: '[^\\r\\n：:]*' }, { character: ':', atBreak: true, before: '[^\\r\\n：:]*' }] };

const write = (node: Root['children'][number], options: Options = {}): string => toMarkdown({ type: 'root', children: [node] }, options).trimEnd();

/** Phrasing text as Markdown, for the line of a heading or a note. */
const inline = (value: string): string => write(paragraph(value));

export interface Emitted {
  manuscript: string;
  /** Line in the manuscript where each paragraph (or heading) starts, and where the part it opens has its heading. */
  lineOf: Map<WorkPara, number>;
  partLineOf: Map<WorkPara, number>;
}

/** Cleaned paragraphs → the manuscript: YAML front matter, then Markdown. */
export function emitManuscript(front: FrontMatter, paras: WorkPara[], speakerName: (id: string) => string): Emitted {
  const blocks: string[] = ['---\n' + stringify(front, { lineWidth: 0 }).trimEnd() + '\n---'];
  const lineOf = new Map<WorkPara, number>();
  const partLineOf = new Map<WorkPara, number>();
  let line = blocks[0]!.split('\n').length + 2;
  const push = (block: string) => {
    blocks.push(block);
    const at = line;
    line += block.split('\n').length + 1;
    return at;
  };
  for (const p of paras) {
    if (p.opensPart) partLineOf.set(p, push(write(heading(1, p.opensPart.title, p.opensPart.id))));
    if (p.kind === 'heading') lineOf.set(p, push(write(heading(2, p.text, p.id!))));
    else if (p.kind === 'note') lineOf.set(p, push(`> [!${noteTag[p.noteKind ?? 'gap']}]\n> ${inline(p.text)}`));
    // 〔…〕 marks a speaker the editor supplied: the source gives this paragraph no label.
    else if (p.speaker !== undefined) lineOf.set(p, push(write(paragraph(`〔${speakerName(p.speaker)}〕：${p.text}`))));
    else lineOf.set(p, push(write(paragraph(p.text), p.continues ? escapeFirstColon : {})));
  }
  return { manuscript: blocks.join('\n\n') + '\n', lineOf, partLineOf };
}

const heading = (depth: 1 | 2, title: string, id: string): Heading => ({ type: 'heading', depth, children: [{ type: 'text', value: `${title} {#${id}}` }] });
