import type { EditKind, EditRecord } from '../model/book.js';
import type { WorkPara } from './paragraphs.js';
import { escapeRegExp } from './regexp.js';

interface Rule {
  kind: EditKind;
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

/**
 * Leftovers of an earlier Simplified→Traditional conversion that any such
 * scrape may have: a converter that maps 升→陞 or 里→裡 by character gets
 * these wrong. Each pair is an exact phrase, never a lone character (合併 and
 * 併購 are right as they are). A book adds its own in its decisions.
 */
export const conversionArtefacts: [string, string][] = [
  ['提陞', '提升'],
  ['這里', '這裡'],
  ['那里', '那裡'],
  ['哪里', '哪裡'],
];

const rulesFor = (artefacts: [string, string][]): Rule[] => [
  // Half-width brackets in Chinese text: 「(生成式 AI)」 → 「（生成式 AI）」. A
  // full-width bracket carries its own space, so spaces around it go too.
  { kind: 'brackets', pattern: / ?\(([^()\n]*)\) ?/g, replace: (_m, inner) => `（${inner}）` },
  // Three or more dots typed for an ellipsis: 「所以...」 → 「所以……」.
  { kind: 'ellipsis', pattern: /(?<!\.)\.{3,}(?!\.)|。{3,}/g, replace: () => '……' },
  ...[...conversionArtefacts, ...artefacts].map(
    ([from, to]): Rule => ({ kind: 'artefact', pattern: new RegExp(escapeRegExp(from), 'g'), replace: () => to }),
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
  artefacts: [string, string][] = [],
): { paras: WorkPara[]; edits: EditRecord[] } {
  const rules = rulesFor(artefacts);
  const edits: EditRecord[] = [];
  const out = paras.map((p) => {
    if (p.kind === 'note' || !han.test(p.text)) return p;
    let text = p.text;
    for (const rule of rules) {
      text = text.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
        const groups = rest.filter((g): g is string => typeof g === 'string');
        const to = rule.replace(match, ...groups);
        const onLine = p.lines.filter((l) => sourceLines[l - 1]?.includes(match));
        edits.push({ kind: rule.kind, lines: onLine.length ? onLine : p.lines, from: match, to });
        return to;
      });
    }
    return text === p.text ? p : { ...p, text };
  });
  return { paras: out, edits };
}
