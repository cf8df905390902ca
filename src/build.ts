// The one orchestrator: manuscript folders → book models → every selected
// edition of every book through every selected writer (src/write/writers.ts),
// then the catalogue writers (the site, the OPDS feeds) once over every
// book's files. What the writers share is done here, once, around each of
// them: ordering by their inputs, the cache, the shared browser, progress
// and timing, and staging.
//
// Every file is first written into a private folder inside the output
// folder, and only when every writer has succeeded is the set moved into
// place; a failure leaves the previous outputs as they were. The one
// exception: without a browser, everything that needs none is still put in
// place, and the build fails naming what it could not make.
//
// Each job (a writer, for a book or for one edition of it, or for the
// catalogue) has a key: a hash of the tool, the book's files, the build
// date, the options, the edition record, the keys of the jobs it reads and,
// for the browser's writers, the browser. A job whose key is in the cache is
// not run; a build with nothing changed reads no manuscript, loads no writer
// module and starts no browser.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { BuildOptions } from './cli-args.js';
import { BookError, inputError } from './errors.js';
import type { BrowserSession } from './io/browser.js';
import { findBookFolders, idLine, manuscriptFiles } from './io/book-files.js';
import { publishedBuildDate, resolveBuildDate } from './io/build-date.js';
import { clearCache, defaultCacheDir, executableFingerprint, filesFingerprint, openCache, sha256, toolFingerprint, type Cache } from './io/cache.js';
import { findChromium } from './io/chromium-path.js';
import { findGhostscript } from './io/ghostscript.js';
import { errnoCause } from './io/fs-errors.js';
import { lockOutFolder, removeStaleStages, stagePrefix } from './io/out-folder.js';
import { makeTempFolder, type TempFolder } from './io/temp.js';
import { makeReporter, type Reporter, type SummaryRow } from './io/reporter.js';
import type { Book } from './model/book.js';
import { editions as knownEditions, type Edition } from './model/edition.js';
import type { Catalogue, OutputFile, PublishedFile, Writer, WriterContext } from './write/writer.js';
import { defaultPressSettings } from './model/press-settings.js';
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

/**
 * The writers whose files go into --out: the selected ones, and whatever a
 * selected catalogue writer lists or links to (a site without its downloads
 * would be broken). Other inputs run without being written.
 */
export function writtenWriters(all: readonly Writer[], selected: readonly Writer[]): Set<Writer> {
  const byName = new Map(all.map((w) => [w.name, w]));
  const written = new Set<Writer>();
  const add = (w: Writer) => {
    if (written.has(w)) return;
    written.add(w);
    if (w.scope === 'catalogue') for (const name of w.inputs) add(byName.get(name)!);
  };
  selected.forEach(add);
  return written;
}

/** One manuscript folder of the build, and its book, loaded (and converted) only when a job needs it. */
interface BookSource {
  dir: string;
  /** The build date from outside the book (SOURCE_DATE_EPOCH, git), if any: what the keys use. */
  knownDate: Date | undefined;
  /** The build date; outside git, the book's `published` (so it reads the manuscript). */
  date: () => Promise<Date>;
  /** Its files' fingerprint, for the keys. */
  print: string;
  load: () => Promise<Book>;
  inEdition: (edition: Edition) => Promise<Book>;
}

interface Job {
  writer: Writer;
  edition: Edition | undefined;
  /** The book it is of; none for a catalogue writer's job. */
  source: BookSource | undefined;
  /** `epub zh-Hant`, `json`, `site` (with the book's folder first when there are several): for progress and messages. */
  label: string;
  key: string;
}

