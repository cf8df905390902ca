// The browser: the system Chromium, driven by puppeteer. Puppeteer never
// downloads one (.puppeteerrc.cjs); we look for CHROME_PATH, then the usual
// Debian/Ubuntu/Chrome paths. Whatever goes wrong here is one line with a fix.
//
// Chromium must not outlive the build. Puppeteer starts it in a process group
// of its own, which no signal to the build reaches, and it would go on
// running after a SIGKILL of the build. Talking to it over a pipe
// (`--remote-debugging-pipe`) instead of a WebSocket ties it to the build:
// when the build dies, the pipe closes, and Chromium exits with every process
// of its own (test/kill.test.ts). On SIGINT and SIGTERM the build kills
// Chromium's process group itself and removes the profile (io/interrupts.ts).
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { browserError, findChromium } from './chromium-path.js';
import { onInterrupt } from './interrupts.js';
import { makeTempFolder } from './temp.js';

export { browserError, chromiumCandidates, findChromium } from './chromium-path.js';

const initialTaken = new WeakSet<Browser>();

/**
 * A new tab. The first one asked of a browser is the blank tab it started
 * with (its renderer is already running: a tenth of a second saved), the
 * others are opened.
 */
export async function openPage(browser: Browser): Promise<Page> {
  if (!initialTaken.has(browser)) {
    initialTaken.add(browser);
    const blank = (await browser.pages()).find((p) => p.url() === 'about:blank');
    if (blank) return blank;
  }
  return browser.newPage();
}

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
  const profile = await makeTempFolder('chromium-profile-');
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: executable,
      headless: true,
      userDataDir: profile.path,
      pipe: true,
      // Chromium's own temporary files (org.chromium.Chromium.*) go inside the profile, which is removed with it.
      env: { ...process.env, TMPDIR: profile.path },
      // Our handler (io/interrupts.ts) stops Chromium and also removes the temporary folders.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: ['--no-sandbox', '--disable-gpu', '--disable-component-update', '--disable-background-networking', '--no-first-run', '--disable-sync'],
      // A broken or foreign binary should fail fast, not after puppeteer's 30 s.
      timeout: 20_000,
    });
  } catch (e) {
    await profile.remove();
    throw browserError(`Chromium at ${executable} did not start (${firstLine(e)}).`);
  }
  const pid = browser.process()?.pid;
  // Chromium leads its own process group (puppeteer starts it detached): kill the group, helpers and all.
  const stop = onInterrupt(() => {
    if (pid !== undefined) process.kill(-pid, 'SIGKILL');
  });
  return {
    browser,
    executable,
    pid,
    async close() {
      try {
        await browser.close();
      } finally {
        stop();
        await profile.remove();
      }
    },
  };
}
