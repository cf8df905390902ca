// The build's one date: SOURCE_DATE_EPOCH if set, else the date of the last
// commit that touched the manuscript folder, else the edition's `published`
// date from the front matter. Never "now" and never a file's modification
// time: two copies of the same manuscript, anywhere, give the same bytes.
import { execFileSync } from 'node:child_process';
import { inputError } from '../errors.js';

/**
 * The dates an EPUB can carry: ZIP entries store the year as 1980 + 7 bits
 * (1980–2107), and dcterms:modified wants a four-digit year. Outside this
 * range a date would be silently wrapped, or refused by readers.
 */
export const buildDateRange = { min: Date.UTC(1980, 0, 1), max: Date.UTC(2107, 11, 31, 23, 59, 59) };

type Source = 'SOURCE_DATE_EPOCH' | 'git' | 'published';

/** The last commit's time (Unix seconds) for `dir`, or undefined outside git. */
function gitTime(dir: string): number | undefined {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct', '--', '.'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /^\d+$/.test(out) ? Number(out) : undefined;
  } catch {
    return undefined; // Not a git checkout (or no git): the next source decides.
  }
}

/**
 * The build date from outside the manuscript (SOURCE_DATE_EPOCH, then git),
 * or undefined when neither gives one: then `publishedBuildDate` decides,
 * once the front matter is read. Split in two so that a build whose outputs
 * are all cached need not read the manuscript.
 */
export function resolveBuildDate(dir: string, env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const fromEnv = env.SOURCE_DATE_EPOCH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!/^\d+$/.test(fromEnv)) {
      throw inputError(`SOURCE_DATE_EPOCH is 「${fromEnv}」, not a number of seconds.`, 'set it to a Unix time, e.g. `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`.', { file: 'environment' });
    }
    return checkRange(new Date(Number(fromEnv) * 1000), 'SOURCE_DATE_EPOCH', fromEnv, 'environment');
  }
  const git = gitTime(dir);
  return git === undefined ? undefined : checkRange(new Date(git * 1000), 'git', String(git), 'environment');
}

/** The build date of a manuscript outside git with no SOURCE_DATE_EPOCH: its `published` date, at 00:00 UTC. */
export function publishedBuildDate(published: string | undefined, manuscriptFile: string): Date {
  if (published === undefined) {
    throw inputError(
      'no build date: SOURCE_DATE_EPOCH is not set, the manuscript folder is not in a git repository, and the front matter has no `published` date.',
      "add `published: YYYY-MM-DD` (the edition's publication date) to the front matter, or set SOURCE_DATE_EPOCH.",
      { file: manuscriptFile },
    );
  }
  return checkRange(new Date(`${published}T00:00:00Z`), 'published', published, manuscriptFile);
}

function checkRange(date: Date, source: Source, given: string, file: string): Date {
  const t = date.getTime();
  if (Number.isNaN(t) || t < buildDateRange.min || t > buildDateRange.max) {
    const fix =
      source === 'SOURCE_DATE_EPOCH'
        ? `set it between ${buildDateRange.min / 1000} and ${buildDateRange.max / 1000}, or unset it.`
        : source === 'git'
          ? "set SOURCE_DATE_EPOCH to a time in that range (the last commit's date is outside it)."
          : 'correct `published` in the front matter, or set SOURCE_DATE_EPOCH.';
    throw inputError(`the build date from ${source} (${given}) is outside 1980-01-01 … 2107-12-31, the dates an EPUB's ZIP entries can carry.`, fix, { file });
  }
  return date;
}
