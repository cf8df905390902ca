// A raw scrape → a first draft of its decisions.yaml, for `transcript-press
// new`: the speakers the text seems to have (label candidates, by how often
// they open a paragraph), the credit it carries (來源：…), a title guess,
// the script, and where the conversation seems to begin. Everything guessed
// is said to be a guess, and every value only the editor can give is a
// `TODO` that `new` lists. Pure: text in, YAML text and findings out.
import * as OpenCC from 'opencc-js';
import { stringify } from 'yaml';
import type { Locale } from '../model/book.js';
import { isRealDate } from '../model/schema.js';
import { labelCandidate } from '../model/turn-label.js';
import { finished } from './joins.js';
import { splitParagraphs, type Paragraphing, type WorkPara } from './paragraphs.js';

const creditAtStart = /^(來源|来源|出處|出处|Source)\s*[：:]\s*/u;
/** Where a credit's name most often ends when it is glued to the sentence that follows. */
const creditEnd = /[，。、\s]|作為|作为|報導|报道|記者|记者|消息|指出|表示/u;

const todoMark = 'TODO: ';
export const todo = (what: string) => `${todoMark}${what}`;

/** The first value of a parsed decisions file still left as a TODO of the draft: its path, and the value. */
export function findTodo(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: string } | undefined {
  if (typeof value === 'string') return value.startsWith(todoMark) ? { path, value } : undefined;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findTodo(v, [...path, i]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = findTodo(v, [...path, k]);
      if (found) return found;
    }
  }
  return undefined;
}

export interface Draft {
  yaml: string;
  /**
   * The same YAML, line for line, as the cleaner can take it before the
   * editor has answered: a TODO date stood in for (a TODO text is text).
   * For `new`'s trial of the cleaner; never written.
   */
  trialYaml: string;
  paragraphs: Paragraphing;
  language: Locale;
  speakers: { name: string; count: number }[];
  /** Label-like openings seen only once: probably not speakers, but worth a look. */
  rareLabels: { name: string; line: number }[];
  credit: string | undefined;
  title: string | undefined;
  /** Values left for the editor, as paths into decisions.yaml. */
  todos: string[];
}

function detectLanguage(text: string): Locale {
  const sample = text.slice(0, 20_000);
  const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' })(sample);
  let changed = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] !== toSimplified[i]) changed++;
  // A Simplified text has (almost) nothing for t→cn to change.
  return changed > sample.length * 0.005 ? 'zh-Hant' : 'zh-Hans';
}

const first = (s: string, n: number) => [...s].slice(0, n).join('');

/** The first date the text gives (2024年7月29日, 2024-07-29, 2024/7/29), if it is a day that exists. */
function firstDate(source: string): { iso: string; found: string } | undefined {
  const dates = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/gu;
  for (const m of source.matchAll(dates)) {
    const [y, mo, d] = (m[1] ? [m[1], m[2]!, m[3]!] : [m[4]!, m[5]!, m[6]!]) as [string, string, string];
    const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
    if (isRealDate(iso)) return { iso, found: m[0] };
  }
  return undefined;
}

/**
 * How a scrape marks its paragraphs. Lines that follow one another without
 * a blank line are one paragraph, wrapped, in a scrape that separates its
 * paragraphs by blank lines: they end anywhere in a sentence. A page copied
 * with one paragraph a line and no blank lines has lines that follow one
 * another and mostly end a sentence; read the other way, it would be one
 * paragraph from end to end.
 */
export function detectParagraphing(source: string): Paragraphing {
  const lines = source.split('\n').map((l) => l.trim());
  let together = 0;
  let ended = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i] === '' || lines[i + 1] === '') continue;
    together++;
    if (finished.test(lines[i]!)) ended++;
  }
  return together >= 2 && ended * 2 >= together ? 'lines' : 'blank-lines';
}

/**
 * A quote that names the paragraph, long enough to be unique among the
 * paragraphs: its opening, or for a paragraph that opens with a credit its
 * end (the credit is cut off before the decisions are applied, and where it
 * ends is the editor's call).
 */
function quoteOf(p: WorkPara, all: WorkPara[]): string {
  const chars = [...p.text];
  const fromEnd = creditAtStart.test(p.text);
  for (let n = 8; n < chars.length; n += 4) {
    const q = (fromEnd ? chars.slice(-n) : chars.slice(0, n)).join('');
    if (all.filter((o) => o.text.includes(q)).length === 1) return q;
  }
  return p.text;
}

