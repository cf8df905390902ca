// argv → a command and its options. Parsing only (src/cli.ts runs them), and
// light: nothing heavy is imported here, so that `--help` and `--version`
// answer at once. Each command's options are defined once, in `commands`;
// the parser and the help text are both made from those definitions.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BookError } from './errors.js';
import { editions } from './model/edition.js';
import { defaultPressSettings, signatures, type PressSettings } from './model/press-settings.js';
import { writers } from './write/writers.js';

export const pageSizes = ['A5', 'A4', 'Letter', 'HalfLetter'] as const;
export type PageSize = (typeof pageSizes)[number];

export const defaultContent = 'src/content/siggraph-2024';

export type Verbosity = 'quiet' | 'normal' | 'verbose';

interface Common {
  debug: boolean;
  verbosity: Verbosity;
}

export interface BuildOptions extends Common {
  command: 'build';
  /** Book folders, or folders of book folders (--manuscript, repeatable). */
  manuscript: string[];
  out: string;
  pageSize: PageSize;
  /** Writer names (src/write/writers.ts); all of them when not given. src/build.ts checks the names. */
  formats?: string[];
  /** Edition ids (src/model/edition.ts); all of them when not given. */
  editions?: string[];
  /** Writers to make besides `formats` (or the default ones): `--press` adds press and cover, `--booklet` booklet. */
  addFormats?: string[];
  /** The printer's settings (`--signature`, `--paper-thickness`). */
  press?: PressSettings;
  /** Use and fill the build cache (off with --no-cache). */
  cache: boolean;
  /** Empty the build cache first. */
  clearCache: boolean;
  /** Where --out will be published, ending in `/` (--base-url): the site's Open Graph tags need absolute URLs. */
  baseUrl?: string;
  /** Build even when the fonts lack characters of the text (listed as a warning); otherwise that stops the build. */
  allowMissingGlyphs?: boolean;
}
export interface CleanOptions extends Common {
  command: 'clean';
  content: string;
}
export interface NewOptions extends Common {
  command: 'new';
  dir: string;
  source: string;
}
export interface PreviewOptions extends Common {
  command: 'preview';
  manuscript: string;
  edition: string;
  pageSize: PageSize;
  port: number;
}
export type Options = BuildOptions | CleanOptions | NewOptions | PreviewOptions;
export type CommandName = Options['command'];

export type Parsed = Options | { command: 'help'; topic?: CommandName } | { command: 'version' };

interface OptionDef {
  type: 'string' | 'boolean';
  /** What the value is, in the help (`DIR`, `A5|A4|Letter`). */
  value?: string;
  help: string;
  default?: string;
  short?: string;
  /** May be given more than once. */
  multiple?: boolean;
}

interface CommandDef {
  summary: string;
  /** Positional arguments, in the help's usage line. */
  args?: string;
  options: Record<string, OptionDef>;
  examples: string[];
}

