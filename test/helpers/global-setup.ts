// Once per `vitest run`: the folder of the builds the test files share
// (test/helpers/shared-build.ts), removed at the end. Worker processes
// inherit the variable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'tp-builds-'));
  process.env.TP_SHARED_BUILDS = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