export function draftDecisions(source: string, bookId: string): Draft {
  const paragraphs = detectParagraphing(source);
  const paras = splitParagraphs(source, paragraphs);
  const language = detectLanguage(source);
  // A news page opens with its headline: the first short paragraph that is no credit.
  const titlePara = paras.find((p) => !creditAtStart.test(p.text) && [...p.text].length <= 80);
  const counts = new Map<string, { count: number; line: number }>();
  for (const p of paras) {
    // A title such as 「某某對談：副題」 and a credit look like labels and are neither.
    if (p === titlePara || creditAtStart.test(p.text)) continue;
    // The reader's own rule (model/turn-label.ts): a name of any length, with spaces or Latin letters, then 「：」 and speech.
    const name = labelCandidate(p.text);
    if (name === undefined) continue;
    const c = counts.get(name) ?? { count: 0, line: p.lines[0]! };
    c.count++;
    counts.set(name, c);
  }
  const ranked = [...counts].sort((a, b) => b[1].count - a[1].count || a[1].line - b[1].line);
  const speakers = ranked.filter(([, c]) => c.count >= 2).map(([name, c]) => ({ name, count: c.count }));
  const rareLabels = ranked.filter(([, c]) => c.count < 2).map(([name, c]) => ({ name, line: c.line }));

  let credit: string | undefined;
  for (const p of paras) {
    const m = creditAtStart.exec(p.text);
    if (!m) continue;
    const rest = p.text.slice(m[0].length);
    const end = creditEnd.exec(rest);
    credit = first(end ? rest.slice(0, end.index) : rest, 12) || undefined;
    break;
  }

  const firstTurn = paras.findIndex((p) => speakers.some((s) => p.text.startsWith(`${s.name}：`)));
  const afterTitle = titlePara ? paras.indexOf(titlePara) + 1 : 0;
  // A credit alone on its line (「來源：某報」) is taken out before the decisions are read: the text opens after it.
  const creditOnly = (p: WorkPara) => credit !== undefined && p.text.replace(creditAtStart, '') === credit;
  const opening = paras.findIndex((p, i) => i >= afterTitle && !creditOnly(p));
  const intro = opening >= 0 && firstTurn > opening ? paras[opening] : undefined;
  const date = firstDate(source);
  const hant = language === 'zh-Hant';

  const todos: string[] = [];
  const need = (path: string, what: string) => {
    todos.push(path);
    return todo(what);
  };
  const doc = {
    meta: {
      id: bookId,
      language,
      event: {
        name: need('meta.event.name', hant ? '活動名稱' : '活动名称'),
        date: date?.iso ?? '1970-01-01',
        place: need('meta.event.place', hant ? '地點' : '地点'),
      },
      publisher: need('meta.publisher', hant ? '出版者' : '出版者'),
      rights: need('meta.rights', hant ? '版權聲明' : '版权声明'),
      // The edition's publication date: the colophon's 初版, and the build date while the book is not in git.
      published: need('meta.published', '出版日期 YYYY-MM-DD'),
    },
    speakers: speakers.length
      ? speakers.map((s, i) => ({ id: `speaker-${i + 1}`, name: s.name, aliases: [] as string[] }))
      : [{ id: 'speaker-1', name: need('speakers[0].name', hant ? '發言者' : '发言者'), aliases: [] as string[] }],
    credits: credit ? [{ name: credit, role: hant ? '來源' : '来源' }] : [],
    stageDirections: [hant ? '笑' : '笑'],
    paragraphs,
    title: { quote: titlePara ? quoteOf(titlePara, paras) : need('title.quote', hant ? '書名段落的引文' : '书名段落的引文') },
    parts: [
      ...(intro ? [{ id: 'introduction', start: quoteOf(intro, paras), title: hant ? '導言' : '导言' }] : []),
      ...(firstTurn >= 0
        ? [{ id: 'conversation', start: quoteOf(paras[firstTurn]!, paras), title: hant ? '對談' : '对谈' }]
        : [{ id: 'text', start: opening >= 0 ? quoteOf(paras[opening]!, paras) : need('parts[0].start', hant ? '正文第一段的引文' : '正文第一段的引文'), title: hant ? '正文' : '正文' }]),
    ],
  };
  if (!date) todos.push('meta.event.date');

  const body = stringify(doc, { lineWidth: 0 });
  // The one TODO the cleaner refuses by its form: a date (any stands in, on the same line).
  const trialBody = stringify({ ...doc, meta: { ...doc.meta, published: '1970-01-01' } }, { lineWidth: 0 });
  const comment = (lines: string[]) => lines.map((l) => `# ${l}`.trimEnd()).join('\n');
  const header = comment([
    'Editorial decisions for this book, drafted by `transcript-press new`.',
    'Everything here is a guess from the scrape until you have checked it; replace every TODO.',
    '',
    `speakers: paragraphs opening with a label, by frequency: ${speakers.map((s) => `${s.name} (${s.count}×)`).join(', ') || 'none found'}.`,
    '  Add the other names each speaker goes by under `aliases`, and a `role`.',
    ...(rareLabels.length ? [`  Seen once, probably not speakers: ${rareLabels.map((r) => `${r.name} (line ${r.line})`).join(', ')}.`] : []),
    `credits: ${credit ? `guessed 「${credit}」 from 「來源：…」; check where the name ends.` : 'no 「來源：」 line found.'}`,
    `title: ${titlePara ? `guessed from line ${titlePara.lines[0]}.` : 'not found.'}`,
    `paragraphs: ${paragraphs === 'lines' ? 'one on each line (`lines`): the scrape has no blank lines between them, and its lines mostly end a sentence.' : 'separated by blank lines (`blank-lines`); lines with none between them are one paragraph.'}`,
    `meta.event.date: ${date ? `the first date in the text (${date.found}); check it is the event's.` : 'no date in the text: 1970-01-01 stands in; replace it.'}`,
    'parts: where each part begins (quote its first paragraph). Also possible, see',
    'src/content/siggraph-2024/decisions.yaml: moves, headings, gaps, artefacts, sic.',
  ]);
  return { yaml: `${header}\n\n${body}`, trialYaml: `${header}\n\n${trialBody}`, paragraphs, language, speakers, rareLabels, credit, title: titlePara?.text, todos };
}
