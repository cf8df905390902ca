// Ace by DAISY on both EPUBs: no accessibility violations. It drives the
// system Chromium through puppeteer (PUPPETEER_EXECUTABLE_PATH).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../src/io/browser.js';
import { bookBuild } from './helpers/shared-build.js';
import { root } from './helpers/paths.js';

// The EPUBs of this book's shared build (bookBuild); the reports go into this file's own folder.
const build = bookBuild();
const reports = mkdtempSync(join(tmpdir(), 'ace-'));

beforeAll(() => {
  expect(build.status, build.stderr).toBe(0);
});

interface AceReport {
  'earl:result': { 'earl:outcome': string };
  assertions: { 'earl:testSubject': { url: string }; assertions: { 'earl:test': { 'dct:title': string; 'earl:impact': string }; 'earl:result': { html?: string } }[] }[];
}

describe.each(['zh-Hant', 'zh-Hans', 'zh-Hant-vertical'])('Ace by DAISY on the %s EPUB', (locale) => {
  it('reports no violations', () => {
    const chromium = findChromium(); // throws, saying how to get one, when there is none
    const report = join(reports, `ace-${locale}`);
    const r = spawnSync(
      process.execPath,
      [join(root, 'node_modules/@daisy/ace-cli/bin/ace.js'), '--force', '--silent', '--outdir', report, join(build.dir, `siggraph-2024-huang-zuckerberg.${locale}.epub`)],
      { encoding: 'utf8', env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: chromium } },
    );
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(report, 'report.json'), 'utf8')) as AceReport;
    const violations = json.assertions.flatMap((a) =>
      a.assertions.map((t) => `${a['earl:testSubject'].url}: ${t['earl:test']['dct:title']} (${t['earl:test']['earl:impact']}) ${t['earl:result'].html ?? ''}`),
    );
    expect(violations).toEqual([]);
    expect(json['earl:result']['earl:outcome']).toBe('pass');
  }, 180_000);
});
