// The editorial notes: complete (every character that differs between an
// edition's text and the source is accounted for) and readable (cited by
// quotation, with where it stands in the book; nothing reads as speech).
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../src/load-book.js';
import type { Book, Locale } from '../src/model/book.js';
import { allParagraphs, inlineText } from '../src/model/text.js';
import { renderChapters } from '../src/render/chapters.js';
import { makeContext } from '../src/render/context.js';
import { strings } from '../src/render/i18n.js';
import { textOf } from '../src/render/text-of.js';
import { convertBook } from '../src/transforms/convert-script.js';
import { edition } from './helpers/editions.js';
import { bookDir } from './helpers/paths.js';

const book = await loadBook(bookDir);

/** The edition's text, string by string: title, part titles, headings and every paragraph but the editor's notes. */
const textStrings = (b: Book): string[] => [
  b.meta.title,
  ...b.parts.flatMap((p) => [p.title, ...p.blocks.flatMap((x) => (x.type === 'heading' ? [x.text] : []))]),
  ...allParagraphs(b).filter((p) => p.block.type !== 'note').map((p) => inlineText(p.paragraph.content)),
];

function notesOf(b: Book, target: 'epub' | 'print' = 'epub') {
  const chapter = renderChapters(b, makeContext(b, target, { edition: edition(b.meta.language), buildDate: '2024-07-30', identifier: 'urn:uuid:x', format: 'EPUB' }, () => 7)).find((c) => c.id === 'editorial-notes')!;
  return { html: toHtml(chapter.body), text: textOf(chapter.body) };
}

describe.each(['zh-Hant', 'zh-Hans'] as Locale[])('the %s notes account for every character the conversion changed', (locale) => {
  const converted = convertBook(book, edition(locale));
  const t = strings[locale];
  // An independent count: the manuscript's text and the edition's, character by character.
  const counted = new Map<string, number>();
  const before = textStrings(book);
  const after = textStrings(converted);
  before.forEach((a, i) => {
    const b = after[i]!;
    expect([...b].length, `${a.slice(0, 10)}: same length`).toBe([...a].length);
    [...a].forEach((c, k) => {
      const d = [...b][k]!;
      if (c !== d) counted.set(`${c}→${d}`, (counted.get(`${c}→${d}`) ?? 0) + 1);
    });
  });
  const total = [...counted.values()].reduce((n, x) => n + x, 0);
  const { text } = notesOf(converted);

  it('the record holds the same changes as the count', () => {
    const recorded = new Map<string, number>();
    for (const c of converted.conversion!.changes) recorded.set(`${c.from}→${c.to}`, (recorded.get(`${c.from}→${c.to}`) ?? 0) + c.count);
    expect(recorded).toEqual(counted);
  });
  it('the notes state the total, and list every pair (or, for a long list, every pair but the common script forms, with their number)', () => {
    expect(total).toBeGreaterThan(0);
    expect(text).toContain(locale === "zh-Hant" ? `共改動 ${total} 字，涉及 ${counted.size} 種` : `共改动 ${total} 字，涉及 ${counted.size} 种`);
    const listsAll = counted.size <= 40;
    for (const c of converted.conversion!.changes) {
      const pair = t.conversionPair(c.from, c.to, c.count);
      if (listsAll || c.step !== 'script') expect(text, pair).toContain(pair);
    }
    for (const step of ['script', 'dictionary', 'quotes'] as const) {
      const n = converted.conversion!.changes.filter((c) => c.step === step).reduce((s, c) => s + c.count, 0);
      if (n) expect(text).toContain(t.count(t.conversionStep[step], n));
    }
  });
  it('says whether the wording of the text was converted', () => {
    expect(text).toContain(t.phrasesNote(converted.conversion!.phrases));
  });
});

describe('the zh-Hant conversion, as the fidelity issue counted it', () => {
  it('爲→為, 裏→裡, 着→著 and the quotation marks, with their numbers', () => {
    const r = convertBook(book, edition('zh-Hant')).conversion!;
    const n = (from: string) => r.changes.find((c) => c.from === from)?.count;
    expect([n('爲'), n('裏'), n('着'), n('“'), n('”')]).toEqual([30, 11, 7, 6, 6]);
  });
});

describe('the notes read as notes', () => {
  const { html, text } = notesOf(convertBook(book, edition('zh-Hant')));
  const entries = [...html.matchAll(/<li id="edit-\d+"[^>]*>(.*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));

  it('cite by quotation and by place in this book, never by line numbers of a source the reader does not have', () => {
    expect(text).not.toMatch(/第 \d+(–\d+)? 行/);
    const placed = entries.filter((e) => e.includes(`（${strings['zh-Hant'].seeInText}）`));
    // Every change but the book's own title stands somewhere in the text.
    expect(placed.length).toBe(entries.length - 1);
    const print = notesOf(convertBook(book, edition('zh-Hant')), 'print').text;
    expect(print).toContain('（第 7 頁）');
  });
  it('no entry opens like a speaker\'s label', () => {
    for (const e of entries) expect(e.replace(/^\S+　/, '')).not.toMatch(/^(黃仁勳|扎克伯格)：/);
    expect(entries.find((e) => e.startsWith('發言者歸屬'))).toMatch(/^發言者歸屬　「我們正在研發的未來原型……」一段，標為〔扎克伯格〕：/);
  });
  it('quote joins by whole clauses', () => {
    for (const e of entries.filter((x) => x.startsWith('接合斷句'))) expect(e).not.toMatch(/[A-Za-z]……/);
    expect(text).toContain('「……推薦系統用到的也是」＋「Transformer 架構。……」');
  });
  it('say what was done with the title, and label the source\'s own parentheses as its own', () => {
    expect(entries[0]).toMatch(/^書名　「黃仁勳、小扎巔峰對談.*」：原網頁的標題，移出正文，用作本書書名。$/);
    expect(strings['zh-Hant'].insertion).toBe('原文夾注');
    expect(text).not.toContain('編者補充');
  });
  it('flag the whole doubtful phrase, and mark it in the text where it stands', () => {
    const sic = book.edits.find((e) => e.kind === 'sic' && e.from?.includes('麒麟話'))!;
    expect(sic.from).toBe('麒麟話怒斥開源供貨商的傲慢');
    expect(sic.why).toMatch(/開源供貨商/);
    const marked = allParagraphs(book).flatMap((p) => p.paragraph.content.filter((i) => i.type === 'sic'));
    expect(marked.map((i) => i.value).sort()).toEqual(book.edits.filter((e) => e.kind === 'sic').map((e) => e.from).sort());
  });
});
