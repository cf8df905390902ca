// Which Chromium to use, without loading puppeteer (the build asks before it
// knows whether it will need a browser at all, e.g. for its cache keys).
import { accessSync, constants, statSync } from 'node:fs';
import { BookError } from '../errors.js';

export const chromiumCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const howToGetOne = 'install it with `apt-get install -y chromium`, or set CHROME_PATH to a Chromium or Chrome binary.';

export const browserError = (message: string, fix = howToGetOne) => new BookError('browser', message, fix);

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The Chromium to use: CHROME_PATH when set (and then only it), else the first known path that exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (isExecutable(fromEnv)) return fromEnv;
    throw browserError(`CHROME_PATH is 「${fromEnv}」, which is not an executable file.`);
  }
  const found = chromiumCandidates.find(isExecutable);
  if (found === undefined) throw browserError(`no Chromium found for the PDF editions (looked for ${chromiumCandidates.join(', ')}).`);
  return found;
}

