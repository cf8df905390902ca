// A publisher's own manuscript, written by hand in Simplified Chinese, with no
// edits file and no timeline: the builder is not tied to the first book.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { openEpub, xhtmlText } from './helpers/epub.js';
import { epubcheckBatched } from './helpers/epubcheck.js';
import { fixture } from './helpers/paths.js';

const out = mkdtempSync(join(tmpdir(), 'other-'));

beforeAll(() => {
  const r = runCli(['build', '--manuscript', fixture('books/handwritten'), '--out', out, '--formats', 'json,epub']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

const epubcheck = epubcheckBatched(['zh-Hant', 'zh-Hans'].map((locale) => join(out, `bookshop-talk.${locale}.epub`)));

describe('a hand-written manuscript', () => {
  it('becomes a book model with its turns, aliases and notes', () => {
    const book = JSON.parse(readFileSync(join(out, 'bookshop-talk.book.json'), 'utf8'));
    const turns = book.parts[1].blocks.filter((b: { type: string }) => b.type === 'turn');
    expect(turns.map((t: { speaker: string }) => t.speaker)).toEqual(['host', 'lin', 'host', 'lin']);
    expect(turns[1].paragraphs).toHaveLength(2);
    expect(book.parts[1].blocks.at(-1)).toMatchObject({ type: 'note', kind: 'note' });
    expect(book.timeline).toEqual([]);
  });

  it.each(['zh-Hant', 'zh-Hans'])('gives a valid %s EPUB without a timeline chapter', async (locale) => {
    const file = join(out, `bookshop-talk.${locale}.epub`);
    expect(epubcheck(file).output).toBe('');
    const epub = await openEpub(file);
    expect(epub.names).not.toContain('OEBPS/timeline.xhtml');
    const talk = xhtmlText(await epub.text('OEBPS/talk.xhtml'));
    expect(talk).toContain(locale === 'zh-Hant' ? '這本書寫了三年' : '这本书写了三年');
  }, 60_000);
});
