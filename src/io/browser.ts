// The browser: the system Chromium, driven by puppeteer. Puppeteer never
// downloads one (.puppeteerrc.cjs); we look for CHROME_PATH, then the usual
// Debian/Ubuntu/Chrome paths. Whatever goes wrong here is one line with a fix.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { browserError, findChromium } from './chromium-path.js';

export { browserError, chromiumCandidates, findChromium } from './chromium-path.js';

/** First line of an error, without puppeteer's long logs. */
export const firstLine = (e: unknown): string => String(e instanceof Error ? e.message : e).split('\n')[0]!.trim();

export interface BrowserSession {
  browser: Browser;
  executable: string;
  /** The browser's main process id (for memory figures). */
  pid: number | undefined;
  close(): Promise<void>;
}

/**
 * Launch headless Chromium with a new, empty profile (removed on close), no
 * background networking, no component updates, no first-run or sync.
 */
export async function launchBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserSession> {
  const executable = findChromium(env);
  const profile = await mkdtemp(join(tmpdir(), 'chromium-profile-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: executable,
      headless: true,
      userDataDir: profile,
      args: ['--no-sandbox', '--disable-gpu', '--disable-component-update', '--disable-background-networking', '--no-first-run', '--disable-sync'],
      // A broken or foreign binary should fail fast, not after puppeteer's 30 s.
      timeout: 20_000,
    });
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw browserError(`Chromium at ${executable} did not start (${firstLine(e)}).`);
  }
  return {
    browser,
    executable,
    pid: browser.process()?.pid,
    async close() {
      try {
        await browser.close();
      } finally {
        await rm(profile, { recursive: true, force: true, maxRetries: 3 });
      }
    },
  };
}
