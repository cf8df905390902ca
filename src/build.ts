// The one orchestrator: manuscript folder → book model → every selected
// edition through every selected writer (src/write/writers.ts). What the
// writers share is done here, once, around each of them: ordering by their
// inputs, the cache, the shared browser, progress and timing, and staging.
//
// Every file is first written into a private folder inside the output
// folder, and only when every writer has succeeded is the set moved into
// place; a failure leaves the previous outputs as they were. The one
// exception: without a browser, everything that needs none is still put in
// place, and the build fails naming what it could not make.
//
// Each job (a writer, for the book or for one edition) has a key: a hash of
// the tool, the book's files, the build date, the options, the edition
// record and, for the browser's writers, the browser. A job whose key is in
// the cache is not run; a build with nothing changed reads no manuscript,
// loads no writer module and starts no browser.
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BuildOptions } from './cli-args.js';
import { BookError } from './errors.js';
import type { BrowserSession } from './io/browser.js';
import { manuscriptFiles } from './io/book-files.js';
import { resolveBuildDate } from './io/build-date.js';
import { clearCache, defaultCacheDir, executableFingerprint, filesFingerprint, openCache, sha256, toolFingerprint, type Cache } from './io/cache.js';
import { findChromium } from './io/chromium-path.js';
import { makeReporter, type Reporter, type SummaryRow } from './io/reporter.js';
import type { Book } from './model/book.js';
import { editions as knownEditions, type Edition } from './model/edition.js';
import type { OutputFile, Writer, WriterContext } from './write/writer.js';
import { writers as knownWriters } from './write/writers.js';

/** What a build can make: the writers and editions it chooses from (the project's own tables, or a test's). */
export interface Registry {
  writers: readonly Writer[];
  editions: readonly Edition[];
}

export interface BuildEnvironment {
  registry: Registry;
  reporter: Reporter;
  /** Where the cache lives (node_modules/.cache/transcript-press). */
  cacheDir: string;
  /** The tool's own fingerprint (a test may pretend the tool changed). */
  tool: () => Promise<string>;
}

export interface BuildResult {
  /** Files put in place, in order. */
  files: SummaryRow[];
  /** Jobs run, and jobs served from the cache. */
  ran: string[];
  cached: string[];
}

const usage = (msg: string) => new BookError('usage', msg, 'run `transcript-press build --help` for the options.', { file: 'command line' });

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
  /** `epub zh-Hant`, `json`: for progress and messages. */
  label: string;
  key: string;
}