const common: Record<string, OptionDef> = {
  quiet: { type: 'boolean', short: 'q', help: 'print only errors and the final summary' },
  verbose: { type: 'boolean', short: 'v', help: 'print every step, with its details' },
  debug: { type: 'boolean', help: 'show the stack trace of an error' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

export const commands: Record<CommandName, CommandDef> = {
  build: {
    summary: 'build every edition of every book (EPUB, PDF, the book model as JSON) and the site over them (download pages, web reading editions, OPDS catalogue) into an output folder',
    options: {
      manuscript: {
        type: 'string',
        value: 'DIR',
        default: defaultContent,
        multiple: true,
        help: 'a book folder (manuscript.md, and edits.json and timeline.yaml if any), or a folder of book folders; repeat it for several books',
      },
      out: { type: 'string', value: 'DIR', default: 'dist', help: 'where the files go; nothing is replaced there unless the whole build succeeds' },
      'page-size': { type: 'string', value: pageSizes.join('|'), default: 'A5', help: 'the PDF page size' },
      formats: { type: 'string', value: 'LIST', help: `writers to run, comma-separated (${writers.map((w) => w.name).join(', ')}); default: ${writers.filter((w) => w.byDefault !== false).map((w) => w.name).join(', ')}` },
      editions: { type: 'string', value: 'LIST', help: `edition ids, comma-separated (${editions.map((e) => e.id).join(', ')}); default: all` },
      'base-url': { type: 'string', value: 'URL', help: 'where the output folder will be published: the site\'s Open Graph tags need absolute URLs' },
      press: { type: 'boolean', help: 'also the print shop\'s files: the press interior (PDF/X-1a, bleed, crop marks) and its cover' },
      booklet: { type: 'boolean', help: 'also the booklet for home printing (A5 pages two-up on A4, half-letter on Letter)' },
      signature: { type: 'string', value: signatures.join('|'), default: String(defaultPressSettings.signature), help: 'the press interior\'s page count is a multiple of this' },
      'paper-thickness': { type: 'string', value: 'MM', default: String(defaultPressSettings.paperThickness), help: 'one leaf of paper, in mm, for the cover\'s spine' },
      'no-cache': { type: 'boolean', help: 'rebuild everything, and leave the cache as it is' },
      'clear-cache': { type: 'boolean', help: 'empty the build cache (node_modules/.cache/transcript-press) first' },
      'allow-missing-glyphs': { type: 'boolean', help: 'build even if the fonts lack characters of the text (they print as blanks or boxes), listing them as a warning' },
    },
    examples: [
      'transcript-press build',
      'transcript-press build --manuscript books/my-book --out public',
      'transcript-press build --formats epub --editions zh-Hans',
      'transcript-press build --manuscript books --base-url https://books.example.org/',
      'transcript-press build --press --booklet --signature 16',
    ],
  },
  clean: {
    summary: 'turn a raw scrape and its decisions into the manuscript (source.txt + decisions.yaml → manuscript.md + edits.json)',
    options: {
      content: { type: 'string', value: 'DIR', default: defaultContent, help: 'the book folder holding source.txt and decisions.yaml' },
    },
    examples: ['transcript-press clean', 'transcript-press clean --content books/my-book'],
  },
  new: {
    summary: 'start a new book folder from a raw scrape: copy it, draft decisions.yaml, clean it, and say what still needs deciding',
    args: 'DIR',
    options: {
      source: { type: 'string', value: 'FILE', help: 'the raw scrape (UTF-8 text), copied verbatim into DIR/source.txt' },
    },
    examples: ['transcript-press new books/my-book --source ~/Downloads/scrape.txt'],
  },
  preview: {
    summary: 'serve a live preview of an edition on localhost: its printed pages, and its EPUB documents; rebuilds and reloads on every change',
    options: {
      manuscript: { type: 'string', value: 'DIR', default: defaultContent, help: 'the book folder to watch' },
      edition: { type: 'string', value: 'ID', default: editions[0]!.id, help: `the edition to preview (${editions.map((e) => e.id).join(', ')})` },
      'page-size': { type: 'string', value: pageSizes.join('|'), default: 'A5', help: 'the page size' },
      port: { type: 'string', value: 'N', default: '4173', help: 'the port on 127.0.0.1 (0: any free port)' },
    },
    examples: ['transcript-press preview', 'transcript-press preview --edition zh-Hans --port 8080'],
  },
};

const commandNames = Object.keys(commands) as CommandName[];

const usage = (msg: string, command?: CommandName) =>
  new BookError('usage', msg, `run \`transcript-press ${command ? `${command} ` : ''}--help\` for the options.`, { file: 'command line' });

function optionLine(name: string, o: OptionDef): [string, string] {
  const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.value ? ` ${o.value}` : ''}`;
  return [flag, `${o.help}${o.default !== undefined ? ` (default: ${o.default})` : ''}`];
}

const table = (rows: [string, string][]) => {
  const width = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`).join('\n');
};

/** `transcript-press 0.1.0`: the package's version. */
export function versionText(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return `transcript-press ${pkg.version}`;
}

/** The help of one command, or of the tool, from the same definitions the parser uses. */
export function helpText(topic?: CommandName): string {
  if (topic === undefined) {
    return [
      'Usage: transcript-press <command> [options]',
      '',
      'Turns a cleaned interview transcript into EPUB and typeset PDF editions.',
      '',
      'Commands:',
      table([...commandNames.map((n): [string, string] => [n, commands[n].summary]), ['help [command]', 'show the help of a command']]),
      '',
      'Options:',
      table([['-h, --help', 'show this help'], ['    --version', 'print the version']]),
      '',
      'Run `transcript-press <command> --help` for a command\'s options. From a clone, `npm run build` is `transcript-press build`.',
    ].join('\n');
  }
  const c = commands[topic];
  return [
    `Usage: transcript-press ${topic}${c.args ? ` ${c.args}` : ''} [options]`,
    '',
    `${c.summary[0]!.toUpperCase()}${c.summary.slice(1)}.`,
    '',
    'Options:',
    table(Object.entries({ ...c.options, ...common }).map(([n, o]) => optionLine(n, o))),
    '',
    'Examples:',
    ...c.examples.map((e) => `  ${e}`),
  ].join('\n');
}

/** A comma-separated list; an empty one names nothing to build, and an empty name in it (`a,,b`, `a,`) is a slip: both are mistakes. */
function list(value: string, flag: string, command: CommandName): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.every((s) => s === '')) throw usage(`--${flag} is empty.`, command);
  if (items.includes('')) throw usage(`--${flag}: 「${value}」 has an empty name (a comma too many).`, command);
  return items;
}

