import type { EditKind, EditRecord } from '../model/book.js';
import type { WorkPara } from './paragraphs.js';
import { escapeRegExp } from './regexp.js';

interface Rule {
  kind: EditKind;
  /** The editor's reason, for a book's own artefact. */
  why?: string;
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

/**
 * Leftovers of an earlier Simplified→Traditional conversion that any such
 * scrape may have: a converter that maps 升→陞 or 里→裡 by character gets
 * these wrong. Each pair is an exact phrase, never a lone character (合併 and
 * 併購 are right as they are). A book adds its own in its decisions.
 *
 * 裏 and 裡 are the same word in two standards (OpenCC's and Taiwan's); the
 * repair writes the one the source itself uses, so one text never mixes them.
 */
export const conversionArtefacts = (li: '裏' | '裡' = '裡'): [string, string][] => [
  ['提陞', '提升'],
  ['這里', `這${li}`],
  ['那里', `那${li}`],
  ['哪里', `哪${li}`],
];

/** 裏 or 裡: whichever the source writes more often (裡 if neither). */
export const sourceLi = (source: string): '裏' | '裡' => (source.split('裏').length > source.split('裡').length ? '裏' : '裡');

/** A book's own artefact: the phrase, its repair, and why. */
export interface Artefact {
  from: string;
  to: string;
  why?: string;
}

const rulesFor = (artefacts: Artefact[], li: '裏' | '裡'): Rule[] => [
  // Half-width brackets in Chinese text: 「(生成式 AI)」 → 「（生成式 AI）」. A
  // full-width bracket carries its own space, so spaces around it go too.
  { kind: 'brackets', pattern: / ?\(([^()\n]*)\) ?/g, replace: (_m, inner) => `（${inner}）` },
  // Three or more dots typed for an ellipsis: 「所以...」 → 「所以……」.
  { kind: 'ellipsis', pattern: /(?<!\.)\.{3,}(?!\.)|。{3,}/g, replace: () => '……' },
  ...[...conversionArtefacts(li).map(([from, to]): Artefact => ({ from, to })), ...artefacts].map(
    ({ from, to, why }): Rule => ({ kind: 'artefact', pattern: new RegExp(escapeRegExp(from), 'g'), replace: () => to, ...(why ? { why } : {}) }),
  ),
];

const han = /\p{Script=Han}/u;

/**
 * Apply every rule to Chinese text, recording each replacement with its exact
 * text and the source line it stands on (a rejoined paragraph spans several).
 */
export function repairTypography(
  paras: WorkPara[],
  sourceLines: string[],
  artefacts: Artefact[] = [],
  li: '裏' | '裡' = sourceLi(sourceLines.join('\n')),
): { paras: WorkPara[]; edits: EditRecord[] } {
  const rules = rulesFor(artefacts, li);
  const edits: EditRecord[] = [];
  const out = paras.map((p) => {
    if (p.kind === 'note' || !han.test(p.text)) return p;
    let text = p.text;
    for (const rule of rules) {
      text = text.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
        const groups = rest.filter((g): g is string => typeof g === 'string');
        const to = rule.replace(match, ...groups);
        const onLine = p.lines.filter((l) => sourceLines[l - 1]?.includes(match));
        edits.push({ kind: rule.kind, lines: onLine.length ? onLine : p.lines, from: match, to, ...(rule.why ? { why: rule.why } : {}) });
        return to;
      });
    }
    return text === p.text ? p : { ...p, text };
  });
  return { paras: out, edits };
}
