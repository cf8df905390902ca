import { existsSync } from 'node:fs';

/** The system Chromium: CHROME_PATH if set, else the usual Debian/Ubuntu locations. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROME_PATH, process.env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}