function pageSizeOf(value: string, command: CommandName): PageSize {
  const size = pageSizes.find((s) => s.toLowerCase() === value.toLowerCase().replace(/^us-?/, '').replace(/[-_ ]/g, ''));
  if (!size) throw usage(`--page-size: 「${value}」 is not one of ${pageSizes.join(', ')}.`, command);
  return size;
}

/** An absolute http(s) URL, ending in `/` so that file names resolve inside it. */
function baseUrlOf(value: string, command: CommandName): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usage(`--base-url: 「${value}」 is not an absolute URL.`, command);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw usage(`--base-url: 「${value}」 is not an http or https URL.`, command);
  if (url.search || url.hash) throw usage(`--base-url: 「${value}」 has a query or a fragment.`, command);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

export function parseCli(argv: string[]): Parsed {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') return { command: 'help' };
  if (first === '--version' || first === '-V') return { command: 'version' };
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { command: 'help' };
    if (!commandNames.includes(topic as CommandName)) throw usage(`there is no command 「${topic}」; the commands are ${commandNames.join(', ')}.`);
    return { command: 'help', topic: topic as CommandName };
  }
  if (!commandNames.includes(first as CommandName)) {
    throw usage(`unknown command 「${first}」; the commands are ${commandNames.join(', ')}.`);
  }
  const command = first as CommandName;
  const def = commands[command];
  const defs = { ...def.options, ...common };
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: Object.fromEntries(Object.entries(defs).map(([n, o]) => [n, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }])),
      allowPositionals: def.args !== undefined,
      strict: true,
    });
  } catch (e) {
    throw usage(`${(e as Error).message.replace(/\.$/, '').replace(/\. To specify a positional argument.*$/s, '')}.`, command);
  }
  const v = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (v.help) return { command: 'help', topic: command };
  // A value given but empty (`--out ''`, `--out=`) is a mistake, never "the default".
  for (const [name, o] of Object.entries(defs)) {
    const given = v[name];
    if (o.type === 'string' && [given].flat().some((x) => typeof x === 'string' && x.trim() === '')) throw usage(`--${name} is empty.`, command);
  }
  if (v.quiet && v.verbose) throw usage('--quiet and --verbose contradict each other.', command);
  const str = (name: string) => (v[name] as string | undefined) ?? defs[name]!.default;
  const base: Common = { debug: Boolean(v.debug), verbosity: v.quiet ? 'quiet' : v.verbose ? 'verbose' : 'normal' };
  switch (command) {
    case 'build':
      return {
        ...base,
        command,
        manuscript: (v.manuscript as string[] | undefined) ?? [defaultContent],
        out: str('out')!,
        pageSize: pageSizeOf(str('page-size')!, command),
        baseUrl: v['base-url'] === undefined ? undefined : baseUrlOf(v['base-url'] as string, command),
        formats: v.formats === undefined ? undefined : list(v.formats as string, 'formats', command),
        editions: v.editions === undefined ? undefined : list(v.editions as string, 'editions', command),
        addFormats: [...(v.press ? ['press', 'cover-sheet'] : []), ...(v.booklet ? ['booklet'] : [])],
        press: pressSettings(str('signature')!, str('paper-thickness')!, command),
        cache: !v['no-cache'],
        clearCache: Boolean(v['clear-cache']),
        allowMissingGlyphs: Boolean(v['allow-missing-glyphs']),
      };
    case 'clean':
      return { ...base, command, content: str('content')! };
    case 'new': {
      const [dir, ...extra] = parsed.positionals;
      if (dir === undefined) throw usage('`new` needs the folder of the new book: `transcript-press new DIR --source FILE`.', command);
      if (extra.length) throw usage(`one folder only; also given: ${extra.map((x) => `「${x}」`).join(' ')}.`, command);
      const source = str('source');
      if (source === undefined) throw usage('`new` needs the raw scrape: --source FILE.', command);
      return { ...base, command, dir, source };
    }
    case 'preview': {
      const port = Number(str('port'));
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw usage(`--port: 「${str('port')}」 is not a port number (0–65535).`, command);
      return { ...base, command, manuscript: str('manuscript')!, edition: str('edition')!, pageSize: pageSizeOf(str('page-size')!, command), port };
    }
  }
}

function pressSettings(signature: string, thickness: string, command: CommandName): PressSettings {
  const s = signatures.find((n) => String(n) === signature.trim());
  if (s === undefined) throw usage(`--signature: 「${signature}」 is not one of ${signatures.join(', ')}.`, command);
  const t = Number(thickness);
  if (!(t > 0 && t < 1)) throw usage(`--paper-thickness: 「${thickness}」 is not a thickness in mm between 0 and 1 (one leaf of paper, e.g. 0.1).`, command);
  return { signature: s, paperThickness: t };
}