export async function runBuild(options: BuildOptions, env: Partial<BuildEnvironment> = {}): Promise<BuildResult> {
  const t0 = performance.now();
  const registry = env.registry ?? { writers: knownWriters, editions: knownEditions };
  const reporter = env.reporter ?? makeReporter(options.verbosity);
  const cacheDir = env.cacheDir ?? defaultCacheDir();
  const selectedWriters = select(registry.writers, (w) => w.name, options.formats, '--formats');
  const editions = select(registry.editions, (e) => e.id, options.editions, '--editions');
  const ordered = orderWriters(registry.writers, selectedWriters);

  // The keys: what every job is made from.
  const files = manuscriptFiles(options.manuscript);
  const date = await resolveBuildDate(options.manuscript, files.manuscript);
  const common = {
    tool: await (env.tool ?? toolFingerprint)(),
    book: await filesFingerprint([files.manuscript, files.edits, files.timeline]),
    date: date.toISOString(),
    pageSize: options.pageSize,
  };
  let browserPrint: string | undefined;
  const keyOf = async (writer: Writer, edition: Edition | undefined, inputKeys: string[]): Promise<string> => {
    // No browser is not an error yet: the writers that need one say so when they run.
    if (writer.needsBrowser) browserPrint ??= await (async () => executableFingerprint(findChromium()))().catch(() => 'none');
    return sha256(JSON.stringify({ ...common, writer: writer.name, edition: edition ?? null, inputs: inputKeys, browser: writer.needsBrowser ? browserPrint : null }));
  };
  const jobs: Job[] = [];
  for (const writer of ordered) {
    for (const edition of writer.scope === 'book' ? [undefined] : editions.filter((e) => writer.makes?.(e) ?? true)) {
      const inputKeys = jobs.filter((j) => writer.inputs.includes(j.writer.name) && (j.edition === undefined || j.edition === edition)).map((j) => j.key);
      jobs.push({ writer, edition, label: edition ? `${writer.name} ${edition.id}` : writer.name, key: await keyOf(writer, edition, inputKeys) });
    }
  }
  const slotOf = (job: Job) => `${options.manuscript}\0${job.writer.name}\0${job.edition?.id ?? ''}`;

  if (options.clearCache) await clearCache(cacheDir);
  const cache: Cache | undefined = options.cache ? openCache(cacheDir) : undefined;
  const hits = new Map<Job, OutputFile[]>();
  if (cache) {
    for (const job of jobs) {
      const found = await cache.get(slotOf(job), job.key);
      if (found) hits.set(job, found);
    }
  }

  // Only what must run is loaded: the book, its editions, the browser.
  let book: Promise<Book> | undefined;
  const loadSource = () => (book ??= import('./load-book.js').then((m) => m.loadBook(options.manuscript)));
  const converted = new Map<string, Promise<Book>>();
  const bookFor = (edition: Edition) => {
    let b = converted.get(edition.id);
    if (!b) converted.set(edition.id, (b = Promise.all([loadSource(), import('./transforms/convert-script.js')]).then(([src, m]) => m.convertBook(src, edition))));
    return b;
  };
  if (jobs.some((j) => !hits.has(j))) await loadSource();

  await ensureFolder(options.out);
  let browser: Promise<BrowserSession> | undefined;
  const startBrowser = () => (browser ??= import('./io/browser.js').then((m) => m.launchBrowser()));
  // Chromium starts while the writers that need none do their work.
  if (jobs.some((j) => j.writer.needsBrowser && !hits.has(j))) startBrowser().catch(() => undefined);

  const made = new Map<Job, OutputFile[]>();
  const notMade: Job[] = [];
  let browserFailure: BookError | undefined;
  const result: BuildResult = { files: [], ran: [], cached: [] };
  const stage = await mkdtemp(join(options.out, '.transcript-press-'));
  const staged: { file: OutputFile; seconds: number }[] = [];
  try {
    for (const job of jobs) {
      const { writer, edition } = job;
      const inputs = jobs.filter((j) => writer.inputs.includes(j.writer.name) && (j.edition === undefined || j.edition === edition));
      if (inputs.some((j) => notMade.includes(j))) {
        notMade.push(job);
        continue;
      }
      const t = performance.now();
      let out = hits.get(job);
      if (out) {
        result.cached.push(job.label);
        reporter.detail(`${job.label}: unchanged, from the cache`);
      } else {
        const step = reporter.step(job.label);
        const context: WriterContext = {
          date,
          pageSize: options.pageSize,
          browser: startBrowser,
          input: (name) => {
            if (!writer.inputs.includes(name)) throw new Error(`writer 「${writer.name}」 asked for 「${name}」, which it does not declare as an input`);
            return inputs.filter((j) => j.writer.name === name).flatMap((j) => made.get(j) ?? []);
          },
          log: reporter.detail,
        };
        try {
          out = writer.scope === 'book' ? await writer.write(await loadSource(), context) : await writer.write(await bookFor(edition!), edition!, context);
        } catch (e) {
          if (writer.needsBrowser && e instanceof BookError && e.code === 'browser') {
            browserFailure ??= e;
            notMade.push(job);
            step.done('not made');
            continue;
          }
          throw e;
        }
        step.done();
        result.ran.push(job.label);
        if (cache) await cache.put(slotOf(job), job.key, out.map((f) => ({ ...f, data: typeof f.data === 'string' ? Buffer.from(f.data) : f.data })));
      }
      made.set(job, out);
      if (!selectedWriters.includes(writer)) continue;
      const seconds = (performance.now() - t) / 1000;
      for (const file of out) {
        await writeStaged(stage, file);
        staged.push({ file, seconds });
      }
    }
    // Everything made: put the set in place.
    for (const { file, seconds } of staged) {
      const target = join(options.out, file.name);
      await mkdir(dirname(target), { recursive: true });
      await rename(join(stage, file.name), target);
      const bytes = typeof file.data === 'string' ? Buffer.byteLength(file.data) : file.data.length;
      result.files.push({ artifact: target, bytes, ...(file.pages === undefined ? {} : { pages: file.pages }), seconds });
      reporter.detail(`wrote ${target} (${[file.pages === undefined ? '' : `${file.pages} pages`, `${(bytes / 1024).toFixed(0)} KB`, ...(file.notes ?? []), `${seconds.toFixed(2)} s`].filter(Boolean).join(', ')})`);
    }
  } finally {
    await rm(stage, { recursive: true, force: true });
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
  }
  reporter.summary(result.files, (performance.now() - t0) / 1000);
  if (browserFailure) {
    const missing = notMade.map((j) => j.label).join(', ');
    throw new BookError('browser', `${browserFailure.message.replace(/\.$/, '')}; not made: ${missing}.`, browserFailure.fix, browserFailure.place);
  }
  return result;
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
