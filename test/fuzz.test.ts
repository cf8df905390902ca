// A seeded, bounded fuzz of the input side (README, "Bad input"): each of
// `count` random mutations of a small manuscript is built in this process
// (JSON and one EPUB edition). Each must either be refused as bad input (exit
// 65) in one line with a fix, leaving the output folder empty, or build a
// book whose turns match a reference parse written apart from the reader.
// A seeded sample of the EPUBs built goes through epubcheck.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runBuild } from '../src/build.js';
import type { BuildOptions } from '../src/cli-args.js';
import { BookError } from '../src/errors.js';
import { makeReporter } from '../src/io/reporter.js';
import { epubcheckAll } from './helpers/epubcheck.js';
import { makeRandom, modelTurns, mutate, referenceTurns } from './helpers/fuzz.js';
import { fixture } from './helpers/paths.js';

/** The README quotes these: change them together. */
export const fuzzSeed = 20240729;
export const fuzzCount = 200;
export const fuzzEpubcheckSample = 8;

const base = readFileSync(fixture('books/fuzz/manuscript.md'), 'utf8');
const silent = { write: () => true };

it(`${fuzzCount} mutations (seed ${fuzzSeed}): each refused in one line, or built with the right speakers and a valid EPUB`, async () => {
  const random = makeRandom(fuzzSeed);
  const root = mkdtempSync(join(tmpdir(), 'fuzz-'));
  const failures: string[] = [];
  const built: { what: string; epub: string }[] = [];
  let refused = 0;
  // The fixture carries `published`: outside git that is the build date.
  const savedEpoch = process.env.SOURCE_DATE_EPOCH;
  delete process.env.SOURCE_DATE_EPOCH;
  try {
    for (let i = 0; i < fuzzCount; i++) {
      const m = mutate(base, random);
      const edition = random() < 0.5 ? 'zh-Hant' : 'zh-Hans';
      const what = `#${i} (${edition}) ${m.what}`;
      const dir = join(root, String(i));
      const out = join(dir, 'out');
      mkdirSync(dir);
      writeFileSync(join(dir, 'manuscript.md'), m.text);
      const options: BuildOptions = {
        command: 'build',
        manuscript: [dir],
        out,
        pageSize: 'A5',
        formats: ['json', 'epub'],
        editions: [edition],
        cache: false,
        clearCache: false,
        debug: false,
        verbosity: 'quiet',
      };
      try {
        await runBuild(options, { reporter: makeReporter('quiet', {}, silent, silent) });
      } catch (e) {
        if (!(e instanceof BookError)) failures.push(`${what}: internal error ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
        else if (e.code !== 'input') failures.push(`${what}: exit ${e.code}, not 65 (bad input): ${e.format()}`);
        else if (e.format().includes('\n') || !/\S Fix: \S/.test(e.format())) failures.push(`${what}: not one line with a fix: ${e.format()}`);
        else if (existsSync(out) && readdirSync(out).length > 0) failures.push(`${what}: refused, but left ${readdirSync(out).join(', ')} in the output folder`);
        else refused++;
        continue;
      }
      const book = JSON.parse(readFileSync(join(out, readdirSync(out).find((f) => f.endsWith('.book.json'))!), 'utf8'));
      const names = new Map<string, string>(book.meta.speakers.flatMap((s: { id: string; name: string; aliases: string[] }) => [s.name, ...s.aliases].map((n) => [n, s.id] as const)));
      const expected = referenceTurns(m.text, names);
      const got = modelTurns(book);
      if (JSON.stringify(got) !== JSON.stringify(expected)) {
        failures.push(`${what}: turns ${JSON.stringify(got)}, but the reference reads ${JSON.stringify(expected)}`);
      }
      built.push({ what, epub: join(out, readdirSync(out).find((f) => f.endsWith('.epub'))!) });
    }
  } finally {
    if (savedEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = savedEpoch;
  }
  // epubcheck takes seconds a book: a seeded sample of what built.
  const pool = [...built];
  const sample = Array.from({ length: Math.min(fuzzEpubcheckSample, pool.length) }, () => pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  for (const r of epubcheckAll(sample.map((s) => s.epub))) {
    if (r.output !== '' || r.status !== 0) failures.push(`${sample.find((s) => s.epub === r.file)!.what}: epubcheck: ${r.output.split('\n').slice(0, 3).join(' | ')}`);
  }
  expect(failures).toEqual([]);
  // Not degenerate: the mutations reach both outcomes, and the sample is full.
  expect(refused).toBeGreaterThanOrEqual(fuzzCount * 0.25);
  expect(built.length).toBeGreaterThanOrEqual(fuzzCount * 0.15);
  expect(sample).toHaveLength(fuzzEpubcheckSample);
  console.log(`fuzz: seed ${fuzzSeed}, ${fuzzCount} mutations: ${refused} refused, ${built.length} built, ${sample.length} checked by epubcheck`);
}, 600_000);
