// Editions are records and outputs are writers: a new edition or output is
// one entry in its table, and the orchestrator (src/build.ts) orders the
// writers by their inputs, stages every file and puts the set in place only
// when every writer has succeeded.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { orderWriters, runBuild, type Registry } from '../src/build.js';
import type { BuildOptions } from '../src/cli-args.js';
import { makeReporter } from '../src/io/reporter.js';
import { editions, type Edition } from '../src/model/edition.js';
import type { Writer } from '../src/write/writer.js';
import { writers } from '../src/write/writers.js';
import { edition } from './helpers/editions.js';
import { bookDir, fixture } from './helpers/paths.js';

process.env.SOURCE_DATE_EPOCH = '1722297600';
const id = 'siggraph-2024-huang-zuckerberg';

const options = (out: string, formats?: string[], editionIds?: string[], manuscript = [bookDir]): BuildOptions => ({
  command: 'build',
  manuscript,
  out,
  pageSize: 'A5',
  formats,
  editions: editionIds,
  debug: false,
  verbosity: 'quiet',
  cache: false,
  clearCache: false,
});

/** A third edition, one entry: Traditional text with the mainland's quotation marks. */
const throwaway: Edition = { ...edition('zh-Hant'), id: 'zh-Hant-curly', quotes: edition('zh-Hans').quotes };

/** A writer that reads another's files: the size of each edition's EPUB. */
const sizes: Writer = {
  name: 'sizes',
  scope: 'edition',
  needsBrowser: false,
  inputs: ['epub'],
  write: async (book, e, ctx) => [{ name: `${book.meta.id}.${e.id}.sizes.txt`, data: ctx.input('epub').map((f) => `${f.name} ${f.data.length}\n`).join('') }],
};

// The throwaway writer comes first in its table: the build must still run it after the EPUB it reads.
const registry: Registry = { writers: [sizes, ...writers], editions: [...editions, throwaway] };
const quiet = { reporter: makeReporter('quiet', {}, { write: () => true }, { write: () => true }) };

describe('editions as data, outputs as writers', () => {
  it('builds a throwaway edition and a throwaway writer, each added by one entry', async () => {
    const out = mkdtempSync(join(tmpdir(), 'writers-'));
    await runBuild(options(out, ['sizes', 'epub'], ['zh-Hant-curly']), { ...quiet, registry });
    expect(readdirSync(out).sort()).toEqual([`${id}.zh-Hant-curly.epub`, `${id}.zh-Hant-curly.sizes.txt`]);
    const epub = readFileSync(join(out, `${id}.zh-Hant-curly.epub`));
    expect(readFileSync(join(out, `${id}.zh-Hant-curly.sizes.txt`), 'utf8')).toBe(`${id}.zh-Hant-curly.epub ${epub.length}\n`);
    // The record reached the text: Traditional characters, the mainland's quotation marks.
    const zip = await JSZip.loadAsync(epub);
    const intro = await zip.file('OEBPS/introduction.xhtml')!.async('string');
    expect(intro).toContain('“');
    expect(intro).not.toContain('「');
    expect(intro).toContain('對談');
  });

  it('runs what a selected writer reads without writing it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'writers-'));
    await runBuild(options(out, ['sizes'], ['zh-Hans']), { ...quiet, registry });
    expect(readdirSync(out)).toEqual([`${id}.zh-Hans.sizes.txt`]);
    expect(readFileSync(join(out, `${id}.zh-Hans.sizes.txt`), 'utf8')).toMatch(new RegExp(`^${id}\\.zh-Hans\\.epub \\d+\\n$`));
  });

  it('makes a writer that is not made by default only when asked for by name (as --press and --booklet do)', async () => {
    const extra: Writer = { name: 'extra', scope: 'book', needsBrowser: false, inputs: ['json'], byDefault: false, write: async (book) => [{ name: `${book.meta.id}.extra.txt`, data: 'x' }] };
    const small: Registry = { writers: [writers.find((w) => w.name === 'json')!, extra], editions };
    const plain = mkdtempSync(join(tmpdir(), 'writers-'));
    await runBuild(options(plain), { ...quiet, registry: small });
    expect(readdirSync(plain)).toEqual([`${id}.book.json`]);
    const asked = mkdtempSync(join(tmpdir(), 'writers-'));
    await runBuild({ ...options(asked), addFormats: ['extra'] }, { ...quiet, registry: small });
    expect(readdirSync(asked).sort()).toEqual([`${id}.book.json`, `${id}.extra.txt`]);
    // The project's own: the printer's files are not made by default.
    expect(writers.filter((w) => w.byDefault === false).map((w) => w.name)).toEqual(['press', 'cover-sheet', 'booklet']);
  });

  it('orders writers by their inputs, and refuses a cycle', () => {
    expect(orderWriters(registry.writers, registry.writers).map((w) => w.name)).toEqual(['epub', 'sizes', 'json', 'cover', 'pdf', 'press', 'cover-sheet', 'booklet', 'opds', 'site']);
    const a: Writer = { ...sizes, name: 'a', inputs: ['b'] };
    const b: Writer = { ...sizes, name: 'b', inputs: ['a'] };
    expect(() => orderWriters([a, b], [a])).toThrow(/cycle/);
  });

  it('refuses unknown writer and edition names as usage errors', async () => {
    const out = mkdtempSync(join(tmpdir(), 'writers-'));
    await expect(runBuild(options(out, ['mobi']), quiet)).rejects.toMatchObject({ code: 'usage', message: expect.stringMatching(/--formats: 「mobi」 is not one of json, epub, cover, pdf, press, cover-sheet, booklet, opds, site/) });
    await expect(runBuild(options(out, ['json'], ['zh-HK']), quiet)).rejects.toMatchObject({ code: 'usage', message: expect.stringMatching(/--editions: 「zh-HK」 is not one of zh-Hant, zh-Hans/) });
  });

  it('puts nothing in place when any writer fails, and leaves no staging folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'writers-'));
    writeFileSync(join(out, `${id}.book.json`), 'earlier');
    const failing: Writer = { name: 'fails', scope: 'book', needsBrowser: false, inputs: ['json'], write: async () => Promise.reject(new Error('boom')) };
    await expect(runBuild(options(out, ['json', 'epub', 'fails'], ['zh-Hant']), { ...quiet, registry: { writers: [...writers, failing], editions } })).rejects.toThrow('boom');
    expect(readdirSync(out)).toEqual([`${id}.book.json`]);
    expect(readFileSync(join(out, `${id}.book.json`), 'utf8')).toBe('earlier');
  });
});

