// Editions are records and outputs are writers: a new edition or output is
// one entry in its table, and the orchestrator (src/build.ts) orders the
// writers by their inputs, stages every file and puts the set in place only
// when every writer has succeeded.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { orderWriters, runBuild, type Registry } from '../src/build.js';
import type { BuildOptions } from '../src/cli-args.js';
import { makeReporter } from '../src/io/reporter.js';
import { editions, type Edition } from '../src/model/edition.js';
import type { Writer } from '../src/write/writer.js';
import { writers } from '../src/write/writers.js';
import { edition } from './helpers/editions.js';
import { bookDir } from './helpers/paths.js';

process.env.SOURCE_DATE_EPOCH = '1722297600';
const id = 'siggraph-2024-huang-zuckerberg';

const options = (out: string, formats?: string[], editionIds?: string[]): BuildOptions => ({
  command: 'build',
  manuscript: [bookDir],
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

  it('orders writers by their inputs, and refuses a cycle', () => {
    expect(orderWriters(registry.writers, registry.writers).map((w) => w.name)).toEqual(['epub', 'sizes', 'json', 'pdf']);
    const a: Writer = { ...sizes, name: 'a', inputs: ['b'] };
    const b: Writer = { ...sizes, name: 'b', inputs: ['a'] };
    expect(() => orderWriters([a, b], [a])).toThrow(/cycle/);
  });

  it('refuses unknown writer and edition names as usage errors', async () => {
    const out = mkdtempSync(join(tmpdir(), 'writers-'));
    await expect(runBuild(options(out, ['mobi']), quiet)).rejects.toMatchObject({ code: 'usage', message: expect.stringMatching(/--formats: 「mobi」 is not one of json, epub, pdf/) });
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
