// The output folder: one build at a time, temporary files that no planted
// symlink can redirect, and a machine's failures (read-only or full disk, a
// name too long) as one line each, with the earlier outputs left as they were.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from '../src/io/files.js';
import { lockName, stagePrefix } from '../src/io/out-folder.js';
import { runCli } from './helpers/cli.js';
import { fixture, root } from './helpers/paths.js';

const dated = { SOURCE_DATE_EPOCH: '1722297600' };
const book = fixture('books/fuzz');
const jsonName = 'fuzz-talk.book.json';

function expectOneLine(r: { status: number | null; stderr: string }, status: number, pattern: RegExp) {
  expect(r.status, r.stderr).toBe(status);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** A snapshot of every file under `dir` (content, or a symlink's target). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[p] = `-> ${readlinkSync(p)}`;
      else if (st.isDirectory()) walk(p);
      else out[p] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

describe('one build at a time into a folder', () => {
  it('a second build while another holds the lock stops in one line (exit 75); a lock whose build is gone is taken over', () => {
    const out = mkdtempSync(join(tmpdir(), 'lock-'));
    // A live process holds the lock, as a running build would.
    const holder = spawn('sleep', ['60']);
    const start = readFileSync(`/proc/${holder.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19];
    writeFileSync(join(out, lockName), JSON.stringify({ pid: holder.pid, host: hostname(), start, since: '2024-07-29T00:00:00Z' }));
    try {
      const busy = runCli(['build', '--manuscript', book, '--out', out, '--formats', 'json'], dated);
      expectOneLine(busy, 75, new RegExp(`another build is writing into .* \\(process ${holder.pid} on .*\\)\\. Fix: wait for it to finish`));
      expect(readdirSync(out)).toEqual([lockName]);
    } finally {
      holder.kill('SIGKILL');
    }
    spawnSync('sleep', ['0.2']);
    const after = runCli(['build', '--manuscript', book, '--out', out, '--formats', 'json'], dated);
    expect(after.status, after.stderr).toBe(0);
    expect(readdirSync(out)).toEqual([jsonName]);
  });

  it('two builds started together into one folder: one writes, the other waits its turn or stops, never interleaved', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lock-'));
    const run = () =>
      new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const c = spawn(process.execPath, [join(root, 'src/bin.mjs'), 'build', '--manuscript', book, '--out', out, '--formats', 'json,epub', '--no-cache'], { cwd: root, env: { ...process.env, ...dated } });
        let stderr = '';
        c.stderr.on('data', (d) => (stderr += String(d)));
        c.on('exit', (status) => resolve({ status, stderr }));
      });
    const results = await Promise.all([run(), run()]);
    for (const r of results) {
      if (r.status !== 0) expectOneLine(r, 75, /another build is writing into/);
    }
    expect(results.some((r) => r.status === 0)).toBe(true);
    expect(readdirSync(out).sort()).toEqual([jsonName, 'fuzz-talk.zh-Hans.epub', 'fuzz-talk.zh-Hant-vertical.epub', 'fuzz-talk.zh-Hant.epub']);
  }, 120_000);
});

describe('symlinks planted in --out', () => {
  it('are replaced, never followed: nothing outside --out changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plant-'));
    const out = join(dir, 'out');
    const outside = join(dir, 'outside');
    mkdirSync(out);
    mkdirSync(join(outside, 'folder'), { recursive: true });
    writeFileSync(join(outside, 'victim.json'), 'precious');
    writeFileSync(join(outside, 'folder', 'keep.txt'), 'precious too');
    // At every name the build writes or removes in --out: each output, and what looks like a stale staging folder.
    symlinkSync(join(outside, 'victim.json'), join(out, jsonName));
    symlinkSync(join(outside, 'victim.json'), join(out, 'fuzz-talk.zh-Hant.epub'));
    symlinkSync(join(outside, 'folder'), join(out, `${stagePrefix}planted`));
    const before = snapshot(outside);
    const r = runCli(['build', '--manuscript', book, '--out', out, '--formats', 'json,epub', '--editions', 'zh-Hant'], dated);
    expect(r.status, r.stderr).toBe(0);
    expect(snapshot(outside)).toEqual(before);
    expect(readdirSync(out).sort()).toEqual([jsonName, 'fuzz-talk.zh-Hant.epub']);
    for (const name of readdirSync(out)) expect(lstatSync(join(out, name)).isFile(), name).toBe(true);
  }, 60_000);

  it('a symlink at the lock\'s path is not followed: the build stops in one line and the target is untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plant-'));
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(dir, 'victim'), 'precious');
    symlinkSync(join(dir, 'victim'), join(out, lockName));
    const r = runCli(['build', '--manuscript', book, '--out', out, '--formats', 'json'], dated);
    expectOneLine(r, 73, /\.transcript-press\.lock is not a lock file of this tool, but a symbolic link; it is left as it is\. Fix: remove it/);
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('precious');
  });
});

describe('files written beside their target (the cleaner\'s manuscript and edits)', () => {
  it('take an unguessable name, created exclusively: a symlink at the old predictable name is never followed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    writeFileSync(join(dir, 'victim'), 'precious');
    // Until now the temporary name was `.<file>.<pid>.tmp`: plant it.
    symlinkSync(join(dir, 'victim'), join(dir, `.manuscript.md.${process.pid}.tmp`));
    await writeAtomic(join(dir, 'manuscript.md'), 'new text');
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('precious');
    expect(readFileSync(join(dir, 'manuscript.md'), 'utf8')).toBe('new text');
    expect(readdirSync(dir).sort()).toEqual([`.manuscript.md.${process.pid}.tmp`, 'manuscript.md', 'victim']);
  });
});

/**
 * The build in a mount namespace of its own, on a fresh tmpfs (mounted with
 * `opts`) at `out`, with `earlier` written there first; then what the folder
 * holds afterwards (names, and the earlier JSON's content).
 */
function buildOnTmpfs(out: string, opts: string, earlier?: string) {
  const cli = [process.execPath, join(root, 'src/bin.mjs'), 'build', '--manuscript', book, '--out', out, '--formats', 'json,epub', '--editions', 'zh-Hant', '--no-cache'];
  const script = [
    `mount -t tmpfs -o ${opts} tmpfs "$1" || exit 99`,
    earlier === undefined ? '' : `printf '%s' "$2" > "$1/${jsonName}"`,
    'out="$1"; shift 2; "$@" >/dev/null; status=$?',
    `echo "$(ls -A "$out" | tr '\\n' ' ')"; cat "$out/${jsonName}" 2>/dev/null; exit $status`,
  ].join('\n');
  const r = spawnSync('unshare', ['-rm', 'sh', '-c', script, 'sh', out, earlier ?? '', ...cli], { cwd: root, encoding: 'utf8', env: { ...process.env, ...dated } });
  const [names = '', ...json] = r.stdout.split('\n');
  return { status: r.status, stderr: r.stderr, after: names.trim().split(' ').filter(Boolean), json: json.join('\n') };
}

describe('a machine that cannot take the outputs', () => {
  it('can make a private tmpfs for these tests (unshare -rm)', () => {
    const r = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs tmpfs "$1"', 'sh', mkdtempSync(join(tmpdir(), 'ns-'))], { encoding: 'utf8' });
    expect(r.status, `unshare -rm cannot mount a tmpfs here: ${r.stderr}`).toBe(0);
  });

  it('a read-only --out: one line, exit 73', () => {
    const out = mkdtempSync(join(tmpdir(), 'ro-'));
    const r = buildOnTmpfs(out, 'ro,size=1m');
    expect(r.after).toEqual([]);
    expectOneLine(r, 73, /failed: the file system is read-only \(EROFS\)\. Fix: choose --out on a disk that can be written to\. Earlier outputs are as they were\./);
  });

  it('a full --out: one line, exit 73, the earlier outputs as they were and no staging or lock left', () => {
    const out = mkdtempSync(join(tmpdir(), 'full-'));
    // Room for the JSON and the lock, not for an EPUB with its fonts.
    const r = buildOnTmpfs(out, 'size=64k', 'earlier');
    expectOneLine(r, 73, /failed: the disk is full \(ENOSPC\)\. Fix: free some space/);
    expect(r.after).toEqual([jsonName]);
    expect(r.json).toBe('earlier');
  }, 60_000);

  it('a name too long for the file system: one line, exit 73', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'long-')), 'x'.repeat(300));
    const r = runCli(['build', '--manuscript', book, '--out', out, '--formats', 'json'], dated);
    expectOneLine(r, 73, /cannot make the output folder .*: a file name is too long for the file system \(ENAMETOOLONG\)\. Fix: choose a shorter path/);
    expect(existsSync(out)).toBe(false);
  });
});
