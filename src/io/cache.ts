// The build cache: every artifact keyed by a hash of everything it is made
// from (the tool's own files, the book's files, the build date, the options,
// the edition record, the browser), so that a rebuild skips whatever did not
// change and can never serve a stale file: a key that matches is, by
// construction, the same inputs. It lives in node_modules/.cache (the usual
// place for a tool's cache), never in the output folder that gets published.
// Each entry records the sha256 of its files and is checked on every read; a
// damaged entry is a miss.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { projectPath } from './assets.js';

export interface CachedFile {
  name: string;
  data: Uint8Array;
  pages?: number;
  notes?: string[];
}

export interface Cache {
  get: (slot: string, key: string) => Promise<CachedFile[] | undefined>;
  put: (slot: string, key: string, files: CachedFile[]) => Promise<void>;
}

/** node_modules/.cache/transcript-press, or TRANSCRIPT_PRESS_CACHE (a folder of its own: --clear-cache empties it). */
export const defaultCacheDir = (env: NodeJS.ProcessEnv = process.env): string => env.TRANSCRIPT_PRESS_CACHE || projectPath('node_modules', '.cache', 'transcript-press');

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Entries kept per slot (one writer, book and edition): the last few used, so that undoing an edit is still a hit. */
const keepPerSlot = 3;

interface Meta {
  files: { name: string; sha256: string; pages?: number; notes?: string[] }[];
}

export function openCache(dir: string): Cache {
  const slotDir = (slot: string) => join(dir, sha256(slot).slice(0, 16));
  return {
    async get(slot, key) {
      const entry = join(slotDir(slot), key);
      try {
        const meta = JSON.parse(await readFile(join(entry, 'meta.json'), 'utf8')) as Meta;
        const files = await Promise.all(
          meta.files.map(async (f, i) => {
            const data = await readFile(join(entry, String(i)));
            if (sha256(data) !== f.sha256) throw new Error('damaged');
            return { name: f.name, data, ...(f.pages === undefined ? {} : { pages: f.pages }), ...(f.notes ? { notes: f.notes } : {}) };
          }),
        );
        // Used now: the last to be dropped when the slot is full.
        const now = new Date();
        await utimes(entry, now, now);
        return files;
      } catch {
        return undefined;
      }
    },
    async put(slot, key, files) {
      const home = slotDir(slot);
      await mkdir(home, { recursive: true });
      const tmp = join(home, `.tmp-${randomBytes(6).toString('hex')}`);
      await mkdir(tmp);
      try {
        const meta: Meta = { files: [] };
        await Promise.all(files.map((f, i) => writeFile(join(tmp, String(i)), f.data, { flag: 'wx' })));
        for (const f of files) meta.files.push({ name: f.name, sha256: sha256(f.data), ...(f.pages === undefined ? {} : { pages: f.pages }), ...(f.notes ? { notes: f.notes } : {}) });
        await writeFile(join(tmp, 'meta.json'), JSON.stringify(meta), { flag: 'wx' });
        await rm(join(home, key), { recursive: true, force: true });
        await rename(tmp, join(home, key));
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
      // Keep the newest few entries of this slot.
      const entries = await Promise.all(
        (await readdir(home)).filter((n) => !n.startsWith('.')).map(async (n) => ({ n, t: (await stat(join(home, n))).mtimeMs })),
      );
      entries.sort((a, b) => b.t - a.t);
      await Promise.all(entries.slice(keepPerSlot).map((e) => rm(join(home, e.n), { recursive: true, force: true })));
    },
  };
}

export const clearCache = (dir: string) => rm(dir, { recursive: true, force: true });

/** Every file of the tool that shapes its output: code, templates, styles, the locked dependencies. Not the books, and not the edition records (each job's key holds its own). */
async function listToolFiles(): Promise<string[]> {
  const root = projectPath();
  const out: string[] = [projectPath('package.json'), projectPath('package-lock.json')];
  const walk = async (dir: string): Promise<void> => {
    for (const d of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, d.name);
      const rel = relative(root, p).split(sep).join('/');
      if (rel === 'src/content' || rel === 'src/model/edition.ts') continue;
      if (d.isDirectory()) await walk(p);
      else out.push(p);
    }
  };
  for (const d of ['src', 'templates', 'styles']) await walk(projectPath(d));
  return out.sort();
}

let toolHash: Promise<string> | undefined;

/** A hash of the tool itself, once per process. */
export function toolFingerprint(): Promise<string> {
  toolHash ??= (async () => {
    const root = projectPath();
    const h = createHash('sha256');
    for (const file of await listToolFiles()) {
      h.update(relative(root, file)).update('\0').update(await readFile(file)).update('\0');
    }
    return h.digest('hex');
  })();
  return toolHash;
}

/** A hash of the named files' contents (a missing file counts as missing, not as empty). */
export async function filesFingerprint(files: string[]): Promise<string> {
  const h = createHash('sha256');
  for (const file of files) {
    h.update(file).update('\0');
    try {
      h.update(await readFile(file)).update('\x01');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      h.update('\x02');
    }
  }
  return h.digest('hex');
}

/** The browser binary, by path, size and date: another Chromium may print otherwise. */
export async function executableFingerprint(file: string): Promise<string> {
  const s = await stat(file);
  return `${file}:${s.size}:${s.mtimeMs}`;
}
