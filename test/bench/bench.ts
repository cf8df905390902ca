// `npm run bench`: the PDF step for one edition (zh-Hant, A5) against a bare
// `chromium --headless --print-to-pdf` of the same final HTML, for this book
// and for a synthetic one 100 times as long (its conversation repeated, with
// fresh ids, until the text is 100 times the manuscript's). Each run
// is a child process, so that its memory (node + every Chromium process, as
// PSS, and as RSS for comparison) is measured alone, sampled from /proc in a
// separate run (sampling costs CPU, so the timed runs are not sampled).
// Targets: time ≤ 1.1 × bare Chromium, peak memory ≤ 1.5 GB. Then the whole
// tool: the default build cold (≤ 1.3 × bare prints), a rebuild with nothing
// changed (≤ 0.5 s of the tool's own time), and the EPUB step against pandoc.
// Also the time the printer's files add to a build (--press: press interior
// and cover, through Ghostscript; --booklet), made from the same PDF; no target.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium } from '../../src/io/browser.js';
import { editionIds } from '../../src/model/edition.js';
import { root } from '../helpers/paths.js';

/** Loose lines and 孤字 before and after the justification pass (src/write/pdf/justify.ts). */
type Justification = { before: { loose: number; orphans: number }; after: { loose: number; orphans: number }; tracked: number };

const runs = Number(process.env.BENCH_RUNS ?? 3);
const cases = [
  { name: 'this book', factor: 1 },
  { name: 'book ×100 (synthetic)', factor: Number(process.env.BENCH_FACTOR ?? 100) },
];

interface Sample {
  seconds: number;
  /** CPU seconds (user + system) of the command and the children it waited for (GNU time), or NaN. */
  cpu: number;
  pssMB: number;
  rssMB: number;
  stdout: string;
}

/** Pids of `pid` and all its descendants. */
async function tree(pid: number): Promise<number[]> {
  const parent = new Map<number, number>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const s = await readFile(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may contain spaces and parentheses.
      parent.set(Number(name), Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended meanwhile.
    }
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const [p, pp] of parent) if (pp === out[i]) out.push(p);
  return out;
}

