// The bad-input catalogue (README, "Bad input"): each input that would build a
// wrong or broken book is refused with one line — file:line, what was found,
// and a fix — before anything is written. Built on the hand-written fixture.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BookError } from '../src/errors.js';
import { parseYaml } from '../src/io/yaml.js';
import { timelineSchema } from '../src/model/schema.js';
import { reservedIdReason } from '../src/model/ids.js';
import { readManuscript } from '../src/read/read-manuscript.js';
import { fixture } from './helpers/paths.js';

const base = readFileSync(fixture('books/handwritten/manuscript.md'), 'utf8');

function refusal(text: string): BookError {
  try {
    readManuscript(text, 'manuscript.md');
  } catch (e) {
    if (e instanceof BookError) return e;
    throw e;
  }
  throw new Error('the manuscript was accepted');
}

/** The 1-based line of the first line containing `marker` (or equal to it, for a marker of one character). */
const lineOf = (text: string, marker: string) => text.split('\n').findIndex((l) => (marker.length === 1 ? l === marker : l.includes(marker))) + 1;

/** Refused as input (exit 65), in one line, at the line holding `marker`, matching `what`. */
function expectRefused(text: string, marker: string, what: RegExp) {
  const e = refusal(text);
  expect(e.code).toBe('input');
  expect(e.format()).not.toContain('\n');
  expect(e.format()).toMatch(/ Fix: \S/);
  expect(e.message).toMatch(what);
  expect(e.place?.file).toBe('manuscript.md');
  expect(e.place?.line, e.format()).toBe(lineOf(text, marker));
}

const replace = (from: string, to: string) => {
  expect(base).toContain(from);
  return base.replace(from, to);
};

it('the fixture itself is accepted', () => {
  expect(readManuscript(base, 'manuscript.md').parts.map((p) => p.id)).toEqual(['intro', 'talk']);
});

describe('speakers', () => {
  it('two speakers sharing an id', () => {
    const text = replace('{ id: lin, name: 林青', '{ id: host, name: 林青');
    expectRefused(text, 'name: 林青', /two speakers have the id 「host」 \(店主 and 林青\)/);
  });
  it('one name given to two speakers', () => {
    const text = replace('aliases: [小林]', 'aliases: [店主]');
    expectRefused(text, 'aliases: [店主]', /「店主」 is given to two speakers, host and lin/);
  });
  it('a speaker name with a line break (a label is one line)', () => {
    const text = replace('name: 店主,', 'name: "店\\n主",');
    expectRefused(text, 'name: "店', /speakers\.0\.name: a name on one line/);
  });
  it('a speaker name of spaces only', () => {
    const text = replace('name: 店主,', 'name: "  ",');
    expectRefused(text, 'name: "  "', /speakers\.0\.name: some text \(it is empty or only spaces\)/);
  });
});

