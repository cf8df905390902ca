// The build cache: a rebuild with nothing changed runs no writer (and so
// loads no manuscript and starts no browser) and gives the same bytes; a
// change to any kind of input reruns exactly the jobs it touches; a damaged
// entry is a miss, never a stale file.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runBuild, type BuildEnvironment } from '../src/build.js';
import type { BuildOptions, PageSize } from '../src/cli-args.js';
import { findGhostscript } from '../src/io/ghostscript.js';
import { makeReporter } from '../src/io/reporter.js';
import { editions } from '../src/model/edition.js';
import { writers } from '../src/write/writers.js';
import { bookDir } from './helpers/paths.js';

process.env.SOURCE_DATE_EPOCH = '1722297600';

const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));
const quiet = makeReporter('quiet', {}, { write: () => true }, { write: () => true });

function setup() {
  const book = tmp('cache-book-');
  cpSync(bookDir, book, { recursive: true });
  const cacheDir = tmp('cache-dir-');
  let tool = 'tool-1';
  const env = (extra: Partial<BuildEnvironment> = {}): Partial<BuildEnvironment> => ({ reporter: quiet, cacheDir, tool: async () => tool, ...extra });
  const options = (out: string, over: Partial<BuildOptions> = {}): BuildOptions => ({
    command: 'build',
    manuscript: [book],
    out,
    pageSize: 'A5' as PageSize,
    formats: ['json', 'epub'],
    editions: ['zh-Hant'],
    debug: false,
    verbosity: 'quiet',
    cache: true,
    clearCache: false,
    ...over,
  });
  return { book, cacheDir, env, options, setTool: (t: string) => (tool = t) };
}

const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
const all = ['json', 'epub zh-Hant'];

describe('the build cache', () => {
  // Each test starts from its own warm cache (the book built once into it).
  let s: ReturnType<typeof setup>;
  let cold: Record<string, string>;
  beforeEach(async () => {
    s = setup();
    const out = tmp('cache-out-');
    const r = await runBuild(s.options(out), s.env());
    expect(r.ran).toEqual(all);
    cold = snapshot(out);
  });

  it('runs nothing when nothing changed, and gives the same bytes', async () => {
    const again = tmp('cache-out-');
    const r = await runBuild(s.options(again), s.env());
    expect(r.ran).toEqual([]);
    expect(r.cached).toEqual(all);
    expect(snapshot(again)).toEqual(cold);
  });

  it('reruns everything when the manuscript, edits.json or timeline.yaml change', async () => {
    for (const [file, edit] of [
      ['manuscript.md', (t: string) => t.replace('是的，當然。', '是的，當然了。')],
      ['edits.json', (t: string) => t.replace(/\n$/, '\n\n')],
      ['timeline.yaml', (t: string) => `${t}\n# a comment\n`],
    ] as const) {
      const path = join(s.book, file);
      const before = readFileSync(path, 'utf8');
      writeFileSync(path, edit(before));
      expect((await runBuild(s.options(tmp('cache-out-')), s.env())).ran, file).toEqual(all);
      // Undone: the earlier entries are still there.
      writeFileSync(path, before);
      expect((await runBuild(s.options(tmp('cache-out-')), s.env())).ran, file).toEqual([]);
    }
  });

  it('reruns everything when the tool, the build date or an option changes', async () => {
    s.setTool('tool-2');
    expect((await runBuild(s.options(tmp('cache-out-')), s.env())).ran).toEqual(all);
    s.setTool('tool-1');
    process.env.SOURCE_DATE_EPOCH = '1722384000';
    expect((await runBuild(s.options(tmp('cache-out-')), s.env())).ran).toEqual(all);
    process.env.SOURCE_DATE_EPOCH = '1722297600';
    expect((await runBuild(s.options(tmp('cache-out-'), { pageSize: 'A4' }), s.env())).ran).toEqual(all);
  });

  it('reruns only the edition whose record changed', async () => {
    const both = (registry?: BuildEnvironment['registry']) => runBuild(s.options(tmp('cache-out-'), { editions: undefined }), s.env(registry ? { registry } : {}));
    // The editions not built yet (all but zh-Hant) run once; then only the one whose record changed.
    expect((await both()).ran).toEqual(editions.filter((e) => e.id !== 'zh-Hant').map((e) => `epub ${e.id}`));
    const changed = editions.map((e) => (e.id === 'zh-Hans' ? { ...e, quotes: editions[0]!.quotes } : e));
    expect((await both({ writers, editions: changed })).ran).toEqual(['epub zh-Hans']);
    expect((await both()).ran).toEqual([]);
  });

  it('treats a damaged entry as a miss and rebuilds it', async () => {
    // Damage every stored file: each entry then fails its check.
    const damage = (dir: string) => {
      for (const d of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, d.name);
        if (d.isDirectory()) damage(p);
        else if (d.name !== 'meta.json') writeFileSync(p, 'damaged');
      }
    };
    damage(s.cacheDir);
    const out = tmp('cache-out-');
    expect((await runBuild(s.options(out), s.env())).ran).toEqual(all);
    expect(snapshot(out)).toEqual(cold);
  });

  it('neither reads nor fills the cache with --no-cache, and empties it with --clear-cache', async () => {
    const cache = tmp('cache-dir-');
    await runBuild(s.options(tmp('cache-out-'), { cache: false }), s.env({ cacheDir: cache }));
    expect(readdirSync(cache)).toEqual([]);
    await runBuild(s.options(tmp('cache-out-')), s.env({ cacheDir: cache }));
    expect(readdirSync(cache).length).toBeGreaterThan(0);
    expect((await runBuild(s.options(tmp('cache-out-'), { clearCache: true }), s.env({ cacheDir: cache }))).ran).toEqual(all);
  });

  it('makes the printer\'s files again when Ghostscript changes, and nothing else', async () => {
    // A gs of our own (a script that runs the system's), whose file changes as an upgrade would change it.
    const dir = tmp('cache-gs-');
    const gs = join(dir, 'gs');
    writeFileSync(gs, `#!/bin/sh\nexec ${findGhostscript({})} "$@"\n`, { mode: 0o755 });
    const was = process.env.GS_PATH;
    process.env.GS_PATH = gs;
    try {
      const o = (out: string) => s.options(out, { formats: ['press'], editions: ['zh-Hant'] });
      expect((await runBuild(o(tmp('cache-out-')), s.env())).ran).toEqual(['pdf zh-Hant', 'press zh-Hant']);
      expect((await runBuild(o(tmp('cache-out-')), s.env())).ran).toEqual([]);
      writeFileSync(gs, `#!/bin/sh\n# another version\nexec ${findGhostscript({})} "$@"\n`, { mode: 0o755 });
      expect((await runBuild(o(tmp('cache-out-')), s.env())).ran).toEqual(['press zh-Hant']);
    } finally {
      if (was === undefined) delete process.env.GS_PATH;
      else process.env.GS_PATH = was;
    }
  });

  it('serves the PDFs without starting the browser when nothing changed', async () => {
    const o = (dir: string) => s.options(dir, { formats: ['pdf'], editions: ['zh-Hant'] });
    const first = tmp('cache-out-');
    expect((await runBuild(o(first), s.env())).ran).toEqual(['pdf zh-Hant']);
    const second = tmp('cache-out-');
    const r = await runBuild(o(second), s.env());
    expect(r.ran).toEqual([]);
    expect(snapshot(second)).toEqual(snapshot(first));
  });
});
