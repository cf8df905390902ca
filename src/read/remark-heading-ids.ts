import type { Heading, Root, Text } from 'mdast';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * `# 導言 {#introduction}` → a heading with `data.id = 'introduction'` and the
 * `{#…}` removed from its text (the Pandoc/kramdown attribute syntax, kept to
 * ids only). Chinese headings give no usable slug, so ids are written by hand.
 */
export const remarkHeadingIds: Plugin<[], Root> = () => (tree) => {
  visit(tree, 'heading', (node: Heading) => {
    const last = node.children[node.children.length - 1];
    if (last?.type !== 'text') return;
    const m = /\s*\{#([A-Za-z][\w-]*)\}\s*$/.exec(last.value);
    if (!m) return;
    (last as Text).value = last.value.slice(0, m.index);
    node.data = { ...node.data, id: m[1] } as Heading['data'];
  });
};
