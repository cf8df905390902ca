import type { Nodes } from 'hast';

/** All text in a hast tree (for font subsetting and text checks). */
export function textOf(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map((c) => textOf(c as Nodes)).join('');
  return '';
}
