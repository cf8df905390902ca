import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './paths.js';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the CLI as a user would (src/bin.mjs, the package's `bin`), in the
 * project folder. A build here is made for real: `--no-cache` is added
 * unless the test sets the cache flags itself (test/cache.test.ts).
 */
export function runCli(args: string[], env: Record<string, string> = {}): Run {
  const cacheFlag = args[0] === 'build' && !args.some((a) => /^--(no-|clear-)?cache/.test(a)) ? ['--no-cache'] : [];
  const r = spawnSync(process.execPath, [join(root, 'src/bin.mjs'), ...args, ...cacheFlag], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
