// A build that is stopped leaves nothing behind: SIGINT and SIGTERM stop
// Chromium and remove the temporary folders and the lock; after a SIGKILL,
// which no process can catch, Chromium still dies with the build (it hangs
// on the build's pipe), and the next build removes what is left in --out.
// Processes are counted by the process groups of the build's own
// descendants, never by name: other Chromiums on the machine do not count.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockName, stagePrefix } from '../src/io/out-folder.js';
import { runCli } from './helpers/cli.js';
import { root } from './helpers/paths.js';

interface Proc {
  pid: number;
  ppid: number;
  pgid: number;
  cmd: string;
}

/** Every process on the machine, from /proc. */
function processes(): Proc[] {
  return readdirSync('/proc').flatMap((name) => {
    if (!/^\d+$/.test(name)) return [];
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      return [{ pid: Number(name), ppid: Number(fields[1]), pgid: Number(fields[2]), cmd }];
    } catch {
      return []; // gone meanwhile
    }
  });
}

/** The descendants of `pid` (not itself). */
function descendants(pid: number): Proc[] {
  const all = processes();
  const out: Proc[] = [];
  const walk = (p: number) => {
    for (const child of all.filter((x) => x.ppid === p)) {
      out.push(child);
      walk(child.pid);
    }
  };
  walk(pid);
  return out;
}

/** Processes still alive in the given process groups. */
const alive = (groups: Set<number>) => processes().filter((p) => groups.has(p.pgid));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined, timeout = 90_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

interface Running {
  child: ChildProcess;
  out: string;
  temp: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** A PDF build of the real book, in a process group of its own, with its own TMPDIR. */
function startBuild(): Running {
  const dir = mkdtempSync(join(tmpdir(), 'kill-'));
  const out = join(dir, 'out');
  const temp = join(dir, 'tmp');
  mkdirSync(temp);
  const child = spawn(process.execPath, [join(root, 'src/bin.mjs'), 'build', '--formats', 'pdf', '--out', out, '--no-cache'], {
    cwd: root,
    detached: true,
    env: { ...process.env, TMPDIR: temp, SOURCE_DATE_EPOCH: '1722297600' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, out, temp, exit };
}

/** Waits until the build is printing (its page staged, Chromium running), and returns the process groups of its descendants. */
async function whilePrinting(b: Running): Promise<Set<number>> {
  await until('the print page', () => readdirSync(b.temp).find((d) => d.startsWith('pdf-') && existsSync(join(b.temp, d, 'index.html'))));
  const chromium = await until('Chromium', () => {
    const found = descendants(b.child.pid!).filter((p) => /chrom/i.test(p.cmd));
    return found.length >= 2 ? found : undefined;
  });
  await sleep(500);
  const groups = new Set([...descendants(b.child.pid!), ...chromium].map((p) => p.pgid));
  expect(groups.size).toBeGreaterThan(0);
  return groups;
}

describe('a stopped build', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s: stops Chromium, removes its temporary folders and lock, and leaves the outputs as they were', async (signal) => {
    const b = startBuild();
    const groups = await whilePrinting(b);
    process.kill(b.child.pid!, signal);
    const { code, stderr } = await b.exit;
    expect(code).toBe(signal === 'SIGTERM' ? 143 : 130);
    expect(stderr).toMatch(new RegExp(`stopped by ${signal}: the browser is stopped, temporary files are removed`));
    await until('Chromium to be gone', () => (alive(groups).length === 0 ? true : undefined), 10_000);
    // tsx keeps its compile cache in TMPDIR too: that is the runner's, and meant to stay.
    expect(readdirSync(b.temp).filter((n) => !n.startsWith('tsx-'))).toEqual([]);
    expect(readdirSync(b.out)).toEqual([]);
  }, 180_000);

  it('SIGKILL: no process of the build outlives it, and the next build removes what it left in --out', async () => {
    const b = startBuild();
    const groups = await whilePrinting(b);
    const before = alive(groups).length;
    expect(before).toBeGreaterThan(1); // the build's Chromium, with its helpers
    process.kill(b.child.pid!, 'SIGKILL');
    expect((await b.exit).signal).toBe('SIGKILL');
    const left = await until('the build\'s processes to be gone', () => (alive(groups).length === 0 ? [] : undefined), 15_000).catch(() => alive(groups));
    // Whatever the outcome, leave no process of this test running.
    for (const g of groups) {
      try {
        process.kill(-g, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    expect(left.map((p) => `${p.pid} ${p.cmd.slice(0, 80)}`)).toEqual([]);
    // What SIGKILL could not clean: the lock and the staging folder in --out.
    const leftInOut = readdirSync(b.out);
    expect(leftInOut).toContain(lockName);
    expect(leftInOut.filter((n) => n.startsWith(stagePrefix) && n !== lockName)).toHaveLength(1);
    const next = runCli(['build', '--formats', 'json', '--out', b.out], { SOURCE_DATE_EPOCH: '1722297600' });
    expect(next.status, next.stderr).toBe(0);
    expect(readdirSync(b.out)).toEqual(['siggraph-2024-huang-zuckerberg.book.json']);
  }, 180_000);
});
