import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { inputError } from '../errors.js';

/** The files of a manuscript folder that a build reads: everything a book's outputs are made from. */
export const manuscriptFiles = (dir: string) => ({
  manuscript: join(dir, 'manuscript.md'),
  edits: join(dir, 'edits.json'),
  timeline: join(dir, 'timeline.yaml'),
});

const isFile = (path: string) => stat(path).then((s) => s.isFile(), () => false);

/**
 * The book folders that `--manuscript` names: each one that holds a
 * manuscript.md, and for a folder that holds none, its subfolders that do
 * (a publisher's folder of books), by name. A path that is no folder is kept
 * as it is, so that reading it reports it.
 */
export async function findBookFolders(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    const isDir = await stat(path).then((s) => s.isDirectory(), () => false);
    if (!isDir || (await isFile(manuscriptFiles(path).manuscript))) {
      found.push(path);
      continue;
    }
    const names = (await readdir(path, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    const books: string[] = [];
    for (const name of names) if (await isFile(manuscriptFiles(join(path, name)).manuscript)) books.push(join(path, name));
    if (books.length === 0) {
      throw inputError('holds no manuscript.md, and none of its subfolders does.', 'pass --manuscript a book folder (with manuscript.md) or a folder of book folders.', { file: path });
    }
    found.push(...books);
  }
  // A folder named twice (or also through its parent) is one book.
  return found.filter((path, i) => found.findIndex((p) => resolve(p) === resolve(path)) === i);
}

/** The line of the front matter's `id:` in a manuscript (for the message when two books share one). */
export async function idLine(dir: string): Promise<number | undefined> {
  const text = await readFile(manuscriptFiles(dir).manuscript, 'utf8').catch(() => '');
  const at = text.split('\n').findIndex((l) => /^id\s*:/.test(l));
  return at < 0 ? undefined : at + 1;
}
