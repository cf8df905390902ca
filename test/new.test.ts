// `transcript-press new`: a raw scrape becomes a book folder with a drafted
// decisions.yaml, and a book once the editor has filled in only what `new`
// asked for.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftDecisions } from '../src/clean/draft-decisions.js';
import { runCli } from './helpers/cli.js';
import { fixture } from './helpers/paths.js';

const scrape = fixture('new', 'scrape.txt');

describe('new', () => {
  it('drafts the speakers by frequency, the credit, the title and the script', () => {
    const d = draftDecisions(readFileSync(scrape, 'utf8'), 'coffee');
    expect(d.language).toBe('zh-Hant');
    expect(d.speakers).toEqual([
      { name: '阿明', count: 3 },
      { name: '小雨', count: 3 },
    ]);
    expect(d.rareLabels).toEqual([{ name: '記者', line: 17 }]);
    expect(d.credit).toBe('山城晚報');
    expect(d.title).toBe('山城咖啡館對談：慢慢煮一杯咖啡');
    expect(d.todos).toEqual(['meta.event.name', 'meta.event.place', 'meta.publisher', 'meta.rights', 'meta.published', 'meta.event.date']);
    expect(draftDecisions('这是一段简体中文的文字，说明这个工具会如何处理。', 'x').language).toBe('zh-Hans');
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

    // The editor answers exactly what was asked.
    decisions = decisions
      .replace('name: "TODO: 活動名稱"', 'name: 山城晚報專訪')
      .replace('place: "TODO: 地點"', 'place: 山城老街')
      .replace('date: 1970-01-01', 'date: "2024-05-01"')
      .replace('publisher: "TODO: 出版者"', 'publisher: 示例出版')
      .replace('rights: "TODO: 版權聲明"', 'rights: 僅供測試')
      // Outside git, the publication date is also the build date.
      .replace('published: "TODO: 出版日期 YYYY-MM-DD"', 'published: "2024-06-01"')
      .replace(/aliases: \[\]\n(\s+)- id: speaker-2/, 'aliases: []\n$1- id: speaker-2')
      .replace(/(name: 小雨\n\s+aliases: )\[\]/, '$1[記者]');
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

  it('never writes into a folder that is not empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'new-'));
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    const r = runCli(['new', dir, '--source', scrape]);
    expect(r.status).toBe(64);
    expect(r.stderr).toMatch(/is not empty\. Fix: /);
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('mine');
  });
});
