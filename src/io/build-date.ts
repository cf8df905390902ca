// The build's one date: SOURCE_DATE_EPOCH if set, else the date of the last
// commit that touched the manuscript folder, else the manuscript's mtime.
// Never "now": two builds of the same input must be byte-identical.
import { execFileSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { inputError } from '../errors.js';

export async function resolveBuildDate(dir: string, manuscriptFile: string): Promise<Date> {
  const env = process.env.SOURCE_DATE_EPOCH;
  if (env !== undefined && env !== '') {
    if (!/^\d+$/.test(env)) {
      throw inputError(`SOURCE_DATE_EPOCH is 「${env}」, not a number of seconds.`, 'set it to a Unix time, e.g. `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`.', { file: 'environment' });
    }
    return new Date(Number(env) * 1000);
  }
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct', '--', '.'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (/^\d+$/.test(out)) return new Date(Number(out) * 1000);
  } catch {
    // Not a git checkout: fall through to the file's own date.
  }
  const s = await stat(manuscriptFile);
  return new Date(Math.floor(s.mtimeMs / 1000) * 1000);
}
