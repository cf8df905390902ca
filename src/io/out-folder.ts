// The output folder, shared by every build into it: a lock, so that two
// builds cannot interleave their files; a private staging folder per build
// (in --out, so that moving the finished set into place is a rename on one
// file system); and the removal of what a killed build left there.
import { readFileSync, unlinkSync } from 'node:fs';
import { lstat, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { BookError } from '../errors.js';
import { onInterrupt } from './interrupts.js';

export const lockName = '.transcript-press.lock';
/** Staging folders are `<stagePrefix><random>`; any left when a build holds the lock are stale. */
export const stagePrefix = '.transcript-press-';

interface LockOwner {
  pid: number;
  host: string;
  /** The process's start time (Linux: /proc/<pid>/stat field 22), so a reused pid is not taken for the owner. */
  start: string | undefined;
  since: string;
}

/** Fields 3 onwards of /proc/<pid>/stat (Linux), or undefined where there is no /proc. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** When `pid` started (field 22), where the system says. */
const startOf = (pid: number): string | undefined => procStat(pid)?.[19];

function isRunning(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // another machine's build (a shared disk): assume it runs
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = procStat(owner.pid);
  if (stat?.[0] === 'Z') return false; // killed, not yet reaped by its parent
  const start = stat?.[19];
  return owner.start === undefined || start === undefined || start === owner.start;
}

export interface OutFolderLock {
  release(): Promise<void>;
}

/**
 * Take the output folder's lock, or fail in one line if another build holds
 * it. A lock whose build is gone (killed) is taken over. The lock file is
 * made with O_EXCL: nothing already at its path, a symlink included, is
 * followed or reused.
 */
export async function lockOutFolder(out: string): Promise<OutFolderLock> {
  const file = join(out, lockName);
  const me: LockOwner = { pid: process.pid, host: hostname(), start: startOf(process.pid), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(file, `${JSON.stringify(me)}\n`, { flag: 'wx', mode: 0o644 });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
    }
    const found = await lstat(file);
    if (!found.isFile()) {
      throw new BookError(
        'output',
        `${file} is not a lock file of this tool, but a ${found.isSymbolicLink() ? 'symbolic link' : 'folder or device'}; it is left as it is.`,
        'remove it: a build makes its own lock there.',
        { file },
      );
    }
    let owner: LockOwner | undefined;
    try {
      owner = JSON.parse(await readFile(file, 'utf8')) as LockOwner;
    } catch {
      owner = undefined; // unreadable or half-written: treated as held, below
    }
    if (owner === undefined || isRunning(owner)) {
      throw new BookError(
        'busy',
        `another build is writing into ${out}${owner ? ` (process ${owner.pid} on ${owner.host}, since ${owner.since})` : ''}.`,
        `wait for it to finish and run again; if no build is running, delete ${file}.`,
        { file: out },
      );
    }
    await rm(file, { force: true }); // its build is gone: take the lock over
  }
  const unregister = onInterrupt(() => unlinkSync(file));
  return {
    async release() {
      unregister();
      await rm(file, { force: true });
    },
  };
}

/** Remove staging folders a stopped build left in `out`; only call with the lock held. Returns their names. */
export async function removeStaleStages(out: string): Promise<string[]> {
  const stale = (await readdir(out, { withFileTypes: true })).filter((d) => d.name.startsWith(stagePrefix) && d.name !== lockName);
  await Promise.all(stale.map((d) => rm(join(out, d.name), { recursive: true, force: true })));
  return stale.map((d) => d.name);
}
