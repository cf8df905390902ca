import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from './paths.js';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI as a user would (through tsx), in the project folder. */
export function runCli(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/cli.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
