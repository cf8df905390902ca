import type { Nodes } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toXast } from 'hast-util-to-xast';
import type { Nodes as XNodes, Parents as XParents, RootContent as XContent } from 'xast';
import { toXml, type Raw } from 'xast-util-to-xml';

/**
 * xast-util-to-xml escapes `&` and `<` in text, but not the `>` of `]]>`,
 * which XML forbids in content: a manuscript saying 「]]>」 made the cover SVG
 * and the chapter unreadable. Each such `>` becomes `&gt;` here.
 */
function escapeCdataEnds(node: XNodes): void {
  if (!('children' in node)) return;
  const parent = node as XParents;
  parent.children = parent.children.flatMap((child): (XContent | Raw)[] => {
    escapeCdataEnds(child);
    if (child.type !== 'text' || !child.value.includes(']]>')) return [child];
    const pieces = child.value.split(']]>');
    return pieces.flatMap((piece, i) =>
      i === pieces.length - 1 ? [{ type: 'text', value: piece }] : [{ type: 'text', value: `${piece}]]` }, { type: 'raw', value: '&gt;' }],
    );
  }) as XContent[];
}

/** hast → XML, with every character XML reserves escaped wherever it is. */
function toXmlMarkup(tree: Nodes, space: 'html' | 'svg'): string {
  const xast = toXast(tree, { space });
  escapeCdataEnds(xast);
  // The only raw nodes are the `&gt;` above: hast trees here never carry raw markup.
  return toXml(xast, { closeEmptyElements: true, tightClose: false, allowDangerousXml: true });
}

/**
 * hast → XHTML for the EPUB's documents, through the XML serializer: an HTML
 * serializer leaves `<` raw inside attribute values (legal in HTML, fatal in
 * XML), so a title such as 「AI <-> 人」 in the cover's alt text broke
 * cover.xhtml.
 */
export const toXhtml = (tree: Nodes): string => toXmlMarkup(tree, 'html');

/** hast (an `<svg>`) → SVG as XML, which resvg parses strictly; it also reads as SVG inside HTML. */
export const toSvg = (tree: Nodes): string => toXmlMarkup(tree, 'svg');

/** hast → HTML for the print page, which Chromium parses as HTML (where `<span />` would not close). */
export const toHtmlMarkup = (tree: Nodes): string => toHtml(tree, { closeSelfClosing: true, tightSelfClosing: false });