async function memoryOf(pids: number[]): Promise<{ pss: number; rss: number }> {
  let pss = 0;
  let rss = 0;
  for (const pid of pids) {
    try {
      const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return { pss: pss / 1024, rss: rss / 1024 };
}

/** Run a command; wall time and (if `sample`) peak memory of its whole process tree. */
function measure(cmd: string, args: string[], sample = false, env: NodeJS.ProcessEnv = process.env): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // GNU time adds its own fork (a millisecond) and gives the CPU time; not in the memory runs, whose tree is the command's.
    const timed = !sample && existsSync('/usr/bin/time');
    const cpuFile = join(tmpdir(), `bench-cpu-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const child = timed ? spawn('/usr/bin/time', ['-f', '%U %S', '-o', cpuFile, cmd, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env }) : spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peak = { pss: 0, rss: 0 };
    let sampling = false;
    let pids: number[] = [];
    let tick = 0;
    const timer = setInterval(async () => {
      if (!sample || sampling || child.pid === undefined) return;
      sampling = true;
      if (tick++ % 4 === 0) pids = await tree(child.pid);
      const m = await memoryOf(pids);
      peak = { pss: Math.max(m.pss, peak.pss), rss: Math.max(m.rss, peak.rss) };
      sampling = false;
    }, 50);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - t0) / 1000;
      let cpu = NaN;
      if (timed) {
        const [user, sys] = (existsSync(cpuFile) ? readFileSync(cpuFile, 'utf8') : '').trim().split('\n').pop()!.split(' ').map(Number);
        cpu = user! + sys!;
        rmSync(cpuFile, { force: true });
      }
      if (code !== 0) reject(new Error(`${cmd} exited with ${code}: ${stderr.split('\n').slice(-5).join('\n')}`));
      else resolve({ seconds, cpu, pssMB: peak.pss, rssMB: peak.rss, stdout });
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const chromium = findChromium();
  const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
  const rows: string[][] = [];
  for (const c of cases) {
    const dir = await mkdtemp(join(tmpdir(), 'bench-'));
    try {
      const ours: { step: number; wall: number; pss: number; rss: number; pages: number; prints: number; blocked: number; timings: Record<string, number>; press: number; booklet: number; justification?: Justification }[] = [];
      for (let i = 0; i <= runs; i++) {
        // Run 0 is sampled for memory; the others are timed.
        const s = await measure(process.execPath, [tsx, join(root, 'test/bench/pdf-step.ts'), String(c.factor), dir, 'A5', 'zh-Hant', i === 0 ? 'no-print' : 'print'], i === 0);
        const r = JSON.parse(s.stdout.trim().split('\n').pop()!) as { seconds: number; pages: number; prints: number; blocked: number; timings: Record<string, number>; press: number; booklet: number; justification?: Justification };
        ours.push({ step: r.seconds, wall: s.seconds, pss: s.pssMB, rss: s.rssMB, pages: r.pages, prints: r.prints, blocked: r.blocked, timings: r.timings, press: r.press, booklet: r.booklet, justification: r.justification });
      }
      const html = pathToFileURL(join(dir, 'page/zh-Hant/index.html')).href;
      const bare: Sample[] = [];
      for (let i = 0; i <= runs; i++) {
        bare.push(await measure(chromium, ['--headless', '--no-sandbox', '--no-pdf-header-footer', `--print-to-pdf=${join(dir, 'bare.pdf')}`, html], i === 0));
      }
      const last = ours[ours.length - 1]!;
      const step = median(ours.slice(1).map((o) => o.step));
      const bareSeconds = median(bare.slice(1).map((b) => b.seconds));
      const peak = ours[0]!.pss;
      const ratio = step / bareSeconds;
      const [oursSize, bareSize] = await Promise.all([stat(join(dir, 'ours.pdf')), stat(join(dir, 'bare.pdf'))]);
      rows.push([
        c.name,
        String(last.pages),
        `${step.toFixed(2)} s`,
        `${bareSeconds.toFixed(2)} s`,
        `${ratio.toFixed(2)}× ${ratio <= 1.1 ? 'ok' : 'OVER'}`,
        `${peak.toFixed(0)} MB ${peak <= 1536 ? 'ok' : 'OVER'} (RSS ${ours[0]!.rss.toFixed(0)})`,
        `${bare[0]!.pssMB.toFixed(0)} MB (RSS ${bare[0]!.rssMB.toFixed(0)})`,
        `${(oursSize.size / 1024).toFixed(0)} / ${(bareSize.size / 1024).toFixed(0)} KB`,
        `${last.prints}, blocked ${last.blocked}`,
        `+${median(ours.slice(1).map((o) => o.press)).toFixed(2)} s`,
        `+${median(ours.slice(1).map((o) => o.booklet)).toFixed(2)} s`,
      ]);
      const t = last.timings;
      console.log(`${c.name}: runs ${ours.slice(1).map((o) => o.step.toFixed(2)).join(', ')} s; bare ${bare.slice(1).map((b) => b.seconds.toFixed(2)).join(', ')} s`);
      console.log(`  last run: ${Object.entries(t).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')} s`);
      const j = last.justification;
      if (j) console.log(`  justification: ${j.before.loose} lines spread over 0.07 em and ${j.before.orphans} 孤字 before the pass, ${j.after.loose} and ${j.after.orphans} after (${j.tracked} paragraphs adjusted)`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const head = ['case', 'pages', 'PDF step', 'bare Chromium', 'ratio (≤ 1.1)', 'peak memory, PSS (≤ 1.5 GB)', 'bare peak, PSS', 'PDF size ours / bare', 'printings', '--press adds', '--booklet adds'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\nPDF step, one edition (zh-Hant, A5), median of ${runs} runs; bare = chromium --headless --no-sandbox --no-pdf-header-footer --print-to-pdf of the same final HTML;`);
  console.log('--press adds the press interior and the cover (Ghostscript PDF/X), --booklet the booklet, both from the same PDF (not in the memory run)\n');
  console.log(line(head));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
}

await main();

/**
 * The whole default build, cold (`transcript-press build --no-cache`), against
 * one bare `chromium --headless --print-to-pdf` per PDF edition of the same
 * final print HTML; then a rebuild with nothing changed (warm cache), whose
 * own time is what the build reports in its summary ("N files in X s"),
 * besides the wall time that includes starting Node and tsx.
 */
async function wholeBuild(): Promise<string[]> {
  // One bare print per PDF edition the default build makes.
  const printed = editionIds();
  const chromium = findChromium();
  const bin = join(root, 'src/bin.mjs');
  const dir = await mkdtemp(join(tmpdir(), 'bench-build-'));
  const cache = join(dir, 'cache');
  const lines: string[] = [];
  try {
    const cold: Sample[] = [];
    for (let i = 0; i < runs; i++) cold.push(await measure(process.execPath, [bin, 'build', '--no-cache', '--quiet', '--out', join(dir, 'out')]));
    // The final print pages of every edition the default build prints, for the bare prints.
    const pages = join(dir, 'pages');
    for (const e of printed) {
      await measure(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'test/bench/pdf-step.ts'), '1', pages, 'A5', e, 'no-print']);
    }
    const bare: { seconds: number; cpu: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const total = { seconds: 0, cpu: 0 };
      for (const e of printed) {
        const b = await measure(chromium, ['--headless', '--no-sandbox', '--no-pdf-header-footer', `--print-to-pdf=${join(dir, 'bare.pdf')}`, pathToFileURL(join(pages, 'page', e, 'index.html')).href]);
        total.seconds += b.seconds;
        total.cpu += b.cpu;
      }
      bare.push(total);
    }
    // Warm the cache, then rebuild with nothing changed.
    const env = { ...process.env, TRANSCRIPT_PRESS_CACHE: cache };
    await measure(process.execPath, [bin, 'build', '--quiet', '--out', join(dir, 'warm')], false, env);
    const warm: { wall: number; own: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const s = await measure(process.execPath, [bin, 'build', '--out', join(dir, 'warm')], false, env);
      warm.push({ wall: s.seconds, own: Number(/files in ([\d.]+) s/.exec(s.stdout)?.[1]) });
    }
    const c = median(cold.map((x) => x.seconds));
    const b = median(bare.map((x) => x.seconds));
    const cc = median(cold.map((x) => x.cpu));
    const bc = median(bare.map((x) => x.cpu));
    const own = median(warm.map((w) => w.own));
    console.log(`default build, cold: runs ${cold.map((x) => `${x.seconds.toFixed(2)} s (CPU ${x.cpu.toFixed(2)} s)`).join(', ')}; bare prints ${bare.map((x) => `${x.seconds.toFixed(2)} s (CPU ${x.cpu.toFixed(2)} s)`).join(', ')}`);
    lines.push(`| default build, cold (${printed.length} editions: JSON, EPUB, cover, PDF, OPDS, site) | ${c.toFixed(2)} s (CPU ${cc.toFixed(2)} s) | ${printed.length} bare prints ${b.toFixed(2)} s (CPU ${bc.toFixed(2)} s) | ${(c / b).toFixed(2)}× ${c / b <= 1.3 ? 'ok' : 'OVER'} (≤ 1.3); CPU ${(cc / bc).toFixed(2)}× |`);
    lines.push(`| rebuild, nothing changed | ${own.toFixed(2)} s own, ${median(warm.map((w) => w.wall)).toFixed(2)} s wall | — | ${own <= 0.5 ? 'ok' : 'OVER'} (≤ 0.5 s own) |`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return lines;
}

/** The EPUB step (one edition, zh-Hant), against `pandoc -o x.epub` of the same manuscript. */
async function epubStep(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-epub-'));
  try {
    const ours: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = await measure(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'test/bench/epub-step.ts'), dir]);
      ours.push((JSON.parse(s.stdout.trim().split('\n').pop()!) as { seconds: number }).seconds);
    }
    const pandoc: number[] = [];
    try {
      for (let i = 0; i < runs; i++) pandoc.push((await measure('pandoc', ['-o', join(dir, 'pandoc.epub'), join(root, 'src/content/siggraph-2024/manuscript.md')])).seconds);
    } catch {
      return [`| EPUB step (zh-Hant) | ${median(ours).toFixed(2)} s | pandoc missing (apt-get install -y pandoc) | — |`];
    }
    const o = median(ours);
    const p = median(pandoc);
    return [`| EPUB step (zh-Hant; fonts subset and embedded) | ${o.toFixed(2)} s | pandoc ${p.toFixed(2)} s (no fonts) | ${(o / p).toFixed(1)}× |`];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `npx transcript-press --help` and `--version`, as a user types them (npx
 * included): < 1 s. Beside them, for where the time goes, the command alone.
 */
async function helpAndVersion(): Promise<string[]> {
  const lines: string[] = [];
  const time = async (cmd: string, args: string[]) => {
    const t: number[] = [];
    for (let i = 0; i < runs; i++) t.push((await measure(cmd, args)).seconds);
    return median(t);
  };
  for (const flag of ['--help', '--version']) {
    const s = await time('npx', ['transcript-press', flag]);
    const own = await time(process.execPath, [join(root, 'src/bin.mjs'), flag]);
    lines.push(`| \`npx transcript-press ${flag}\` | ${s.toFixed(2)} s | \`node src/bin.mjs ${flag}\` ${own.toFixed(2)} s | ${s < 1 ? 'ok' : 'OVER'} (< 1 s) |`);
  }
  return lines;
}

const tool = [...(await wholeBuild()), ...(await epubStep()), ...(await helpAndVersion())];
console.log('\nThe tool, median of runs (ratios: ours / reference)\n');
console.log('| case | ours | reference | ratio |');
console.log('|---|---|---|---|');
for (const l of tool) console.log(l);
