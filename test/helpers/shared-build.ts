// Builds that several test files read, made once per test run. A build is
// named by its arguments, its environment and a copy number (a second,
// independent build of the same input, for the byte-identity checks): the
// first file that asks for it runs it (through the CLI, as a user does,
// runCli), later ones, in this process or another, read the same folder.
// The folders live under the run's own directory (TP_SHARED_BUILDS, made and
// removed by test/helpers/global-setup.ts; a private one when a file runs
// without it). A shared folder is read-only to the tests: what a test writes
// goes into a folder of its own.
//
// A failed build is shared too: every file that reads it fails with its
// message, none is skipped.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type Run } from './cli.js';

export interface SharedBuild extends Run {
  /** The output folder (--out); read it, never write into it. */
  dir: string;
  /** The arguments it was built with (without --out). */
  args: string[];
}

let privateBase: string | undefined;
const base = () => process.env.TP_SHARED_BUILDS ?? (privateBase ??= mkdtempSync(join(tmpdir(), 'tp-builds-')));

/** `transcript-press build ARGS --out <shared folder>`, with `env`, made once per test run (per `copy`). */
export function sharedBuild(args: string[], env: Record<string, string> = {}, copy = 1): SharedBuild {
  const key = createHash('sha256').update(JSON.stringify({ args, env, copy })).digest('hex').slice(0, 16);
  const home = join(base(), key);
  const dir = join(home, 'out');
  const resultFile = join(home, 'result.json');
  if (!existsSync(resultFile)) {
    mkdirSync(home, { recursive: true });
    const r = runCli([...args, '--out', dir], env);
    // Whole or not at all: a file that stops midway leaves no half result.
    writeFileSync(`${resultFile}.tmp`, JSON.stringify(r));
    renameSync(`${resultFile}.tmp`, resultFile);
  }
  return { ...(JSON.parse(readFileSync(resultFile, 'utf8')) as Run), dir, args };
}

/** The build date every shared build of this book uses (2024-07-30T00:00:00Z). */
export const testEpoch = '1722297600';

/**
 * This book as the tests read it: every default edition's EPUB and PDF
 * (A5), the printer's files (--press, --booklet), the date fixed. Copy 1
 * logs every file (--verbose: pages, blocked requests); copy 2 is a second
 * build of the same input as a user runs it (nothing on stderr), for the
 * byte-identity checks. A new default edition is in both with no change here.
 */
export const bookBuild = (copy: 1 | 2 = 1): SharedBuild =>
  sharedBuild(['build', ...(copy === 1 ? ['--verbose'] : []), '--formats', 'epub,pdf', '--press', '--booklet'], { SOURCE_DATE_EPOCH: testEpoch }, copy);
