// Who speaks: every name or alias opens a turn, and a paragraph that opens
// like a label but is not a valid one is refused with its line, in the reader
// and in the cleaner alike, never added silently to the previous turn.
import { describe, expect, it } from 'vitest';
import { BookError } from '../src/errors.js';
import { cleanSource } from '../src/clean/clean-source.js';
import { parseYaml } from '../src/io/yaml.js';
import { decisionsSchema } from '../src/model/schema.js';
import { labelCandidate, readOpening } from '../src/model/turn-label.js';
import { readManuscript } from '../src/read/read-manuscript.js';
import { inlineText } from '../src/model/text.js';

const front = `---
id: t
title: 書
language: zh-Hant
event: { name: 會, date: "2024-05-01", place: 某地 }
publisher: 出版
rights: 權利
speakers:
  - { id: host, name: 店主, aliases: [Jensen Huang, 老闆 2 號] }
  - { id: mark, name: Mark Zuckerberg, aliases: [扎克伯格, R2D2] }
stageDirections: [笑]
---
`;
const book = (body: string) => readManuscript(`${front}\n# 序 {#intro}\n\n他說：這是散文，不是對談。\n\n# 對談 {#talk}\n\n${body}\n`, 'm.md');
const turns = (body: string) =>
  book(body).parts[1]!.blocks.flatMap((b) => (b.type === 'turn' ? [[b.speaker, b.paragraphs.map((p) => inlineText(p.content)).join('|')]] : []));

function refusal(body: string): { line: number | undefined; text: string } {
  try {
    book(body);
  } catch (e) {
    if (!(e instanceof BookError)) throw e;
    return { line: e.place?.line, text: e.format() };
  }
  throw new Error('expected the manuscript to be refused');
}
const lineOf = (body: string, start: string) => `${front}\n# 序 {#intro}\n\n他說：這是散文，不是對談。\n\n# 對談 {#talk}\n\n${body}\n`.split("\n").findLastIndex((l) => l.startsWith(start)) + 1;

describe('every name and alias opens a turn', () => {
  it('names with spaces, Latin letters and digits', () => {
    expect(turns('店主：歡迎。\n\nMark Zuckerberg：謝謝。\n\nJensen Huang：請坐。\n\nR2D2：好。\n\n老闆 2 號：還有我。')).toEqual([
      ['host', '歡迎。'],
      ['mark', '謝謝。'],
      ['host', '請坐。'],
      ['mark', '好。'],
      ['host', '還有我。'],
    ]);
  });
  it('the alias-with-a-space case of the fidelity issue: 「Mark Zuckerberg：」 after another speaker is his turn, not the previous one', () => {
    expect(turns('店主：你好。\n\nMark Zuckerberg：是的，當然。')).toEqual([
      ['host', '你好。'],
      ['mark', '是的，當然。'],
    ]);
  });
  it('an editor-supplied label in 〔〕, and a space after the colon', () => {
    const talk = book('店主：你好。\n\n〔扎克伯格〕：  我們正在研發。').parts[1]!.blocks;
    expect(talk[1]).toMatchObject({ type: 'turn', speaker: 'mark', attributed: true });
    expect(turns('店主：你好。\n\n〔扎克伯格〕：  我們正在研發。')[1]).toEqual(['mark', '我們正在研發。']);
  });
  it('a paragraph without a label continues the turn, even with a colon after a comma', () => {
    expect(turns('店主：你好。\n\n比如說，有三條狗：金毛、貴賓和伯尼山犬。\n\n網址 https://example.com 與 10:30 都不是標籤。')).toEqual([
      ['host', '你好。|比如說，有三條狗：金毛、貴賓和伯尼山犬。|網址 https://example.com 與 10:30 都不是標籤。'],
    ]);
  });
  it('a colon the manuscript writes escaped (&#xFF1A;) makes a label-like paragraph a continuation on purpose', () => {
    expect(turns('店主：你好。\n\n結論&#xFF1A;我們都同意。\n\nNote\\: 也是。')).toEqual([['host', '你好。|結論：我們都同意。|Note: 也是。']]);
  });
  it('prose may say 「他說：」', () => {
    expect(book('店主：你好。').parts[0]!.kind).toBe('prose');
  });
});

