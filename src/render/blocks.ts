// Book blocks → hast. One function per kind of node, as in mdast-util-to-hast;
// text enters the tree as text nodes, so it is escaped by construction.
//
// How a conversation is set follows published Chinese interview books
// (對談錄): the speaker's name run in at text size, in bold sans (黑體), with
// a full-width colon; nothing else marks it. The host's questions are set in
// Kai (楷體), the guest's answers in the text face; the name itself tells the
// speakers apart wherever a reader's own fonts and colours replace ours.
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Block, Book, BookMeta, Inline, Paragraph } from '../model/book.js';
import { inlineText } from '../model/text.js';
import { editAnchor, eventAnchor, type Child, type RenderContext } from './context.js';
import { speakerLabelId } from '../model/ids.js';
import { keepUnits } from './nobreak.js';

export function renderInline(i: Inline, ctx: RenderContext): Child[] {
  switch (i.type) {
    case 'text':
      return keepUnits(i.value);
    // Both stay as the source prints them, in their （）, set like the text:
    // marks under or beside Chinese characters mean names, titles or
    // emphasis, so neither is underlined or greyed. The 凡例 says what they are.
    case 'stage':
      return [h('span.stage', `（${i.value}）`)];
    case 'insertion':
      return [h('span.insertion', `（${i.value}）`)];
    case 'sic':
      // The passage as the source has it, then the editor's mark, which leads to the note that says why.
      return [h('span.sic', [...keepUnits(i.value), h('a.sic-mark', { href: ctx.href(editAnchor(i.edit)), role: 'doc-noteref' }, `〔${ctx.t.mark.sic}〕`)])];
  }
}

/**
 * Links from a paragraph back to the timeline events that cite it, as small
 * superscript event numbers (「¹⁶ ²⁷」): they point the way the timeline's
 * own 「第 N 頁」 points back, without a box that cannot break or a word
 * that crowds the line.
 */
function backLinks(p: Paragraph, ctx: RenderContext): Element | undefined {
  const events = ctx.citedBy.get(p.id) ?? [];
  if (events.length === 0) return undefined;
  const links = events.map((e) => h('a.tl-ref', { href: ctx.href(eventAnchor(e.id)), role: 'doc-backlink', ariaLabel: ctx.t.toEvent(e.order) }, String(e.order)));
  return h('sup.tl-backref', links.flatMap((a, i) => (i === 0 ? [a] : [h('span.tl-sep', ','), a])));
}

/**
 * The last character of the paragraph and the superscript after it, in one
 * no-wrap span: a reference never starts a line of its own.
 */
function attachAtEnd(children: Child[], sup: Element): Child[] {
  const last = children.at(-1);
  if (typeof last === 'string' && last.length > 0) {
    const chars = [...last];
    const tail = chars.pop()!;
    return [...children.slice(0, -1), ...(chars.length ? [chars.join('')] : []), h('span.nobr', [tail, sup])];
  }
  if (last !== undefined) return [...children.slice(0, -1), h('span.nobr', [last, sup])];
  return [sup];
}

export function renderParagraph(p: Paragraph, ctx: RenderContext, lead: Child[] = [], className?: string): Element {
  const text = p.content.flatMap((i) => renderInline(i, ctx));
  const sup = backLinks(p, ctx);
  return h('p', { id: p.id, className }, [...lead, ...(sup ? attachAtEnd(text, sup) : text)]);
}

/** The speaker order's role: the first speaker listed is the host (the interviewer), the others guests. */
export const speakerRole = (index: number): 'host' | 'guest' => (index === 1 ? 'host' : 'guest');

export function renderBlock(b: Block, meta: BookMeta, ctx: RenderContext): Element {
  switch (b.type) {
    case 'paragraph':
      return renderParagraph(b.paragraph, ctx);
    case 'heading':
      return h('h2', { id: b.id }, b.text);
    case 'turn': {
      const speaker = meta.speakers.find((s) => s.id === b.speaker);
      const name = speaker?.name ?? b.speaker;
      const labelId = speakerLabelId(b.id);
      const index = ctx.speakerIndex.get(b.speaker) ?? 0;
      // The name is real text, so it survives a reader's own fonts and CSS;
      // role=group + aria-labelledby lets a screen reader say who speaks. An
      // editor-supplied name keeps its 〔〕 and nothing more (see the 凡例).
      const label = h('b.speaker', { id: labelId }, b.attributed ? `〔${name}〕：` : `${name}：`);
      return h(
        'div',
        { id: b.id, className: ['turn', speakerRole(index), `s${index}`, `speaker-${b.speaker}`], role: 'group', ariaLabelledBy: labelId },
        b.paragraphs.map((p, i) => renderParagraph(p, ctx, i === 0 ? [label] : [], i === 0 ? 'first' : undefined)),
      );
    }
    case 'note': {
      const label = b.kind === 'gap' ? ctx.t.gapLabel : b.kind === 'truncated' ? ctx.t.truncatedLabel : ctx.t.noteLabel;
      // The editor's own note: its label in the editor's 〔〕, a frame drawn as a border (never a fill).
      return h(
        'div',
        { id: b.id, className: ['editor-note', `note-${b.kind}`], role: 'note' },
        b.paragraphs.map((p, i) => renderParagraph(p, ctx, i === 0 ? [h('b.note-label', `〔${label}〕`)] : [])),
      );
    }
  }
}

/** Every character the Kai face sets (the ideographs of the host's turns: see styles/base.css), so that its subset holds only those. */
export function kaiText(book: Book): string {
  const host = book.meta.speakers[0]?.id;
  const text = book.parts
    .flatMap((p) => p.blocks)
    .flatMap((b) => (b.type === 'turn' && b.speaker === host ? b.paragraphs.map((p) => inlineText(p.content)) : []))
    .join('');
  // And the space: WebKit takes as a paragraph's face only one that has it, and would set the host's ideographs in the serif.
  return [' ', ...new Set(text.match(/\p{Script=Han}/gu) ?? [])].join('');
}
