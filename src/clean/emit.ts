import { stringify } from 'yaml';
import type { FrontMatter } from '../model/schema.js';
import type { WorkPara } from './paragraphs.js';

/** Escape what Markdown would read as markup, so the text comes back as written. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`)
    .replace(/^([#>+-]|\d+[.)])/, (m) => `\\${m}`);
}

const noteTag = { gap: 'GAP', truncated: 'TRUNCATED' } as const;

/** Cleaned paragraphs → the manuscript: YAML front matter, then Markdown. */
export function emitManuscript(front: FrontMatter, paras: WorkPara[], speakerName: (id: string) => string): string {
  const out: string[] = ['---', stringify(front, { lineWidth: 0 }).trimEnd(), '---', ''];
  for (const p of paras) {
    if (p.opensPart) out.push(`# ${escapeMarkdown(p.opensPart.title)} {#${p.opensPart.id}}`, '');
    if (p.kind === 'heading') out.push(`## ${escapeMarkdown(p.text)} {#${p.id}}`, '');
    else if (p.kind === 'note') out.push(`> [!${noteTag[p.noteKind ?? 'gap']}]`, `> ${escapeMarkdown(p.text)}`, '');
    // 〔…〕 marks a speaker the editor supplied: the source gives this paragraph no label.
    else if (p.speaker !== undefined) out.push(`〔${speakerName(p.speaker)}〕：${escapeMarkdown(p.text)}`, '');
    else out.push(escapeMarkdown(p.text), '');
  }
  return out.join('\n');
}