describe('a label-like opening that is not a valid label is refused, with its line', () => {
  const cases: [string, string, RegExp][] = [
    ['unknown name', '店長：歡迎。', /「店長：」 opens the paragraph like a turn label, but 「店長」 is not a speaker or an alias\. Fix: use one of 「店主」/],
    ['half-width colon (issue 14)', '店主:歡迎。', /「店主:」 ends in a half-width colon\. Fix: write 「店主：」/],
    ['half-width colon and a space', 'Mark Zuckerberg: Thanks.', /half-width colon/],
    ['only a label (issue 14)', '店主：', /only the label 「店主：」, with no speech/],
    ['a label longer than the old 12-character limit (issue 14)', '主持人兼本店總編輯王大明先生：歡迎。', /「主持人兼本店總編輯王大明先生」 is not a speaker/],
    ['a space before the colon', '店主 ：歡迎。', /a space before its colon/],
    ['unpaired 〔', '〔店主：歡迎。', /unpaired 〔 or 〕/],
  ];
  it.each(cases)('%s', (_name, paragraph, message) => {
    const body = `店主：你好。\n\n${paragraph}`;
    const r = refusal(body);
    expect(r.text).toMatch(message);
    expect(r.text).toMatch(/^m\.md:\d+: .* Fix: /);
    expect(r.text.split('\n')).toHaveLength(1);
    expect(r.line).toBe(lineOf(body, paragraph));
  });
  it('a conversation written entirely with half-width colons is refused, not read as prose', () => {
    expect(refusal('店主:你好。\n\nMark Zuckerberg:謝謝。').text).toMatch(/half-width colon/);
  });
});

describe('the rule itself', () => {
  const names = ['店主', 'Mark Zuckerberg'];
  it('classifies openings', () => {
    expect(readOpening('店主：好', names)).toEqual({ kind: 'turn', name: '店主', attributed: false, speech: '好' });
    expect(readOpening('我認爲，這是：', names).kind).toBe('text');
    expect(readOpening('「引文」：', names).kind).toBe('text');
    expect(readOpening('：開頭', names).kind).toBe('text');
    expect(readOpening('3:1', names).kind).toBe('text');
    expect(readOpening('結論：好', names)).toMatchObject({ kind: 'bad-label', known: false, name: '結論' });
    expect(readOpening('結論：好', names, false).kind).toBe('text');
  });
  it('drafts speakers for a new book by the same rule', () => {
    expect(labelCandidate('Mark Zuckerberg：Hi')).toBe('Mark Zuckerberg');
    expect(labelCandidate('主持人兼本店總編輯王大明先生：歡迎。')).toBe('主持人兼本店總編輯王大明先生');
    for (const no of ['我認爲，這是：好', '店主:好', '店主：', '〔店主〕：好', 'https://x.y']) expect(labelCandidate(no), no).toBeUndefined();
  });
});

describe('the cleaner applies the same rule, at the source line', () => {
  const decisionsYaml = `meta:
  id: t
  language: zh-Hant
  event: { name: 會, date: "2024-05-01", place: 某地 }
  publisher: 出版
  rights: 權利
speakers:
  - { id: host, name: 店主 }
  - { id: mark, name: Mark Zuckerberg }
title: { quote: 座談紀錄 }
parts:
  - { id: talk, title: 座談, start: 店主：歡迎 }
`;
  const clean = (source: string, extra = '') => {
    const { value, lineOf } = parseYaml(decisionsYaml + extra, decisionsSchema, 'd.yaml');
    return cleanSource(source, value, { file: 'd.yaml', lineOf, sourceFile: 's.txt' });
  };
  it('refuses an unknown label in a conversation, naming the source line and the decisions that fix it', () => {
    try {
      clean('座談紀錄\n\n店主：歡迎大家。\n\n結論：我們都同意。\n');
      expect.unreachable();
    } catch (e) {
      expect((e as BookError).format()).toMatch(/^s\.txt:5: 「結論：」 opens the paragraph like a turn label.*Fix: add 「結論」 to a speaker's `aliases`.*`continuations:`/);
    }
  });
  it('does not join a label-like paragraph onto a cut sentence', () => {
    expect(() => clean('座談紀錄\n\n店主：歡迎大家，我們\n\n店長：今天開始\n')).toThrow(/「店長：」 opens the paragraph/);
  });
  it('writes a declared continuation with an escaped colon, which the reader keeps in the turn', () => {
    const r = clean('座談紀錄\n\n店主：歡迎大家。\n\n結論：我們都同意。\n', 'continuations:\n  - { quote: 結論：我們都同意, why: 店主接著說。 }\n');
    expect(r.manuscript).toContain('結論&#xFF1A;我們都同意。');
    const talk = readManuscript(r.manuscript, 'm.md').parts[0]!.blocks;
    expect(talk).toHaveLength(1);
    expect(talk[0]).toMatchObject({ type: 'turn', speaker: 'host' });
  });
  it('gives 「Mark Zuckerberg：」 its own turn', () => {
    const r = clean('座談紀錄\n\n店主：歡迎大家。\n\nMark Zuckerberg：謝謝。\n');
    const talk = readManuscript(r.manuscript, 'm.md').parts[0]!.blocks;
    expect(talk.map((b) => b.type === 'turn' && b.speaker)).toEqual(['host', 'mark']);
  });
});