export async function runBuild(options: BuildOptions, env: Partial<BuildEnvironment> = {}): Promise<BuildResult> {
  const t0 = performance.now();
  const registry = env.registry ?? { writers: knownWriters, editions: knownEditions };
  const reporter = env.reporter ?? makeReporter(options.verbosity);
  const cacheDir = env.cacheDir ?? defaultCacheDir();
  // Without --formats, every writer made by default; --press and --booklet add theirs (options.addFormats).
  const formats = [...(options.formats ?? registry.writers.filter((w) => w.byDefault !== false).map((w) => w.name)), ...(options.addFormats ?? [])];
  const selectedWriters = select(registry.writers, (w) => w.name, formats, '--formats');
  const press = options.press ?? defaultPressSettings;
  const editions = select(registry.editions, (e) => e.id, options.editions, '--editions');
  const ordered = orderWriters(registry.writers, selectedWriters);
  const written = writtenWriters(registry.writers, selectedWriters);

  // Only what must run is loaded: the books, their editions, the browser.
  const loadModule = () => import('./load-book.js');
  const convertModule = () => import('./transforms/convert-script.js');
  const sources: BookSource[] = [];
  for (const dir of await findBookFolders(options.manuscript)) {
    const files = manuscriptFiles(dir);
    let book: Promise<Book> | undefined;
    const load = () => (book ??= loadModule().then((m) => m.loadBook(dir)));
    const converted = new Map<string, Promise<Book>>();
    const knownDate = resolveBuildDate(dir);
    sources.push({
      dir,
      knownDate,
      // Outside git, the date is the manuscript's `published`: the book's fingerprint already covers it in the keys.
      date: async () => knownDate ?? publishedBuildDate((await load()).meta.published, files.manuscript),
      print: await filesFingerprint([files.manuscript, files.edits, files.timeline]),
      load,
      inEdition: (edition) => {
        let b = converted.get(edition.id);
        if (!b) converted.set(edition.id, (b = Promise.all([load(), convertModule()]).then(([src, m]) => m.convertBook(src, edition))));
        return b;
      },
    });
  }

  // The keys: what every job is made from.
  const tool = await (env.tool ?? toolFingerprint)();
  // The browser's and Ghostscript's executables (another version writes other bytes). None is not an error yet: the writers that need one say so when they run.
  const executablePrint = (find: () => string) => (async () => executableFingerprint(find()))().catch(() => 'none');
  let browserPrint: string | undefined;
  let ghostscriptPrint: string | undefined;
  const keyOf = async (writer: Writer, edition: Edition | undefined, inputKeys: string[], made: object): Promise<string> => {
    if (writer.needsBrowser) browserPrint ??= await executablePrint(findChromium);
    if (writer.usesGhostscript) ghostscriptPrint ??= await executablePrint(findGhostscript);
    // A file made while missing glyphs were allowed is not what a strict build may reuse.
    const glyphs = options.allowMissingGlyphs ? 'allowed' : 'checked';
    return sha256(JSON.stringify({ tool, pageSize: options.pageSize, press, glyphs, ...made, writer: writer.name, edition: edition ?? null, inputs: inputKeys, browser: writer.needsBrowser ? browserPrint : null, ...(writer.usesGhostscript ? { ghostscript: ghostscriptPrint } : {}) }));
  };
  const several = sources.length > 1;
  const jobs: Job[] = [];
  for (const source of sources) {
    for (const writer of ordered) {
      if (writer.scope === 'catalogue') continue;
      for (const edition of writer.scope === 'book' ? [undefined] : editions.filter((e) => writer.makes?.(e) ?? true)) {
        const inputKeys = jobs.filter((j) => j.source === source && writer.inputs.includes(j.writer.name) && (j.edition === undefined || j.edition === edition)).map((j) => j.key);
        const label = [several ? basename(source.dir) : '', writer.name, edition?.id ?? ''].filter(Boolean).join(' ');
        jobs.push({ writer, edition, source, label, key: await keyOf(writer, edition, inputKeys, { book: source.print, date: source.knownDate?.toISOString() ?? 'published' }) });
      }
    }
  }
  // A catalogue job reads every book (their files, their models, the editions) and the site's address.
  const books = sources.map((s) => [s.print, s.knownDate?.toISOString() ?? 'published']);
  for (const writer of ordered) {
    if (writer.scope !== 'catalogue') continue;
    const inputKeys = jobs.filter((j) => writer.inputs.includes(j.writer.name)).map((j) => j.key);
    jobs.push({ writer, edition: undefined, source: undefined, label: writer.name, key: await keyOf(writer, undefined, inputKeys, { books, editions, baseUrl: options.baseUrl ?? null }) });
  }
  const inputsOf = (job: Job) =>
    jobs.filter((j) => job.writer.inputs.includes(j.writer.name) && (job.source === undefined || (j.source === job.source && (j.edition === undefined || j.edition === job.edition))));
  const slotOf = (job: Job) => [job.source?.dir ?? `catalogue\0${sources.map((s) => s.dir).join('\0')}`, job.writer.name, job.edition?.id ?? ''].join('\0');

  if (options.clearCache) await clearCache(cacheDir);
  const cache: Cache | undefined = options.cache ? openCache(cacheDir) : undefined;
  const hits = new Map<Job, OutputFile[]>();
  if (cache) {
    for (const job of jobs) {
      const found = await cache.get(slotOf(job), job.key);
      if (found) hits.set(job, found);
    }
  }
  const missed = jobs.filter((j) => !hits.has(j));
  let browser: Promise<BrowserSession> | undefined;
  const startBrowser = () => (browser ??= import('./io/browser.js').then((m) => m.launchBrowser()));
  // Chromium is closed as soon as no job needs it (their pages printed), while the rest of the build finishes.
  const browserJobs = new Set(missed.filter((j) => j.writer.needsBrowser));
  let closingBrowser: Promise<void> | undefined;
  const releaseBrowser = (job: Job) => {
    if (!browserJobs.delete(job) || browserJobs.size > 0 || !browser) return;
    closingBrowser = browser.then((b) => b.close()).catch(() => undefined);
  };
  try {
    // A catalogue job that must run reads every book.
    const toLoad = missed.some((j) => j.source === undefined) ? sources : [...new Set(missed.flatMap((j) => (j.source ? [j.source] : [])))];
    const loaded = await Promise.all(toLoad.map(async (s) => ({ dir: s.dir, book: await s.load() })));
    await checkBookIds(loaded);
    // Before any writer runs: a book a writer cannot make (too long to print) is refused at once.
    for (const job of missed.filter((j) => j.writer.check && j.source)) {
      await job.writer.check!(await job.source!.load(), { manuscriptFile: manuscriptFiles(job.source!.dir).manuscript });
    }
    // Chromium takes most of a second to start: it starts once the books are
    // read and accepted, while their glyphs are checked and the writers that
    // need none work (and is closed however the build ends).
    if (missed.some((j) => j.writer.needsBrowser)) startBrowser().catch(() => undefined);
    // The characters an edition's fonts cannot draw stop the build, or are listed.
    const fontJobs = missed.filter((j) => j.writer.usesFonts && j.source && j.edition);
    if (fontJobs.length) {
      const { checkGlyphs } = await import('./check-glyphs.js');
      const checked = new Set<string>();
      for (const { source, edition } of fontJobs) {
        if (checked.has(`${source!.dir}\0${edition!.id}`)) continue;
        checked.add(`${source!.dir}\0${edition!.id}`);
        const files = manuscriptFiles(source!.dir);
        const said = await checkGlyphs(await source!.inEdition(edition!), edition!, [files.manuscript, files.timeline, files.edits], options.allowMissingGlyphs ?? false);
        if (said.warning) reporter.warn(said.warning);
        if (said.info) reporter.detail(said.info);
      }
    }

    await ensureFolder(options.out);
    // One build at a time into a folder; what a stopped build left there goes first.
    const lock = await lockOutFolder(options.out);
    let stageFolder: TempFolder;
    try {
      const stale = await removeStaleStages(options.out);
      if (stale.length) reporter.detail(`removed ${stale.join(', ')}, left in ${options.out} by a build that was stopped`);
      stageFolder = await makeTempFolder(stagePrefix, options.out);
    } catch (e) {
      await lock.release();
      throw e;
    }

    const made = new Map<Job, OutputFile[]>();
    const notMade: Job[] = [];
    let browserFailure: BookError | undefined;
    const result: BuildResult = { files: [], ran: [], cached: [] };
    const stage = stageFolder.path;
    const staged: { file: OutputFile; seconds: number }[] = [];
    /** Which book's job staged each file: two books with one id would write the same names. */
    const stagedBy = new Map<string, Job>();
    /** What a catalogue writer sees: every book, with the files of the writers it reads. */
    const catalogueFor = async (job: Job): Promise<Catalogue> => ({
      books: await Promise.all(
        sources.map(async (source) => ({
          book: await source.load(),
          date: await source.date(),
          editions: await Promise.all(editions.map(async (edition) => ({ edition, book: await source.inEdition(edition) }))),
          files: inputsOf(job)
            .filter((j) => j.source === source)
            .flatMap((j) =>
              (made.get(j) ?? []).map((f): PublishedFile => ({ name: f.name, writer: j.writer.name, edition: j.edition, size: sizeOf(f.data), sha256: sha256(f.data), ...(f.pages === undefined ? {} : { pages: f.pages }) })),
            ),
        })),
      ),
    });
    /** Every job, run once, after the jobs it reads: what it made, or why not (a browser failure, or the error that stops the build). */
    const runs = new Map<Job, Promise<OutputFile[] | 'not made'>>();
    const runJob = (job: Job): Promise<OutputFile[] | 'not made'> => {
      let run = runs.get(job);
      if (!run) runs.set(job, (run = (async () => {
        const { writer, edition, source } = job;
        const inputs = inputsOf(job);
        // An input that failed fails this job with the same error (the build reports the first job's, in order).
        const inputResults = await Promise.all(inputs.map(runJob));
        if (inputResults.includes('not made')) return 'not made';
        const t = performance.now();
        let out = hits.get(job);
        if (out) {
          fromCache.add(job);
          reporter.detail(`${job.label}: unchanged, from the cache`);
        } else {
          const step = reporter.step(job.label);
          const context: WriterContext = {
            date: source ? await source.date() : new Date(Math.max(...(await Promise.all(sources.map((s) => s.date()))).map((d) => d.getTime()))),
            pageSize: options.pageSize,
            baseUrl: options.baseUrl,
            press,
            browser: startBrowser,
            releaseBrowser: () => releaseBrowser(job),
            input: (name) => {
              if (!writer.inputs.includes(name)) throw new Error(`writer 「${writer.name}」 asked for 「${name}」, which it does not declare as an input`);
              return inputs.filter((j) => j.writer.name === name && j.source === source).flatMap((j) => made.get(j) ?? []);
            },
            log: reporter.detail,
          };
          try {
            out =
              writer.scope === 'catalogue'
                ? await writer.write(await catalogueFor(job), context)
                : writer.scope === 'book'
                  ? await writer.write(await source!.load(), context)
                  : await writer.write(await source!.inEdition(edition!), edition!, context);
          } catch (e) {
            if (writer.needsBrowser && e instanceof BookError && e.code === 'browser') {
              browserFailure ??= e;
              step.done('not made');
              return 'not made';
            }
            throw e;
          }
          step.done();
          ran.add(job);
          if (cache) await cache.put(slotOf(job), job.key, out.map((f) => ({ ...f, data: typeof f.data === 'string' ? Buffer.from(f.data) : f.data })));
        }
        made.set(job, out);
        seconds.set(job, (performance.now() - t) / 1000);
        return out;
      })().finally(() => releaseBrowser(job))));
      return run;
    };
    const seconds = new Map<Job, number>();
    const ran = new Set<Job>();
    const fromCache = new Set<Job>();
    try {
      // Every job at once, each after its inputs: the EPUBs, covers and the
      // model are made in Node while Chromium lays out and prints the PDFs
      // (and the editions' PDFs are printed side by side, each in its own tab).
      // Every job ends (made, or failed) before anything is staged, so a
      // failure leaves no writer still writing; the first failure in the
      // jobs' order is the build's.
      const settled = await Promise.allSettled(jobs.map(runJob));
      result.ran = jobs.filter((j) => ran.has(j)).map((j) => j.label);
      result.cached = jobs.filter((j) => fromCache.has(j)).map((j) => j.label);
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
      // Staged in the jobs' order, as made one after another.
      for (const [i, job] of jobs.entries()) {
        if (settled[i]!.status === 'fulfilled' && (settled[i] as PromiseFulfilledResult<OutputFile[] | 'not made'>).value === 'not made') notMade.push(job);
        const out = made.get(job);
        if (!out || !written.has(job.writer)) continue;
        for (const file of out) {
          const other = stagedBy.get(file.name);
          if (other?.source && job.source && other.source !== job.source) {
            throw inputError(`this book's files have the same names as those of the book in ${other.source.dir} (${file.name}): the two have one id.`, 'give each book its own `id` in its front matter.', {
              file: manuscriptFiles(job.source.dir).manuscript,
              line: await idLine(job.source.dir),
            });
          }
          stagedBy.set(file.name, job);
          await writeStaged(stage, file);
          staged.push({ file, seconds: seconds.get(job)! });
        }
      }
      // Everything made: put the set in place.
      for (const { file, seconds } of staged) {
        const target = join(options.out, file.name);
        await mkdir(dirname(target), { recursive: true });
        await rename(join(stage, file.name), target);
        const bytes = sizeOf(file.data);
        result.files.push({ artifact: target, bytes, ...(file.pages === undefined ? {} : { pages: file.pages }), seconds });
        reporter.detail(`wrote ${target} (${[file.pages === undefined ? '' : `${file.pages} pages`, `${(bytes / 1024).toFixed(0)} KB`, ...(file.notes ?? []), `${seconds.toFixed(2)} s`].filter(Boolean).join(', ')})`);
      }
    } finally {
      await stageFolder.remove();
      await lock.release();
    }
    reporter.summary(result.files, (performance.now() - t0) / 1000);
    if (browserFailure) {
      const missing = notMade.map((j) => j.label).join(', ');
      throw new BookError('browser', `${browserFailure.message.replace(/\.$/, '')}; not made: ${missing}.`, browserFailure.fix, browserFailure.place);
    }
    return result;
  } finally {
    if (browser) await (closingBrowser ?? browser.then((b) => b.close()).catch(() => undefined));
  }
}

