// `transcript-press new`: a raw scrape becomes a book folder with a drafted
// decisions.yaml, and a book once the editor has filled in only what `new`
// asked for.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectParagraphing, draftDecisions, type Draft } from '../src/clean/draft-decisions.js';
import { splitParagraphs } from '../src/clean/paragraphs.js';
import { runCli } from './helpers/cli.js';
import { bookDir, fixture } from './helpers/paths.js';

const scrape = fixture('new', 'scrape.txt');
/** Another page, copied with one paragraph on each line and no blank lines, a dateline in ISO form, a label that is no speaker yet, and an end cut off. */
const linesScrape = fixture('new', 'scrape-lines.txt');

/** What a draft found in its scrape. */
const found = ({ language, paragraphs, speakers, rareLabels, credit, title }: Draft) => ({ language, paragraphs, speakers, rareLabels, credit, title });

/** What the editor answers in a draft of `new`: the questions it asked. */
const answer = (draft: string, extra: (d: string) => string = (d) => d) =>
  extra(
    draft
      .replace('name: "TODO: 活動名稱"', 'name: 山城晚報專訪')
      .replace('place: "TODO: 地點"', 'place: 山城老街')
      .replace('publisher: "TODO: 出版者"', 'publisher: 示例出版')
      .replace('rights: "TODO: 版權聲明"', 'rights: 僅供測試')
      // Outside git, the publication date is also the build date.
      .replace('published: "TODO: 出版日期 YYYY-MM-DD"', 'published: "2024-06-01"'),
  );