describe('heading ids', () => {
  it.each([
    ['# 座谈 {#talk}', '# 座谈 {#toc}', /「toc」 is a chapter the builder adds/],
    ['# 座谈 {#talk}', '# 座谈 {#cover}', /「cover」 is a chapter the builder adds/],
    ['# 座谈 {#talk}', '# 座谈 {#Colophon}', /「colophon」 is a chapter the builder adds/],
    ['# 座谈 {#talk}', '# 座谈 {#titlepage}', /「titlepage」 is a chapter/],
    ['# 座谈 {#talk}', '# 座谈 {#editorial-notes}', /「editorial-notes」 is a chapter/],
    ['## 读者提问 {#questions}', '## 读者提问 {#timeline-before}', /ids starting 「timeline-」 belong to the timeline's groups/],
    ['## 读者提问 {#questions}', '## 读者提问 {#edit-3}', /edit-<n> number the editorial notes' list of changes/],
    ['## 读者提问 {#questions}', '## 读者提问 {#notes-changes}', /a heading of the editorial notes/],
    ['## 读者提问 {#questions}', '## 读者提问 {#toc-title}', /the heading of the contents/],
  ])('%s → %s: an id the builder gives its own chapters and headings', (from, to, what) => {
    expectRefused(replace(from, to), to, what);
  });
  it.each([
    ['## 读者提问 {#questions}', '## 读者提问 {#talk-p1}'],
    ['## 读者提问 {#questions}', '## 读者提问 {#talk-t12}'],
    ['## 读者提问 {#questions}', '## 读者提问 {#intro-n1}'],
    ['## 读者提问 {#questions}', '## 读者提问 {#talk-h3}'],
    ['## 读者提问 {#questions}', '## 读者提问 {#talk-t1-speaker}'],
    ['# 座谈 {#talk}', '# 座谈 {#part-2}'],
  ])('%s → %s: an id of the form the builder numbers', (from, to) => {
    expectRefused(replace(from, to), to, /the ones the builder numbers/);
  });
  it('an id of a timeline event (event-…)', () => {
    expectRefused(replace('{#questions}', '{#event-opening}'), '{#event-opening}', /belong to the timeline's events/);
  });
  it('two ids that differ only in case (they would be one file name on many systems)', () => {
    expectRefused(replace('{#questions}', '{#Intro}'), '{#Intro}', /the id 「Intro」 is used twice/);
  });
  it('a malformed id is refused, not left in the heading text', () => {
    expectRefused(replace('{#questions}', '{#my questions}'), '{#my questions}', /the heading id 「\{#my questions\}」 is not an id/);
    expectRefused(replace('{#questions}', '{#}'), '读者提问 {#}', /「\{#\}」 is not an id/);
    expectRefused(replace('{#questions}', '{#2nd}'), '{#2nd}', /「\{#2nd\}」 is not an id/);
  });
  it('an id in the middle of a heading', () => {
    expectRefused(replace('## 读者提问 {#questions}', '## 读者 {#questions} 提问'), '{#questions} 提问', /「\{#questions\}」 inside the heading/);
  });
  it('reserves every id the builder makes, and nothing a writer would choose', () => {
    for (const id of ['toc', 'TOC', 'cover', 'part-1', 'a-p1', 'a-t2-speaker', 'event-x', 'timeline-after', 'notes-names', 'notes-conversion', 'edit-12']) expect(reservedIdReason(id), id).toBeDefined();
    for (const id of ['introduction', 'conversation', 'report', 'future-of-ai-products', 'questions', 'part-two', 'day-2', 'pt1']) expect(reservedIdReason(id), id).toBeUndefined();
  });
});

describe('headings', () => {
  it('a heading that is only 「#」', () => {
    const text = replace('## 读者提问 {#questions}', '#');
    expectRefused(text, '#', /a heading with no title/);
  });
  it('a heading that is only an id', () => {
    expectRefused(replace('## 读者提问 {#questions}', '## {#questions}'), '## {#questions}', /a heading with no title/);
  });
  it('a level-3 heading (the book has parts and sections only)', () => {
    expectRefused(replace('## 读者提问', '### 读者提问'), '### 读者提问', /a level-3 heading/);
  });
  it('a heading typed without the space after its #', () => {
    expectRefused(replace('## 读者提问 {#questions}', '##读者提问 {#questions}'), '##读者提问', /starts with `#` and no space/);
  });
  it('a line underlined with --- (a setext heading: the turn above would become a heading)', () => {
    expectRefused(replace('店主：欢迎大家。林老师，先说说你的新书吧。', '店主：欢迎大家。林老师，先说说你的新书吧。\n---'), '店主：欢迎大家', /a heading made by underlining a line/);
  });
  it('a title of spaces only', () => {
    expectRefused(replace('title: 小镇书店座谈：纸本书还有未来吗', 'title: "   "'), 'title: "   "', /title: some text/);
  });
});

describe('characters that cannot be printed', () => {
  it.each([
    ['U+0001', '\u0001'],
    ['U+001B (escape)', '\u001b'],
    ['U+007F (delete)', '\u007f'],
    ['U+0085 (a C1 control)', '\u0085'],
    ['U+FFFE (a noncharacter)', '\ufffe'],
  ])('%s in the text, with its line and column', (_, ch) => {
    const text = replace('我每天早上去看渔船回港', `我每天早上${ch}去看渔船回港`);
    const e = refusal(text);
    expect(e.message).toMatch(/^the (control character|noncharacter) U\+[0-9A-F]{4} in the text\.$/);
    expect(e.place).toEqual({ file: 'manuscript.md', line: lineOf(text, '我每天早上'), column: 6 });
  });
  it('a control character written as a YAML escape in the front matter', () => {
    expectRefused(replace('publisher: 测试出版', 'publisher: "测试\\x07出版"'), 'publisher:', /the control character U\+0007 in a value/);
  });
});

describe('Markdown that would be flattened to plain text', () => {
  it.each([
    ['emphasis', '*渔船*', /Markdown emphasis/],
    // Between CJK characters `_` cannot open emphasis (CommonMark), so only this form needs refusing.
    ['emphasis with underscores', ' _渔船_ ', /Markdown emphasis/],
    ['strong emphasis', '**渔船**', /strong emphasis/],
    ['a link', '[渔船](https://example.com)', /a Markdown link/],
    ['an autolink', '<https://example.com>', /a Markdown link/],
    ['an image', '![渔船](boat.png)', /a Markdown image/],
    ['inline code', '`渔船`', /Markdown code/],
    ['a hard line break', '渔船  \n回港', /a hard line break/],
  ])('%s', (_, markup, what) => {
    const text = replace('我每天早上去看渔船回港', `我每天早上去看${markup}回港`);
    expectRefused(text, '我每天早上', what);
  });
  it('escaped markup, and markers that open nothing, are text, printed as written', () => {
    const text = replace('我每天早上去看渔船回港', '我每天早上去看\\*渔船\\*回港，snake_case_name 与 2*3');
    const talk = readManuscript(text, 'manuscript.md').parts[1]!;
    expect(JSON.stringify(talk)).toContain('我每天早上去看*渔船*回港，snake_case_name 与 2*3');
  });
});

describe('Markdown that would swallow text silently', () => {
  it('a line right after a note, without `>` (it would become part of the note)', () => {
    expectRefused(replace('> 座谈至此结束。', '> 座谈至此结束。\n店主：谢谢。'), '店主：谢谢。', /a line right after a `>` note, without `>`/);
  });
  it('text beside an HTML comment on its line (the comment block would be skipped with it)', () => {
    expectRefused(replace('我每天早上去看渔船回港', '<!-- a --> 我每天早上去看渔船回港 <!-- b -->'), '<!-- a -->', /text beside an HTML comment/);
  });
  it('a comment on lines of its own is skipped, and the text around it kept', () => {
    const text = replace('我每天早上去看渔船回港，然后写一点东西。', '我每天早上去看渔船回港，然后写一点东西。\n\n<!-- 校对：此段已核 -->');
    expect(JSON.stringify(readManuscript(text, 'manuscript.md').parts)).toContain('然后写一点东西。');
  });
});

describe('structure', () => {
  it('text before the first part heading', () => {
    expectRefused(replace('# 前言 {#intro}', '开场白。\n\n# 前言 {#intro}'), '开场白', /text before the first part heading/);
  });
  it('Markdown the book has no form for (a list)', () => {
    expectRefused(replace('我每天早上去看渔船回港', '- 我每天早上去看渔船回港'), '- 我每天', /unsupported Markdown \(list\)/);
  });
});

describe('dates', () => {
  it.each(['2024-13-45', '2023-02-29', '2024-04-31', '2024-00-10'])('an event date that does not exist: %s', (date) => {
    const text = replace('date: "2024-05-01"', `date: "${date}"`);
    expectRefused(text, date, /event\.date: a date that exists/);
  });
  it('a publication date that does not exist', () => {
    const text = replace('publisher: 测试出版', 'published: 2024-02-30\npublisher: 测试出版');
    expectRefused(text, 'published:', /published: a date that exists/);
  });
  it('a leap day that exists is accepted', () => {
    const text = replace('date: "2024-05-01"', 'date: "2024-02-29"');
    expect(readManuscript(text, 'manuscript.md').meta.event.date).toBe('2024-02-29');
  });
  it('a timeline date that does not exist', () => {
    const yaml = 'groups:\n  - id: a\n    title: 之前\n    order: text\n    events:\n      - id: b\n        date: "2024-13-45"\n        text: 某事\n        evidence: [渔船]\n';
    expect(() => parseYaml(yaml, timelineSchema, 'timeline.yaml')).toThrow(/groups\.0\.events\.0\.date: a date that exists/);
  });
});

describe('YAML built to exhaust memory', () => {
  // "Billion laughs": nine levels of nine aliases, 9^9 strings if expanded.
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    .concat([...'bcdefghi'].map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`))
    .join('\n');
  it('an alias bomb in the front matter is refused in one line, at once', () => {
    const text = base.replace('---\n', `---\n${bomb}\n`);
    const t0 = performance.now();
    const e = refusal(text);
    expect(performance.now() - t0).toBeLessThan(5_000); // a bound, not a speed target: expanded, it would not finish
    expect(e.message).toMatch(/too many YAML aliases/);
    expect(e.place).toEqual({ file: 'manuscript.md', line: 2 });
  });
  it('an alias bomb in timeline.yaml', () => {
    expect(() => parseYaml(bomb, timelineSchema, 'timeline.yaml')).toThrow(/too many YAML aliases/);
  });
  it('an alias with no anchor', () => {
    expect(() => parseYaml('events: *nowhere\n', timelineSchema, 'timeline.yaml')).toThrow(/a YAML alias with no anchor/);
  });
});

describe('file names', () => {
  it('a book id too long for a file name', () => {
    const text = replace('id: bookshop-talk', `id: ${'a'.repeat(65)}`);
    expectRefused(text, 'id: aaaa', /^id: Too big/);
  });
});