const sizeOf = (data: Uint8Array | string) => (typeof data === 'string' ? Buffer.byteLength(data) : data.length);

/** Two books of one build may not share an id: their files would have the same names. */
async function checkBookIds(books: readonly { dir: string; book: Book }[]): Promise<void> {
  const seen = new Map<string, string>();
  for (const { dir, book } of books) {
    const other = seen.get(book.meta.id);
    if (other !== undefined) {
      throw inputError(`the id 「${book.meta.id}」 is also the id of the book in ${other}.`, 'give each book its own `id` in its front matter.', { file: manuscriptFiles(dir).manuscript, line: await idLine(dir) });
    }
    seen.set(book.meta.id, dir);
  }
}

async function ensureFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const cause = code === 'EEXIST' ? undefined : errnoCause(code);
    if (cause) throw new BookError('output', `cannot make the output folder ${dir}: ${cause.what} (${code}).`, cause.fix, { file: dir });
    throw new BookError('usage', `cannot make the output folder ${dir} (${code}).`, 'pass --out a folder you can write to (not an existing file).', { file: dir });
  }
}

async function writeStaged(stage: string, file: OutputFile): Promise<void> {
  const path = join(stage, file.name);
  await mkdir(dirname(path), { recursive: true });
  // `wx`: a file of this name in the private stage can only be ours.
  await writeFile(path, file.data, { flag: 'wx' });
}
