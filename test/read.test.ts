// Manuscript → Book: the model's shape, and one clear message per kind of bad input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BookError } from '../src/errors.js';
import { decodeUtf8 } from '../src/io/text.js';
import { readManuscript, splitInline } from '../src/read/read-manuscript.js';
import { bookDir } from './helpers/paths.js';

const manuscript = readFileSync(join(bookDir, 'manuscript.md'), 'utf8');
const front = manuscript.slice(0, manuscript.indexOf('\n---\n', 4) + 5);

function errorOf(fn: () => unknown): BookError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BookError) return e;
    throw e;
  }
  throw new Error('expected a BookError');
}

describe('the book model of the real manuscript', () => {
  const { meta, parts } = readManuscript(manuscript, 'manuscript.md');
  const turns = parts.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'turn' ? [b] : [])));

  it('attributes every turn to the right speaker, in order', () => {
    // Checked by hand against source.txt (lines 27–141, in page order).
    expect(turns.map((t) => (t.speaker === 'huang' ? 'H' : 'Z')).join('')).toBe('HZHZHZHZHZHZHZHZHZHZHZHZ');
    expect(turns.map((t) => t.paragraphs.length)).toEqual([1, 1, 3, 2, 1, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 3, 1, 4]);
  });
  it('marks the one speaker the editor supplied', () => {
    expect(turns.filter((t) => t.attributed).map((t) => [t.id, t.speaker])).toEqual([['conversation-t6', 'zuckerberg']]);
  });
  it('gives every paragraph a unique, stable id', () => {
    const ids = parts.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'turn' || b.type === 'note' ? b.paragraphs : b.type === 'paragraph' ? [b.paragraph] : []).map((x) => x.id)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe('introduction-p1');
  });
  it('keeps stage directions and insertions as their own inline kinds', () => {
    const inl = turns.flatMap((t) => t.paragraphs.flatMap((p) => p.content));
    expect(inl.filter((i) => i.type === 'stage').map((i) => i.value)).toEqual(['被打斷', '笑', '笑', '笑', '笑']);
    expect(inl.filter((i) => i.type === 'insertion').map((i) => i.value)).toContain('所以那個老人');
    expect(splitInline('好（笑）的（注）', ['笑'])).toEqual([
      { type: 'text', value: '好' },
      { type: 'stage', value: '笑' },
      { type: 'text', value: '的' },
      { type: 'insertion', value: '注' },
    ]);
  });
  it('holds metadata and speakers', () => {
    expect(meta.speakers.map((s) => s.id)).toEqual(['huang', 'zuckerberg']);
    expect(meta.event.date).toBe('2024-07-29');
  });
});

describe('bad input: one message with file:line and a fix', () => {
  it('a turn whose label is no known speaker', () => {
    const bad = manuscript.replace('扎克伯格：是的，當然。', '祖克伯：是的，當然。');
    const e = errorOf(() => readManuscript(bad, 'm.md'));
    const line = bad.split('\n').findIndex((l) => l.startsWith('祖克伯：')) + 1;
    expect(e.place).toEqual({ file: 'm.md', line });
    expect(e.format()).toMatch(/「祖克伯：」 opens the paragraph like a turn label.*Fix: use one of 「黃仁勳」/);
  });
  it('malformed front matter', () => {
    const bad = manuscript.replace('language: zh-Hant', 'language: [zh-Hant');
    const e = errorOf(() => readManuscript(bad, 'm.md'));
    expect(e.place?.line).toBeGreaterThanOrEqual(4);
    expect(e.message).toMatch(/malformed YAML/);
  });
  it('a front-matter field of the wrong form', () => {
    const bad = manuscript.replace('date: 2024-07-29', 'date: July 29');
    const e = errorOf(() => readManuscript(bad, 'm.md'));
    expect(e.place?.line).toBe(bad.split('\n').findIndex((l) => l.includes('date: July 29')) + 1);
    expect(e.message).toMatch(/event\.date.*YYYY-MM-DD.*found "July 29"/);
  });
  it('an alias shared by two speakers', () => {
    const bad = manuscript.replace('      - 老黃', '      - 小扎');
    const e = errorOf(() => readManuscript(bad, 'm.md'));
    expect(e.message).toMatch(/「小扎」 is given to two speakers, huang and zuckerberg/);
    // The second speaker to claim the name is the one pointed at.
    const lines = bad.split('\n');
    expect(e.place?.line).toBe(lines.lastIndexOf('      - 小扎') + 1);
  });
  it('an empty manuscript', () => {
    expect(errorOf(() => readManuscript('  \n', 'm.md')).place).toEqual({ file: 'm.md', line: 1 });
    expect(errorOf(() => readManuscript(front, 'm.md')).message).toMatch(/no part heading/);
  });
  it('a source that is not UTF-8', () => {
    const big5 = Uint8Array.from([0x61, 0x0a, 0x62, 0x0a, 0xa7, 0x41, 0x0a]); // 「你」 in Big5 on line 3
    const e = errorOf(() => decodeUtf8(big5, 'source.txt'));
    expect(e.place).toEqual({ file: 'source.txt', line: 3 });
    expect(e.format()).toMatch(/not UTF-8.*Fix: convert the file to UTF-8/);
  });
  it('a blockquote that is not a note', () => {
    const text = `${front}\n# A {#a}\n\n> hello\n`;
    const e = errorOf(() => readManuscript(text, 'm.md'));
    expect(e.place?.line).toBe(text.split('\n').indexOf('> hello') + 1);
  });
});
