// `transcript-press preview`, driven as a user would: start it, open it in a
// real browser, edit the manuscript, and see the page change; a bad edit
// shows its one line on the page and in the terminal, over the last good
// preview.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type BrowserSession } from '../src/io/browser.js';
import { bookDir, root } from './helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'preview-book-'));
cpSync(bookDir, dir, { recursive: true });
const manuscript = join(dir, 'manuscript.md');
const original = readFileSync(manuscript, 'utf8');
let child: ChildProcess;
let stderr = '';
let url = '';
let session: BrowserSession;

beforeAll(async () => {
  child = spawn(process.execPath, [join(root, 'src/bin.mjs'), 'preview', '--manuscript', dir, '--port', '0'], { cwd: root, env: { ...process.env, SOURCE_DATE_EPOCH: '1722297600' } });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /preview: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 100);
    child.once('exit', (code) => reject(new Error(`preview exited with ${code}: ${stderr}`)));
  });
  session = await launchBrowser();
});

afterAll(async () => {
  await session?.close();
  child?.kill('SIGTERM');
});

describe('preview', () => {
  it('serves the print layout as measured pages, the PDF and the EPUB documents, on localhost only', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const page = await session.browser.newPage();
    await page.goto(url);
    expect(await page.evaluate(() => document.documentElement.className)).toBe('measuring preview');
    expect(await page.evaluate(() => document.body.innerText)).toContain('是的，當然。');
    // One column per page: the page is many pages wide.
    expect(await page.evaluate(() => document.body.scrollWidth / document.body.getBoundingClientRect().width)).toBeGreaterThan(20);
    const pdf = await fetch(`${url}book.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await fetch(`${url}epub/OEBPS/conversation.xhtml`);
    expect(await doc.text()).toContain('是的，當然。');
    expect((await fetch(`${url}../../etc/passwd`)).status).toBe(404);
    await page.close();
  });

  it('rebuilds and reloads on an edit, and keeps the last good pages under a bad one', async () => {
    const page = await session.browser.newPage();
    await page.goto(url);
    writeFileSync(manuscript, original.replace('是的，當然。', '是的，當然了。'));
    await page.waitForFunction(() => document.body.innerText.includes('是的，當然了。'), { timeout: 90_000 });

    writeFileSync(manuscript, original.replace('扎克伯格：是的，當然。', '馬克祖：是的，當然。'));
    await page.waitForSelector('#preview-error:not([hidden])', { timeout: 90_000 });
    const banner = await page.$eval('#preview-error', (e) => e.textContent ?? '');
    expect(banner).toMatch(/manuscript\.md:\d+: 「馬克祖：」 opens the paragraph like a turn label, but 「馬克祖」 is not a speaker or an alias\. Fix: /);
    expect(await page.evaluate(() => document.body.innerText)).toContain('是的，當然了。');
    expect(stderr).toMatch(/error: .*manuscript\.md:\d+: 「馬克祖：」/);

    writeFileSync(manuscript, original);
    await page.waitForFunction(() => document.body.innerText.includes('是的，當然。') && !document.body.innerText.includes('馬克祖'), { timeout: 90_000 });
    expect(await page.$eval('#preview-error', (e) => (e as HTMLElement).hidden)).toBe(true);
    await page.close();
  });
});
