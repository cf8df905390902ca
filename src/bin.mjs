#!/usr/bin/env node
// The `transcript-press` command (package.json "bin"): the TypeScript CLI,
// with no folder of compiled output beside the sources, so that
// `npx transcript-press`, a global install and `npm ci --omit=dev` all work.
//
// The sources are compiled into one program (esbuild, a runtime dependency;
// the packages stay outside it) and kept in node_modules/.cache, named by a
// hash of the sources: a changed source is compiled again (a fifth of a
// second), never run stale. Run so, a command starts in about half the time
// it takes through tsx's loader, which compiles and resolves module by
// module in a thread of its own (0.35 s of a build, and of every command the
// tests run). Where the cache cannot be written (a read-only install), or
// with TRANSCRIPT_PRESS_TSX=1, the sources run through tsx as they are.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const src = dirname(fileURLToPath(import.meta.url));
const root = dirname(src);
const debug = process.argv.includes('--debug');

/** The program's files: every source but the books kept in src/content. */
function sources() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== join(src, 'content')) walk(path);
      } else if (/\.(m|c)?[tj]s$|\.json$/.test(entry.name)) out.push(path);
    }
  };
  walk(src);
  return out.sort();
}

/** The compiled program's entry, compiled now if the cache has none for these sources; undefined if it cannot be. */
async function compiled() {
  // The checkout's place too: the program reads its styles and templates from where its sources are.
  const hash = createHash('sha256').update(root).update('\0');
  for (const file of [...sources(), join(root, 'tsconfig.json')]) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  const cache = join(root, 'node_modules', '.cache', 'transcript-press-cli');
  const key = hash.digest('hex').slice(0, 16);
  const dir = join(cache, key);
  const entry = join(dir, 'cli.js');
  if (existsSync(entry)) return entry;
  const { build, stop } = await import('esbuild');
  mkdirSync(cache, { recursive: true });
  const temp = join(cache, `${key}.tmp-${process.pid}`);
  await build({
    entryPoints: [join(src, 'cli.ts')],
    outdir: temp,
    bundle: true,
    // The commands' modules stay apart, loaded when a command needs them (`--help` loads none of the heavy ones).
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'silent',
    plugins: [
      {
        // A module finds its files (styles, templates, package.json) from its own place in src: each keeps its own import.meta.url.
        name: 'source-url',
        setup(b) {
          b.onLoad({ filter: /\.[cm]?ts$/ }, (args) => ({
            contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  // esbuild's service process goes now, not when this one ends.
  await stop();
  try {
    renameSync(temp, dir);
  } catch {
    // Another process compiled the same sources meanwhile: theirs is the same program.
    rmSync(temp, { recursive: true, force: true });
  }
  // Older compilations (and what a stopped compilation left) go; the five newest stay, for a long-running preview started before an edit.
  const others = readdirSync(cache)
    .filter((name) => name !== key)
    .map((name) => ({ path: join(cache, name), time: statSync(join(cache, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const old of others.slice(4)) rmSync(old.path, { recursive: true, force: true });
  return entry;
}

let entry;
if (process.env.TRANSCRIPT_PRESS_TSX !== '1') {
  try {
    entry = await compiled();
  } catch (e) {
    if (debug) process.stderr.write(`could not compile the sources into node_modules/.cache (${e.message}); running them through tsx\n`);
  }
}
if (entry) {
  // Stack traces (--debug) name the sources, not the compiled program.
  if (debug) process.setSourceMapsEnabled(true);
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
