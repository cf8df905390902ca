// Progress, on stderr: a live list of steps with their times on a terminal,
// plain lines otherwise (logs, CI, pipes). --quiet keeps only warnings, and
// --verbose adds every detail the stages report. Colour only on a terminal,
// and never with NO_COLOR. The summary table of what was made is the
// command's result, and goes to stdout.
import type { Verbosity } from '../cli-args.js';

export interface SummaryRow {
  artifact: string;
  bytes: number;
  pages?: number;
  seconds: number;
}

export interface Reporter {
  /** A step begins; `done` ends it with its time and an optional detail. */
  step: (name: string) => { done: (detail?: string) => void };
  /** What a stage says along the way (verbose only). */
  detail: (line: string) => void;
  /** A line worth reading in normal mode. */
  info: (line: string) => void;
  /** Always shown (but not an error). */
  warn: (line: string) => void;
  summary: (rows: SummaryRow[], seconds: number) => void;
}

interface Stream {
  write: (s: string) => unknown;
  isTTY?: boolean;
}

export const formatSize = (bytes: number): string => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

export function makeReporter(verbosity: Verbosity, env: NodeJS.ProcessEnv = process.env, err: Stream = process.stderr, out: Stream = process.stdout): Reporter {
  const live = Boolean(err.isTTY) && verbosity !== 'quiet' && env.CI === undefined;
  const colour = live && (env.NO_COLOR === undefined || env.NO_COLOR === '') && env.TERM !== 'dumb';
  const paint = (code: string, s: string) => (colour ? `\x1b[${code}m${s}\x1b[0m` : s);
  const line = (s: string) => err.write(`${s}\n`);
  // On a terminal, the steps under way (several run at once) share one status line, redrawn as each ends.
  const active: string[] = [];
  const status = () => (active.length ? `  ${paint('2', '…')} ${active.join(', ')}` : '');
  /** A line of its own, above the status line. */
  const say = (s: string) => (live && active.length ? err.write(`\r\x1b[2K${s}\n${status()}`) : line(s));
  return {
    step(name) {
      const t0 = performance.now();
      active.push(name);
      if (live) err.write(`\r\x1b[2K${status()}`);
      return {
        done(detail) {
          const time = `${((performance.now() - t0) / 1000).toFixed(2)} s`;
          active.splice(active.indexOf(name), 1);
          if (live) err.write(`\r\x1b[2K  ${paint('32', '✓')} ${name}  ${paint('2', [detail, time].filter(Boolean).join(', '))}\n${status()}`);
          else if (verbosity === 'verbose') line(`${name}: ${[detail, time].filter(Boolean).join(', ')}`);
        },
      };
    },
    detail: (s) => {
      if (verbosity === 'verbose') say(live ? `    ${paint('2', s)}` : s);
    },
    info: (s) => {
      if (verbosity !== 'quiet') say(s);
    },
    warn: (s) => say(`warning: ${s}`),
    summary(rows, seconds) {
      if (rows.length === 0) return;
      const cells = rows.map((r) => [r.artifact, formatSize(r.bytes), r.pages === undefined ? '' : String(r.pages), `${r.seconds.toFixed(2)} s`]);
      const head = ['artifact', 'size', 'pages', 'time'];
      const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
      const fmt = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ').trimEnd();
      out.write([fmt(head), ...cells.map(fmt), `${rows.length} files in ${seconds.toFixed(2)} s`].join('\n') + '\n');
    },
  };
}
