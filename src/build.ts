// The one orchestrator: manuscript folder → book model → every edition in
// every format, written into the output folder atomically.
import { join } from 'node:path';
import type { BuildOptions } from './cli-args.js';
import { writeAtomic } from './io/files.js';
import { loadBook } from './load-book.js';
import { renderBookJson } from './write/json.js';

export type Log = (line: string) => void;

export async function runBuild(options: BuildOptions, log: Log): Promise<void> {
  const t0 = performance.now();
  const book = await loadBook(options.manuscript);
  const id = book.meta.id;
  if (options.formats.includes('json')) {
    const file = join(options.out, `${id}.book.json`);
    await writeAtomic(file, renderBookJson(book));
    log(`wrote ${file}`);
  }
  log(`build: done in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
}
