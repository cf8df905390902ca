import type { Heading, Root, Text } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

/** What a hand-written heading id may be: it is also an element id, a CSS name and (for a part) a file name. */
export const headingIdSyntax = /^[A-Za-z][\w-]*$/;
export const headingIdRule = 'a letter, then letters, digits, hyphens or underscores';

export interface HeadingIdData {
  id?: string;
  /** The text of a `{#…}` that is not a usable id; the reader refuses it (read/check-manuscript.ts). */
  idError?: string;
}

/**
 * `# 導言 {#introduction}` → a heading with `data.id = 'introduction'` and the
 * `{#…}` removed from its text (the Pandoc/kramdown attribute syntax, kept to
 * ids only). Chinese headings give no usable slug, so ids are written by hand.
 * A `{#…}` that is not an id (`{#my questions}`) is recorded, not left in the
 * heading's text.
 */
export const remarkHeadingIds: Plugin<[], Root> = () => (tree) => {
  visit(tree, 'heading', (node: Heading) => {
    const last = node.children[node.children.length - 1];
    if (last?.type !== 'text') return;
    const m = /\s*\{#([^{}]*)\}\s*$/.exec(last.value);
    if (!m) return;
    (last as Text).value = last.value.slice(0, m.index);
    const data: HeadingIdData = headingIdSyntax.test(m[1]!) ? { id: m[1] } : { idError: m[1] };
    node.data = { ...node.data, ...data } as Heading['data'];
  });
};