/** A catalogue writer: one line per file of every book it reads, as the site and the feeds see them. */
const listing: Writer = {
  name: 'listing',
  scope: 'catalogue',
  needsBrowser: false,
  inputs: ['epub'],
  write: async (catalogue, ctx) => [
    {
      name: 'listing.txt',
      data: [
        ctx.date.toISOString(),
        ...catalogue.books.flatMap((b) => b.files.map((f) => `${b.book.meta.id} ${b.editions.map((e) => e.edition.id).join(',')} ${f.writer} ${f.edition?.id} ${f.name} ${f.size} ${f.sha256}`)),
      ].join('\n'),
    },
  ],
};
const handwritten = fixture('books/handwritten');

describe('several books and catalogue writers', () => {
  it('runs a catalogue writer once over every book\'s files, and writes the files it lists', async () => {
    const out = mkdtempSync(join(tmpdir(), 'writers-'));
    await runBuild(options(out, ['listing'], ['zh-Hant'], [bookDir, handwritten]), { ...quiet, registry: { writers: [...writers, listing], editions } });
    expect(readdirSync(out).sort()).toEqual(['bookshop-talk.zh-Hant.epub', 'listing.txt', `${id}.zh-Hant.epub`]);
    const [date, ...lines] = readFileSync(join(out, 'listing.txt'), 'utf8').split('\n');
    expect(date).toBe('2024-07-30T00:00:00.000Z');
    expect(lines.map((l) => l.split(' ').slice(0, 5).join(' '))).toEqual([
      `${id} zh-Hant epub zh-Hant ${id}.zh-Hant.epub`,
      'bookshop-talk zh-Hant epub zh-Hant bookshop-talk.zh-Hant.epub',
    ]);
    for (const line of lines) {
      const [, , , , name, size, sha] = line.split(' ');
      const data = readFileSync(join(out, name!));
      expect(Number(size)).toBe(data.length);
      expect(sha).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('serves a catalogue writer from the cache until a book, or the site\'s address, changes', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'writers-cache-'));
    const talk = mkdtempSync(join(tmpdir(), 'talk-'));
    cpSync(handwritten, talk, { recursive: true });
    const build = (baseUrl?: string) =>
      runBuild({ ...options(mkdtempSync(join(tmpdir(), 'writers-')), ['listing'], ['zh-Hant'], [bookDir, talk]), cache: true, baseUrl }, { ...quiet, cacheDir, registry: { writers: [...writers, listing], editions } });
    const labels = (dir: string) => [`${basename(bookDir)} epub zh-Hant`, `${basename(dir)} epub zh-Hant`];
    expect((await build()).ran).toEqual([...labels(talk), 'listing']);
    const again = await build();
    expect(again.ran).toEqual([]);
    expect(again.cached).toEqual([...labels(talk), 'listing']);
    expect((await build('https://books.example.org/')).ran).toEqual(['listing']);
    const md = join(talk, 'manuscript.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace('欢迎大家。', '欢迎各位。'));
    expect((await build()).ran).toEqual([`${basename(talk)} epub zh-Hant`, 'listing']);
  });

  it('takes a folder of book folders, by folder name', async () => {
    const shelf = mkdtempSync(join(tmpdir(), 'shelf-'));
    cpSync(handwritten, join(shelf, 'a-talk'), { recursive: true });
    cpSync(bookDir, join(shelf, 'b-siggraph'), { recursive: true });
    mkdirSync(join(shelf, 'notes'));
    const out = mkdtempSync(join(tmpdir(), 'writers-'));
    await runBuild(options(out, ['listing'], ['zh-Hans'], [shelf]), { ...quiet, registry: { writers: [...writers, listing], editions } });
    const lines = readFileSync(join(out, 'listing.txt'), 'utf8').split('\n').slice(1);
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['bookshop-talk', id]);
  });

  it('refuses a folder with no book in it, and two books with one id, in one line each', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'shelf-'));
    const out = mkdtempSync(join(tmpdir(), 'writers-'));
    await expect(runBuild(options(out, ['json'], undefined, [empty]), quiet)).rejects.toMatchObject({
      code: 'input',
      message: 'holds no manuscript.md, and none of its subfolders does.',
      place: { file: empty },
    });
    const copy = mkdtempSync(join(tmpdir(), 'twin-'));
    cpSync(bookDir, copy, { recursive: true });
    const error = await runBuild(options(out, ['json'], undefined, [bookDir, copy]), quiet).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'input', place: { file: join(copy, 'manuscript.md'), line: 2 } });
    expect((error as Error).message).toBe(`the id 「${id}」 is also the id of the book in ${bookDir}.`);
    expect(readdirSync(out)).toEqual([]);
  });
});
