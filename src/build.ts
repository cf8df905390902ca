// The one orchestrator: manuscript folder → book model → every selected
// edition through every selected writer (src/write/writers.ts). What the
// writers share is done here, once, around each of them: ordering by their
// inputs, the shared browser, progress and timing, and staging. Every file
// is first written into a private folder inside the output folder, and only
// when every writer has succeeded is the set moved into place; a failure
// leaves the previous outputs as they were. The one exception: without a
// browser, everything that needs none is still put in place, and the build
// fails naming what it could not make.
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BuildOptions } from './cli-args.js';
import { BookError } from './errors.js';
import { launchBrowser, type BrowserSession } from './io/browser.js';
import { resolveBuildDate } from './io/build-date.js';
import { loadBook, manuscriptFiles } from './load-book.js';
import type { Book } from './model/book.js';
import { editions as knownEditions, type Edition } from './model/edition.js';
import { convertBook } from './transforms/convert-script.js';
import type { Log, OutputFile, Writer, WriterContext } from './write/writer.js';
import { writers as knownWriters } from './write/writers.js';

export type { Log } from './write/writer.js';

/** What a build can make: the writers and editions it chooses from (the project's own tables, or a test's). */
export interface Registry {
  writers: readonly Writer[];
  editions: readonly Edition[];
}

const defaultRegistry: Registry = { writers: knownWriters, editions: knownEditions };

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

const usage = (msg: string) => new BookError('usage', msg, 'run `npm run build -- --help` for the options.', { file: 'command line' });

/** The named items of `list` (all when no names are given), in the list's order; an unknown name is a usage error. */
function select<T>(list: readonly T[], nameOf: (item: T) => string, names: string[] | undefined, flag: string): T[] {
  if (names === undefined) return [...list];
  for (const n of names) {
    if (!list.some((x) => nameOf(x) === n)) throw usage(`${flag}: 「${n}」 is not one of ${list.map(nameOf).join(', ')}.`);
  }
  return list.filter((x) => names.includes(nameOf(x)));
}

/**
 * The writers to run, each after the writers it reads: the selected ones and
 * what they need, in the registry's order where nothing forces another.
 */
export function orderWriters(all: readonly Writer[], selected: readonly Writer[]): Writer[] {
  const byName = new Map(all.map((w) => [w.name, w]));
  const ordered: Writer[] = [];
  const visiting = new Set<string>();
  const visit = (w: Writer) => {
    if (ordered.includes(w)) return;
    if (visiting.has(w.name)) throw new Error(`writers depend on each other in a cycle through 「${w.name}」`);
    visiting.add(w.name);
    for (const name of w.inputs) {
      const input = byName.get(name);
      if (!input) throw new Error(`writer 「${w.name}」 reads 「${name}」, which is no writer`);
      visit(input);
    }
    visiting.delete(w.name);
    ordered.push(w);
  };
  for (const w of all) if (selected.includes(w)) visit(w);
  return ordered;
}

interface Job {
  writer: Writer;
  edition: Edition | undefined;
}

const jobKey = (writer: string, edition: Edition | undefined) => `${writer}\u0000${edition?.id ?? ''}`;

