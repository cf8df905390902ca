import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

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