describe('new', () => {
  it.each([
    {
      file: scrape,
      language: 'zh-Hant',
      paragraphs: 'blank-lines',
      speakers: [
        { name: '阿明', count: 3 },
        { name: '小雨', count: 3 },
      ],
      rareLabels: [{ name: '記者', line: 17 }],
      credit: '山城晚報',
      title: '山城咖啡館對談：慢慢煮一杯咖啡',
    },
    {
      file: linesScrape,
      language: 'zh-Hant',
      paragraphs: 'lines',
      speakers: [
        { name: '林大衛', count: 4 },
        { name: '陳美玲', count: 4 },
      ],
      rareLabels: [{ name: '主持人', line: 13 }],
      credit: '範例日報',
      title: '咖啡與晶片：一場午後對談',
    },
  ])('drafts the paragraphing, the speakers by frequency, the credit, the title and the script ($paragraphs)', ({ file, ...expected }) => {
    expect(found(draftDecisions(readFileSync(file, 'utf8'), 'coffee'))).toEqual(expected);
  });

  it('asks for what it cannot find, and tells the scripts apart', () => {
    const d = draftDecisions(readFileSync(scrape, 'utf8'), 'coffee');
    expect(d.todos).toEqual(['meta.event.name', 'meta.event.place', 'meta.publisher', 'meta.rights', 'meta.published', 'meta.event.date']);
    expect(draftDecisions('这是一段简体中文的文字，说明这个工具会如何处理。', 'x').language).toBe('zh-Hans');
  });

  it('reads a scrape with one paragraph on each line as such, and one with blank lines between paragraphs as before', () => {
    const text = readFileSync(linesScrape, 'utf8');
    const d = draftDecisions(text, 'chips');
    // The dateline's ISO date is the event's guess, so no TODO for it.
    expect(d.todos).not.toContain('meta.event.date');
    expect(d.yaml).toMatch(/^ {4}date: 2025-03-02$/m);
    expect(d.yaml).toMatch(/^paragraphs: lines$/m);
    // The trial copy differs only in its stand-in date, line for line.
    const [yamlLines, trialLines] = [d.yaml.split('\n'), d.trialYaml.split('\n')];
    expect(trialLines.length).toBe(yamlLines.length);
    expect(yamlLines.filter((l, i) => l !== trialLines[i])).toEqual(['  published: "TODO: 出版日期 YYYY-MM-DD"']);

    expect(splitParagraphs(text, 'lines')).toHaveLength(15);
    expect(splitParagraphs(text, 'blank-lines')).toHaveLength(1);
    // This book's scrape (blank lines between its paragraphs), and prose wrapped at a fixed width with blank lines between paragraphs.
    expect(detectParagraphing(readFileSync(join(bookDir, 'source.txt'), 'utf8'))).toBe('blank-lines');
    const prose = '這是一段很長的文字，作者在寫作的時候\n把每一行都折在二十個字左右，所以每一\n行的結尾往往是一句話的中間，而不是句\n子的結尾。\n\n第二段也是這樣，文字在行尾被折斷，並\n沒有標點符號在那裡。';
    expect(detectParagraphing(prose)).toBe('blank-lines');
    expect(splitParagraphs(prose, detectParagraphing(prose))).toHaveLength(2);
  });

  it('copies the scrape verbatim, cleans it, lists what is left, and builds once that is decided', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'new-')), 'coffee-talk');
    const r = runCli(['new', dir, '--source', scrape]);
    expect(r.stderr).toMatch(/^new: .*coffee-talk\/source\.txt \(copied verbatim\) and decisions\.yaml \(a draft\)/);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'source.txt'))).toEqual(readFileSync(scrape));
    // What it asks for: the TODOs, and the label that is no speaker.
    expect(r.stdout).toContain('decisions.yaml: meta.event.name is a TODO');
    expect(r.stdout).toContain('decisions.yaml: meta.event.date is a TODO');
    expect(r.stdout).toMatch(/source\.txt:17: 「記者：」 opens a paragraph but is no speaker/);
    let decisions = readFileSync(join(dir, 'decisions.yaml'), 'utf8');
    expect(decisions).toContain('# Editorial decisions for this book, drafted by `transcript-press new`.');
    // The cleaner was tried on the draft: what its generic repairs did (the title, the parts' titles, the credit taken out), and nothing written.
    expect(r.stderr).toContain('clean (tried on the draft, nothing written): 4 changes: title 1, partTitle 2, credit 1');
    expect(r.stdout).not.toContain('clean stopped');
    expect(existsSync(join(dir, 'manuscript.md'))).toBe(false);

    // Cleaning before the questions are answered is refused, at the first of them.
    const early = runCli(['clean', '--content', dir]);
    expect(early.status).toBe(65);
    expect(early.stderr).toMatch(/decisions\.yaml:18: meta\.event\.name is still a question of the draft \("TODO: 活動名稱"\)\. Fix: /);
    expect(existsSync(join(dir, 'manuscript.md'))).toBe(false);

    // The editor answers exactly what was asked.
    decisions = answer(decisions, (d) => d.replace('date: 1970-01-01', 'date: "2024-05-01"').replace(/(name: 小雨\n\s+aliases: )\[\]/, '$1[記者]'));
    expect(decisions).not.toMatch(/"TODO: /);
    writeFileSync(join(dir, 'decisions.yaml'), decisions);
    const clean = runCli(['clean', '--content', dir]);
    expect(clean.stderr).toMatch(/^clean: /);
    expect(clean.status).toBe(0);
    const out = mkdtempSync(join(tmpdir(), 'new-out-'));
    const build = runCli(['build', '--manuscript', dir, '--out', out, '--formats', 'json,epub']);
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const book = JSON.parse(readFileSync(join(out, 'coffee-talk.book.json'), 'utf8'));
    expect(book.meta.title).toBe('山城咖啡館對談：慢慢煮一杯咖啡');
    expect(book.parts.map((p: { kind: string }) => p.kind)).toEqual(['prose', 'conversation']);
    expect(existsSync(join(out, 'coffee-talk.zh-Hans.epub'))).toBe(true);
  });

  it('takes a scrape with one paragraph on each line to a book', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'new-')), 'chips');
    const r = runCli(['new', dir, '--source', linesScrape]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('paragraphs: one on each line; speakers found: 林大衛 (4×)、陳美玲 (4×); credit: 範例日報; title: 咖啡與晶片：一場午後對談');
    expect(r.stdout).toMatch(/source\.txt:13: 「主持人：」 opens a paragraph but is no speaker/);
    // The generic join took the dateline and the byline for halves of a sentence: `new` says so, at their lines.
    expect(r.stdout).toContain('source.txt:3: 「2025-03-02 14:05¶記者王小明／台北報導」 joined as one sentence cut in two: if the first part is a line of its own (a dateline, a byline, a heading), list it under `keepApart`');
    expect(r.stdout).toMatch(/source\.txt:4: 「2025-03-02 14:05 記者王小明／台北報導¶這場對談在台北一間咖啡館舉行，」 joined as one sentence cut in two/);
    // It stops mid-sentence, with no marker to say so.
    expect(r.stdout).toContain('source.txt:15: the text ends mid-sentence (「……陳美玲：保持耐心，因為」): if the scrape is cut off there, say so with a `gaps` entry `after:` those words and a `note`');
    // The host becomes a speaker of their own; the dateline and the byline are kept apart; the end is said to break off.
    const gap = '  - after: 保持耐心，因為\n    note: 原網頁至此中斷，其後的內容未能取得。\n    why: 最後一句沒有說完，頁面到此為止。\n';
    const decisions = answer(readFileSync(join(dir, 'decisions.yaml'), 'utf8'), (d) =>
      d
        .replace(/^credits:/m, '  - id: host\n    name: 主持人\n    aliases: []\ncredits:')
        .replace(/^parts:/m, `keepApart:\n  - quote: 2025-03-02 14:05\n  - quote: 記者王小明\ngaps:\n${gap}parts:`),
    );
    // A gap both before and after a paragraph is refused, at its line.
    writeFileSync(join(dir, 'decisions.yaml'), decisions.replace(gap, gap.replace('  - after: 保持耐心，因為\n', '  - after: 保持耐心，因為\n    before: 林大衛：保持好奇\n')));
    const both = runCli(['clean', '--content', dir]);
    expect(both.status).toBe(65);
    expect(both.stderr).toMatch(/decisions\.yaml:\d+: .*a gap is `before:` the paragraph that follows it, or `after:` the one it follows: one of the two/);
    writeFileSync(join(dir, 'decisions.yaml'), decisions);
    expect(runCli(['clean', '--content', dir]).status).toBe(0);
    const manuscript = readFileSync(join(dir, 'manuscript.md'), 'utf8');
    expect(manuscript).toContain('\n\n2025-03-02 14:05\n\n記者王小明／台北報導\n\n這場對談在台北一間咖啡館舉行，');
    expect(manuscript.trimEnd()).toMatch(/陳美玲：保持耐心，因為\n\n> \[!GAP\]\n> 原網頁至此中斷，其後的內容未能取得。$/);
    const recorded = JSON.parse(readFileSync(join(dir, 'edits.json'), 'utf8')) as { kind: string; to?: string; lines: number[] }[];
    expect(recorded.filter((e) => e.kind === 'join')).toEqual([]);
    expect(recorded.filter((e) => e.kind === 'gap')).toEqual([expect.objectContaining({ lines: [15], to: '原網頁至此中斷，其後的內容未能取得。' })]);
    const out = mkdtempSync(join(tmpdir(), 'new-out-'));
    const build = runCli(['build', '--manuscript', dir, '--out', out, '--formats', 'json']);
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const book = JSON.parse(readFileSync(join(out, 'chips.book.json'), 'utf8'));
    expect(book.meta.title).toBe('咖啡與晶片：一場午後對談');
    expect(book.meta.event.date).toBe('2025-03-02');
    const conversation = book.parts.find((p: { kind: string }) => p.kind === 'conversation');
    const turns = conversation.blocks.filter((b: { type: string }) => b.type === 'turn');
    // Nine turns (the unlabelled line goes on with the turn before it), not one paragraph from end to end.
    expect(turns.map((t: { speaker: string }) => t.speaker)).toEqual(['speaker-1', 'speaker-2', 'speaker-1', 'speaker-2', 'speaker-1', 'speaker-2', 'host', 'speaker-1', 'speaker-2']);
  });

  it('refuses a scrape with no text, and writes nothing', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'new-')), 'blank');
    const empty = join(mkdtempSync(join(tmpdir(), 'new-src-')), 'scrape.txt');
    writeFileSync(empty, ' \n\n');
    const r = runCli(['new', dir, '--source', empty]);
    expect(r.status).toBe(65);
    expect(r.stderr).toBe(`error: ${empty}:1: the scrape has no text. Fix: give \`new\` the file the page was saved to (UTF-8 text).\n`);
    expect(existsSync(dir)).toBe(false);
  });

  it('never writes into a folder that is not empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'new-'));
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    const r = runCli(['new', dir, '--source', scrape]);
    expect(r.status).toBe(64);
    expect(r.stderr).toMatch(/is not empty\. Fix: /);
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('mine');
  });
});
