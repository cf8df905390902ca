// The only code that reads and writes files. Writes are atomic: a file is
// written beside its target and renamed into place, so a failed build never
// leaves a half-written output or destroys the previous one.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join, basename } from 'node:path';
import { BookError, inputError } from '../errors.js';
import { decodeUtf8 } from './text.js';

export async function readText(file: string, label = 'file'): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw inputError(
      `cannot read the ${label} (${code === 'ENOENT' ? 'no such file' : code}).`,
      `check the path, or pass the right folder with --manuscript.`,
      { file },
    );
  }
  return decodeUtf8(bytes, file);
}

export async function readOptionalText(file: string): Promise<string | undefined> {
  try {
    return decodeUtf8(await readFile(file), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Write `data` to `file` atomically (temp file in the same folder, then rename). */
export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BookError('usage', `cannot make the output folder ${dirname(file)} (${code}).`, 'pass --out a folder you can write to (not an existing file).', { file: dirname(file) });
  }
  // An unguessable name, created exclusively: a symlink planted at a temporary
  // path is never followed (a pid-based name could be planted in advance).
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
