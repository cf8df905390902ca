import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const epubcheckJar = '/usr/share/java/epubcheck.jar';

/**
 * epubcheck's own output for one EPUB ('' when it finds nothing). The JVM is
 * started for a short run: C1 only and the serial collector roughly halve
 * the time of one check, and change nothing it reports.
 */
export function epubcheck(file: string): { status: number | null; output: string } {
  if (!existsSync(epubcheckJar)) throw new Error('epubcheck is missing: apt-get install -y epubcheck (or npm run setup)');
  const r = spawnSync('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto', '-jar', epubcheckJar, '--quiet', file], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

const jvmFlags = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto'];

/**
 * epubcheck's output for each of `files`, in one JVM when the Java
 * installed can run a source file (a JDK); else one run each.
 */
export function epubcheckAll(files: string[]): { file: string; status: number | null; output: string }[] {
  if (files.length === 0) return [];
  if (!existsSync(epubcheckJar)) throw new Error('epubcheck is missing: apt-get install -y epubcheck (or npm run setup)');
  const runner = fileURLToPath(new URL('./EpubcheckAll.java', import.meta.url));
  const r = spawnSync('java', [...jvmFlags, '-cp', epubcheckJar, runner, ...files], { encoding: 'utf8' });
  const blocks = [...r.stdout.matchAll(/^== (.*)\n([\s\S]*?)^== exit (-?\d+)$/gm)];
  if (r.status !== 0 || blocks.length !== files.length) return files.map((file) => ({ file, ...epubcheck(file) }));
  return blocks.map((m) => ({ file: m[1]!, status: Number(m[3]), output: m[2]!.trim() }));
}

/**
 * epubcheck for the files of one batch (a test file's EPUBs), run together
 * in one JVM the first time any of them is asked for: a test per file, one
 * start of Java. The files must exist by then (built in beforeAll).
 */
export function epubcheckBatched(batch: string[]): (file: string) => { status: number | null; output: string } {
  let results: Map<string, { status: number | null; output: string }> | undefined;
  return (file) => {
    results ??= new Map(epubcheckAll(batch).map((r) => [r.file, r]));
    const r = results.get(file);
    if (!r) throw new Error(`${file} is not in the epubcheck batch`);
    return r;
  };
}