export async function runBuild(options: BuildOptions, log: Log, registry: Registry = defaultRegistry): Promise<void> {
  const t0 = performance.now();
  const selectedWriters = select(registry.writers, (w) => w.name, options.formats, '--formats');
  const editions = select(registry.editions, (e) => e.id, options.editions, '--editions');
  const ordered = orderWriters(registry.writers, selectedWriters);
  const jobs: Job[] = ordered.flatMap((writer): Job[] =>
    writer.scope === 'book' ? [{ writer, edition: undefined }] : editions.filter((e) => writer.makes?.(e) ?? true).map((edition) => ({ writer, edition })),
  );

  const book = await loadBook(options.manuscript);
  const date = await resolveBuildDate(options.manuscript, manuscriptFiles(options.manuscript).manuscript);
  const converted = new Map<string, Book>();
  const bookFor = (edition: Edition) => {
    let b = converted.get(edition.id);
    if (!b) converted.set(edition.id, (b = convertBook(book, edition)));
    return b;
  };

  await ensureFolder(options.out);
  // Chromium starts while the writers that need none do their work.
  let browser: Promise<BrowserSession> | undefined;
  const startBrowser = () => {
    browser ??= launchBrowser();
    return browser;
  };
  if (jobs.some((j) => j.writer.needsBrowser)) startBrowser().catch(() => undefined);

  const made = new Map<string, OutputFile[]>();
  /** Writers that could not run for want of a browser, and every writer after them that reads their files. */
  const notMade: Job[] = [];
  let browserFailure: BookError | undefined;
  const stage = await mkdtemp(join(options.out, '.transcript-press-'));
  const staged: { file: OutputFile; detail: string; keep: boolean }[] = [];
  try {
    for (const job of jobs) {
      const { writer, edition } = job;
      if (writer.inputs.some((name) => notMade.some((j) => j.writer.name === name && j.edition?.id === edition?.id))) {
        notMade.push(job);
        continue;
      }
      const context: WriterContext = {
        date,
        pageSize: options.pageSize,
        browser: startBrowser,
        input: (name) => {
          if (!writer.inputs.includes(name)) throw new Error(`writer 「${writer.name}」 asked for 「${name}」, which it does not declare as an input`);
          return made.get(jobKey(name, edition)) ?? made.get(jobKey(name, undefined)) ?? [];
        },
        log,
      };
      const t = performance.now();
      let files: OutputFile[];
      try {
        files = writer.scope === 'book' ? await writer.write(book, context) : await writer.write(bookFor(edition!), edition!, context);
      } catch (e) {
        if (writer.needsBrowser && e instanceof BookError && e.code === 'browser') {
          browserFailure ??= e;
          notMade.push(job);
          continue;
        }
        throw e;
      }
      made.set(jobKey(writer.name, edition), files);
      const keep = selectedWriters.includes(writer);
      for (const file of files) {
        if (keep) await writeStaged(stage, file);
        staged.push({ file, detail: describe(file, t), keep });
      }
    }
    // Everything made: put the set in place.
    for (const { file, detail, keep } of staged) {
      if (!keep) continue;
      const target = join(options.out, file.name);
      await mkdir(dirname(target), { recursive: true });
      await rename(join(stage, file.name), target);
      log(`wrote ${target} (${detail})`);
    }
  } finally {
    await rm(stage, { recursive: true, force: true });
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
  }
  if (browserFailure) {
    const missing = notMade.map((j) => (j.edition ? `${j.writer.name} ${j.edition.id}` : j.writer.name)).join(', ');
    throw new BookError('browser', `${browserFailure.message.replace(/\.$/, '')}; not made: ${missing}.`, browserFailure.fix, browserFailure.place);
  }
  log(`build: done in ${seconds(t0)}`);
}

/** For the log: pages, size, what the writer noted, and how long it took. */
function describe(file: OutputFile, t0: number): string {
  const size = typeof file.data === 'string' ? Buffer.byteLength(file.data) : file.data.length;
  return [file.pages === undefined ? '' : `${file.pages} pages`, `${(size / 1024).toFixed(0)} KB`, ...(file.notes ?? []), seconds(t0)].filter(Boolean).join(', ');
}

async function ensureFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BookError('usage', `cannot make the output folder ${dir} (${code}).`, 'pass --out a folder you can write to (not an existing file).', { file: dir });
  }
}

async function writeStaged(stage: string, file: OutputFile): Promise<void> {
  const path = join(stage, file.name);
  await mkdir(dirname(path), { recursive: true });
  // `wx`: a file of this name in the private stage can only be ours.
  await writeFile(path, file.data, { flag: 'wx' });
}
