// Book blocks → hast. One function per kind of node, as in mdast-util-to-hast;
// text enters the tree as text nodes, so it is escaped by construction.
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Block, BookMeta, Inline, Paragraph } from '../model/book.js';
import { editAnchor, eventAnchor, type Child, type RenderContext } from './context.js';
import { speakerLabelId } from '../model/ids.js';

export function renderInline(i: Inline, ctx: RenderContext): ElementContent {
  switch (i.type) {
    case 'text':
      return { type: 'text', value: i.value };
    case 'stage':
      return h('span.stage', { title: ctx.t.stageDirection }, `（${i.value}）`);
    case 'insertion':
      return h('span.insertion', { title: ctx.t.insertion }, `（${i.value}）`);
    case 'sic':
      // The passage as the source has it, then the editor's mark, which leads to the note that says why.
      return h('span.sic', [i.value, h('a.sic-mark', { href: ctx.href(editAnchor(i.edit)), role: 'doc-noteref' }, `〔${ctx.t.mark.sic}〕`)]);
  }
}

/** Links from a paragraph back to the timeline events that cite it: 「時間線 16、27」. */
function backLinks(p: Paragraph, ctx: RenderContext): Child[] {
  const events = ctx.citedBy.get(p.id) ?? [];
  if (events.length === 0) return [];
  const links = events.flatMap((e, i) => [i === 0 ? '' : '、', h('a', { href: ctx.href(eventAnchor(e.id)), role: 'doc-backlink', ariaLabel: ctx.t.toEvent(e.order) }, String(e.order))]);
  return [h('span.tl-backref', [`${ctx.t.timelineShort} `, ...links])];
}

export function renderParagraph(p: Paragraph, ctx: RenderContext, lead: Child[] = [], className?: string): Element {
  return h('p', { id: p.id, className }, [...lead, ...p.content.map((i) => renderInline(i, ctx)), ...backLinks(p, ctx)]);
}

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
      // The name is real text, so it survives a reader's own fonts and CSS;
      // role=group + aria-labelledby lets a screen reader say who speaks.
      const label: Child[] = b.attributed
        ? [h('b', { className: ['speaker', 'attributed'], id: labelId, title: ctx.t.attributed }, `〔${name}〕`), h('span.colon', '：')]
        : [h('b.speaker', { id: labelId }, name), h('span.colon', '：')];
      return h(
        'div',
        { id: b.id, className: ['turn', `s${ctx.speakerIndex.get(b.speaker) ?? 0}`, `speaker-${b.speaker}`], role: 'group', ariaLabelledBy: labelId },
        b.paragraphs.map((p, i) => renderParagraph(p, ctx, i === 0 ? label : [], i === 0 ? 'first' : undefined)),
      );
    }
    case 'note': {
      const label = b.kind === 'gap' ? ctx.t.gapLabel : b.kind === 'truncated' ? ctx.t.truncatedLabel : ctx.t.noteLabel;
      return h(
        'div',
        { id: b.id, className: ['editor-note', `note-${b.kind}`], role: 'note' },
        b.paragraphs.map((p, i) => renderParagraph(p, ctx, i === 0 ? [h('b.note-label', label), ' '] : [])),
      );
    }
  }
}
