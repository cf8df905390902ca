// argv → options. Parsing only; src/cli.ts runs them.
import { parseArgs } from 'node:util';
import { BookError } from './errors.js';

export const pageSizes = ['A5', 'A4', 'Letter'] as const;
export type PageSize = (typeof pageSizes)[number];

export interface BuildOptions {
  command: 'build';
  manuscript: string;
  out: string;
  pageSize: PageSize;
  /** Writer names (src/write/writers.ts); all of them when not given. src/build.ts checks the names. */
  formats?: string[];
  /** Edition ids (src/model/edition.ts); all of them when not given. */
  editions?: string[];
  debug: boolean;
}
export interface CleanOptions {
  command: 'clean';
  content: string;
  debug: boolean;
}
export type Options = BuildOptions | CleanOptions;

export const defaultContent = 'src/content/siggraph-2024';

const usage = (msg: string) =>
  new BookError('usage', msg, 'run `npm run build -- --help` for the options.', { file: 'command line' });

export const helpText = `Usage:
  npm run build -- [--manuscript DIR] [--out DIR] [--page-size A5|A4|Letter]
                   [--formats json,epub,pdf] [--editions zh-Hant,zh-Hans] [--debug]
  npm run clean -- [--content DIR] [--debug]

build  reads DIR/manuscript.md (+ edits.json, timeline.yaml) and writes
       <id>.book.json, <id>.<edition>.epub and <id>.<edition>.pdf into --out.
clean  turns DIR/source.txt + DIR/decisions.yaml into DIR/manuscript.md + DIR/edits.json.`;

/** A comma-separated list; an empty one names nothing to build, which is a mistake. */
function list(value: string, flag: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw usage(`${flag} is empty.`);
  return items;
}

export function parseCli(argv: string[]): Options | 'help' {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        manuscript: { type: 'string' },
        out: { type: 'string' },
        content: { type: 'string' },
        'page-size': { type: 'string' },
        formats: { type: 'string' },
        editions: { type: 'string' },
        debug: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (e) {
    throw usage((e as Error).message + '.');
  }
  const v = parsed.values;
  if (v.help || command === undefined || command === 'help') return 'help';
  if (command === 'clean') return { command, content: v.content ?? defaultContent, debug: v.debug ?? false };
  if (command !== 'build') throw usage(`unknown command 「${command}」.`);
  const size = v['page-size'] ?? 'A5';
  const pageSize = pageSizes.find((s) => s.toLowerCase() === size.toLowerCase().replace(/^us-?/, ''));
  if (!pageSize) throw usage(`--page-size: 「${size}」 is not one of ${pageSizes.join(', ')}.`);
  return {
    command,
    manuscript: v.manuscript ?? defaultContent,
    out: v.out ?? 'dist',
    pageSize,
    formats: v.formats === undefined ? undefined : list(v.formats, '--formats'),
    editions: v.editions === undefined ? undefined : list(v.editions, '--editions'),
    debug: v.debug ?? false,
  };
}
