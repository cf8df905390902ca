import type { Nodes } from 'hast';
import { toHtml } from 'hast-util-to-html';

/** hast → XHTML-compatible markup (void elements self-closed), which also loads as HTML. */
export const toXhtml = (tree: Nodes): string => toHtml(tree, { closeSelfClosing: true, tightSelfClosing: false });
