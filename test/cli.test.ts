// Bad input through the command line: one message (file:line, what, fix),
// a non-zero exit, no stack trace, and the previous outputs left intact.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { bookDir, root } from './helpers/paths.js';

// A copy outside git has no commit date: the build date comes from the environment.
const dated = { SOURCE_DATE_EPOCH: '1722211200' };

function tempCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'book-'));
  cpSync(bookDir, dir, { recursive: true });
  return dir;
}

function expectOneMessage(r: { status: number | null; stderr: string }, pattern: RegExp) {
  expect(r.status).not.toBe(0);
  expect(r.status).not.toBe(1); // 1 is an internal error
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('build with bad input', () => {
  it('names file:line, exits non-zero and leaves the previous outputs intact', () => {
    const dir = tempCopy();
    const out = mkdtempSync(join(tmpdir(), 'out-'));
    const ok = runCli(['build', '--manuscript', dir, '--out', out, '--formats', 'json'], dated);
    expect(ok.status).toBe(0);
    const jsonFile = join(out, 'siggraph-2024-huang-zuckerberg.book.json');
    const before = readFileSync(jsonFile, 'utf8');

    const md = join(dir, 'manuscript.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace('扎克伯格：是的，當然。', '馬克祖：是的，當然。'));
    const bad = runCli(['build', '--manuscript', dir, '--out', out, '--formats', 'json'], dated);
    expectOneMessage(bad, /^error: .*manuscript\.md:\d+: 「馬克祖：」 opens the paragraph like a turn label, but 「馬克祖」 is not a speaker or an alias\. Fix: /);
    expect(readFileSync(jsonFile, 'utf8')).toBe(before);
  });

  it('shows the stack trace only with --debug', () => {
    const dir = tempCopy();
    writeFileSync(join(dir, 'manuscript.md'), '');
    expectOneMessage(runCli(['build', '--manuscript', dir, '--out', dir]), /manuscript\.md:1: the manuscript is empty\./);
    const debug = runCli(['build', '--manuscript', dir, '--out', dir, '--debug']);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('refuses an --out that is a file, in one line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'outfile-')), 'not-a-folder');
    writeFileSync(file, 'keep me');
    const r = runCli(['build', '--formats', 'json', '--out', file]);
    expectOneMessage(r, /cannot make the output folder .*not-a-folder \(EEXIST\)\. Fix: pass --out a folder/);
    expect(r.status).toBe(64);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('rejects an unknown option with a usage message', () => {
    expectOneMessage(runCli(['build', '--page-size', 'B5']), /--page-size: 「B5」 is not one of A5, A4, Letter, HalfLetter/);
    expectOneMessage(runCli(['build', '--base-url', 'books.example.org']), /--base-url: 「books\.example\.org」 is not an absolute URL\./);
    expectOneMessage(runCli(['build', '--base-url', 'ftp://books.example.org/']), /--base-url: 「ftp:\/\/books\.example\.org\/」 is not an http or https URL\./);
  });

  it('rejects a signature or a paper thickness a printer would not use', () => {
    expectOneMessage(runCli(['build', '--press', '--signature', '8']), /--signature: 「8」 is not one of 4, 16, 32\./);
    expectOneMessage(runCli(['build', '--press', '--paper-thickness', '2']), /--paper-thickness: 「2」 is not a thickness in mm between 0 and 1/);
  });

  it('rejects an empty or unknown list of formats or editions, naming the choices', () => {
    const empty = runCli(['build', '--formats', ',']);
    expectOneMessage(empty, /--formats is empty\./);
    expect(empty.status).toBe(64);
    expectOneMessage(runCli(['build', '--formats', 'mobi']), /--formats: 「mobi」 is not one of json, epub, cover, pdf, press, cover-sheet, booklet, opds, site\./);
    expectOneMessage(runCli(['build', '--editions', 'zh-HK']), /--editions: 「zh-HK」 is not one of zh-Hant, zh-Hans, zh-Hant-vertical\./);
  });
});

describe('build without a browser', () => {
  it('writes JSON, EPUB and covers, then fails the PDF step (and the site that lists the PDFs) in one line that says how to get Chromium', () => {
    const out = mkdtempSync(join(tmpdir(), 'nobrowser-'));
    const r = runCli(['build', '--out', out], { CHROME_PATH: '/nowhere/chromium' });
    expectOneMessage(r, /CHROME_PATH is 「\/nowhere\/chromium」, which is not an executable file; not made: pdf zh-Hant, pdf zh-Hans, pdf zh-Hant-vertical, opds, site\. Fix: .*apt-get install -y chromium/);
    expect(r.status).toBe(69);
    const written = readdirSync(out).sort();
    expect(written).toEqual([
      'covers',
      'siggraph-2024-huang-zuckerberg.book.json',
      'siggraph-2024-huang-zuckerberg.zh-Hans.epub',
      'siggraph-2024-huang-zuckerberg.zh-Hant-vertical.epub',
      'siggraph-2024-huang-zuckerberg.zh-Hant.epub',
    ]);
  });
});

describe('clean with bad decisions', () => {
  it('stops on a quote that is not found, naming the decision\'s line', () => {
    const dir = tempCopy();
    const file = join(dir, 'decisions.yaml');
    const text = readFileSync(file, 'utf8').replace('quote: AI 產品的未來：就算現在模型停止迭代', 'quote: AI 產品的過去');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('AI 產品的過去')) + 1;
    expectOneMessage(runCli(['clean', '--content', dir]), new RegExp(`decisions\\.yaml:${line}: quote 「AI 產品的過去」 is not found`));
  });
  it('stops on a source that is not UTF-8, naming its line', () => {
    const dir = tempCopy();
    const file = join(dir, 'source.txt');
    const text = readFileSync(file);
    // 「你」 in Big5 (0xA7 0x41) on line 3, as a scrape saved in the wrong encoding would have it.
    writeFileSync(file, Buffer.concat([text.subarray(0, text.indexOf(0x0a, text.indexOf(0x0a) + 1) + 1), Buffer.from([0xa7, 0x41, 0x0a]), text.subarray(text.indexOf(0x0a, text.indexOf(0x0a) + 1) + 1)]));
    expectOneMessage(runCli(['clean', '--content', dir]), /source\.txt:3: not UTF-8: invalid byte sequence a7 41.*Fix: convert the file to UTF-8/);
  });

  it('stops on a quote that is found twice', () => {
    const dir = tempCopy();
    const file = join(dir, 'decisions.yaml');
    const text = readFileSync(file, 'utf8').replace('quote: AI 產品的未來：就算現在模型停止迭代', 'quote: 推薦系統');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('quote: 推薦系統')) + 1;
    expectOneMessage(runCli(['clean', '--content', dir]), new RegExp(`decisions\\.yaml:${line}: quote 「推薦系統」 is found \\d+ times`));
    // The committed manuscript in the copy is untouched.
    expect(readFileSync(join(dir, 'manuscript.md'), 'utf8')).toBe(readFileSync(join(bookDir, 'manuscript.md'), 'utf8'));
  });
});

describe('the command line', () => {
  it('answers --help, -h, help, --version and each command\'s --help, exit 0, on stdout', () => {
    for (const args of [['--help'], ['-h'], ['help'], []]) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^Usage: transcript-press <command> \[options\]/);
      expect(r.stdout).toMatch(/^ {2}build +build every edition/m);
      for (const c of ['clean', 'new', 'preview', 'help']) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
    }
    const version = runCli(['--version']);
    expect(version.stdout).toBe(`transcript-press ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
    for (const c of ['build', 'clean', 'new', 'preview']) {
      const a = runCli([c, '--help']);
      const b = runCli(['help', c]);
      expect(a.status).toBe(0);
      expect(a.stdout).toBe(b.stdout);
      expect(a.stdout).toMatch(new RegExp(`^Usage: transcript-press ${c}`));
      expect(a.stdout).toMatch(/\nExamples:\n {2}transcript-press /);
    }
    // The help lists the writers and editions from their tables.
    expect(runCli(['build', '--help']).stdout).toMatch(/--formats LIST +writers to run, comma-separated \(json, epub, cover, pdf, press, cover-sheet, booklet, opds, site\); default: json, epub, cover, pdf, opds, site/);
  });

  it('runs the sources compiled into the cache, without tsx\'s module loader thread; through tsx when asked, the same answers', () => {
    // The loader's hooks thread takes a fifth of a second to start (src/bin.mjs): a preload marks its start on stderr.
    const dir = mkdtempSync(join(tmpdir(), 'loader-'));
    const preload = join(dir, 'mark-loader.cjs');
    writeFileSync(preload, "const m = require('node:module'); const register = m.register; m.register = function (...a) { process.stderr.write('[loader thread]\\n'); return register.apply(this, a); }; m.syncBuiltinESMExports();\n");
    const withMark = { NODE_OPTIONS: `--require ${preload}` };
    for (const args of [['--help'], [], ['help', 'build'], ['new', '--help'], ['--version'], ['build', '--formats', 'json', '--out', join(dir, 'out')]]) {
      const r = runCli(args, withMark);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stderr, args.join(' ')).toBe('');
    }
    const wrong = runCli(['help', 'nope'], withMark);
    expect(wrong.status).toBe(64);
    expect(wrong.stderr).toMatch(/^error: command line: there is no command 「nope」/);
    // TRANSCRIPT_PRESS_TSX=1 (and a cache that cannot be written): the sources through tsx, the same answers.
    const viaTsx = { ...withMark, TRANSCRIPT_PRESS_TSX: '1' };
    expect(runCli(['--help'], viaTsx)).toEqual({ status: 0, stdout: runCli(['--help']).stdout, stderr: '[loader thread]\n' });
    const wrongViaTsx = runCli(['help', 'nope'], viaTsx);
    expect([wrongViaTsx.status, wrongViaTsx.stderr]).toEqual([64, `[loader thread]\n${wrong.stderr}`]);
  });

  it('compiles the sources again when one changes: never a stale program', () => {
    // A copy of the tool whose help says something else: the copy runs its own sources.
    const copy = mkdtempSync(join(tmpdir(), 'tool-'));
    cpSync(join(root, 'src'), join(copy, 'src'), { recursive: true, filter: (f) => !f.includes(`${join(root, 'src', 'content')}`) });
    for (const f of ['package.json', 'tsconfig.json']) cpSync(join(root, f), join(copy, f));
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    const help = () => spawnSync(process.execPath, [join(copy, 'src/bin.mjs'), '--help'], { encoding: 'utf8' }).stdout;
    expect(help()).toBe(runCli(['--help']).stdout);
    // Its own program (it reads its own styles and templates), not the one compiled for this checkout.
    const programs = () => readdirSync(join(root, 'node_modules/.cache/transcript-press-cli')).filter((n) => !n.includes('.tmp-'));
    const before = programs();
    const file = join(copy, 'src/cli-args.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Turns a cleaned interview transcript', 'Turns a changed transcript'));
    expect(help()).toMatch(/^Turns a changed transcript into EPUB/m);
    expect(programs().filter((n) => !before.includes(n))).toHaveLength(1);
  });

  it('refuses options of another command, empty values and contradictions as usage errors (64)', () => {
    for (const [args, pattern] of [
      [['clean', '--out', 'x'], /Unknown option '--out'/],
      [['build', '--out', ''], /--out is empty\./],
      [['build', '--quiet', '--verbose'], /--quiet and --verbose contradict each other\./],
      [['build', '--editions', 'zh-Hant-vertical,'], /--editions: 「zh-Hant-vertical,」 has an empty name \(a comma too many\)\./],
      [['build', '--formats', 'json,,epub'], /--formats: 「json,,epub」 has an empty name/],
      [['new', '--source', 'x.txt'], /`new` needs the folder of the new book/],
      [['preview', '--port', 'x'], /--port: 「x」 is not a port number/],
      [['frobnicate'], /unknown command 「frobnicate」; the commands are build, clean, new, preview\./],
    ] as const) {
      const r = runCli([...args]);
      expectOneMessage(r, pattern);
      expect(r.status, args.join(' ')).toBe(64);
    }
  });

  it('reports progress on stderr only when asked, and the summary of what was made on stdout', () => {
    const out = mkdtempSync(join(tmpdir(), 'summary-'));
    const normal = runCli(['build', '--formats', 'json', '--out', out]);
    expect(normal.status).toBe(0);
    expect(normal.stderr).toBe('');
    expect(normal.stdout).toMatch(/^artifact +size +pages +time\n.*siggraph-2024-huang-zuckerberg\.book\.json +\d+ KB +[\d.]+ s\n1 files in [\d.]+ s\n$/);
    const verbose = runCli(['build', '--formats', 'json', '--out', out, '--verbose']);
    expect(verbose.stderr).toMatch(/^json: [\d.]+ s\nwrote .*book\.json \(\d+ KB, [\d.]+ s\)\n$/);
    const quiet = runCli(['build', '--formats', 'json', '--out', out, '--quiet']);
    expect(quiet.stderr).toBe('');
  });
});
