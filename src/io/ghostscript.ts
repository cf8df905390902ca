// Ghostscript, for the press-ready PDF/X files (the way Vivliostyle CLI's
// press-ready mode and the press-ready tool make them). It is asked for only
// when a press file is made; without it that build stops with one line.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BookError } from '../errors.js';

const candidates = ['/usr/bin/gs', '/usr/local/bin/gs', '/opt/homebrew/bin/gs'];
const howToGetIt = 'run `npm run setup` (it installs Debian\'s `ghostscript`), or install Ghostscript yourself and set GS_PATH to its `gs`.';

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The gs to run: GS_PATH when set, else the first usual path that exists. */
export function findGhostscript(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.GS_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new BookError('tool', `GS_PATH is 「${fromEnv}」, which is not an executable file.`, howToGetIt);
  }
  const found = candidates.find(isExecutable);
  if (!found) throw new BookError('tool', `Ghostscript (gs), which the press-ready files need, was not found (looked for ${candidates.join(', ')}).`, howToGetIt);
  return found;
}

/**
 * Ghostscript's own CMYK characterisation (a SWOP press), for the PDF/X
 * output intent: Debian keeps its ICC profiles apart, other builds under
 * share/ghostscript/<version>/iccprofiles.
 */
export function findCmykProfile(): string {
  const dirs = ['/usr/share/color/icc/ghostscript'];
  for (const root of ['/usr/share/ghostscript', '/usr/local/share/ghostscript', '/opt/homebrew/share/ghostscript']) {
    if (!existsSync(root)) continue;
    for (const version of readdirSync(root).sort().reverse()) dirs.push(join(root, version, 'iccprofiles'));
  }
  const found = dirs.map((d) => join(d, 'default_cmyk.icc')).find((f) => existsSync(f));
  if (!found) throw new BookError('tool', `Ghostscript's CMYK profile (default_cmyk.icc) was not found in ${dirs.join(', ')}.`, howToGetIt);
  return found;
}

/** Run gs with `args`; a failure is one line with the end of what it said. */
export function runGhostscript(args: string[]): Promise<void> {
  const gs = findGhostscript();
  return new Promise((resolve, reject) => {
    execFile(gs, args, { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (!error) return resolve();
      const said = `${stderr}\n${stdout}`.split('\n').map((l) => l.trim()).filter(Boolean).slice(-3).join(' / ');
      reject(new BookError('tool', `Ghostscript failed (${error.code ?? error.message}): ${said}.`, 'run the build with --debug and report it with the manuscript.'));
    });
  });
}
