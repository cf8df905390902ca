// Private temporary folders. mkdtemp makes a new folder with an unguessable
// name and mode 0700, and fails rather than reuse anything already there: a
// symlink planted at a predictable path cannot redirect what a build writes.
// Each folder is removed when its work is done, or when the build is stopped
// by a signal (io/interrupts.ts).
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onInterrupt } from './interrupts.js';

export interface TempFolder {
  path: string;
  remove(): Promise<void>;
}

export async function makeTempFolder(prefix: string, parent: string = tmpdir()): Promise<TempFolder> {
  const path = await mkdtemp(join(parent, prefix));
  const unregister = onInterrupt(() => rmSync(path, { recursive: true, force: true }));
  return {
    path,
    async remove() {
      try {
        await rm(path, { recursive: true, force: true, maxRetries: 3 });
      } finally {
        unregister();
      }
    },
  };
}
