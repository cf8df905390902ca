// `transcript-press new DIR --source FILE`: start a book from a raw scrape.
// Copies the scrape verbatim, drafts decisions.yaml (src/clean/draft-decisions.ts),
// tries the cleaner on the draft (writing nothing), and says what the generic
// repairs did and what still needs the editor: the TODOs of the draft, labels
// that match no speaker, paragraphs with no speaker in the conversation, a
// text that breaks off, and the lines it joined as halves of a sentence.
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { NewOptions } from './cli-args.js';
import { cleanSource } from './clean/clean-source.js';
import { draftDecisions } from './clean/draft-decisions.js';
import { finished } from './clean/joins.js';
import { BookError, inputError } from './errors.js';
import { readText } from './io/files.js';
import { parseYaml } from './io/yaml.js';
import { makeReporter } from './io/reporter.js';
import { editKinds, type EditKind } from './model/book.js';
import { decisionsSchema } from './model/schema.js';
import { readManuscript } from './read/read-manuscript.js';

/** A book id from a folder name: lowercase letters, digits and hyphens (the manuscript's `id`). */
export function bookIdOf(dir: string): string {
  const id = basename(dir).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return /^[a-z]/.test(id) ? id : `book${id ? `-${id}` : ''}`;
}

export interface NewResult {
  edits: Partial<Record<EditKind, number>>;
  /** What the editor still has to decide, one line each. */
  toDecide: string[];
}

export async function runNew(options: NewOptions): Promise<NewResult> {
  const reporter = makeReporter(options.verbosity);
  const existing = await readdir(options.dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : Promise.reject(e)));
  if (existing.length > 0) {
    throw new BookError('usage', `the folder ${options.dir} is not empty.`, 'give `new` a folder that does not exist yet (or is empty); it never overwrites a book.', { file: options.dir });
  }
  // Read first: a scrape that is not UTF-8 is refused before anything is written.
  const source = await readText(options.source, 'source');
  if (source.trim() === '') throw inputError('the scrape has no text.', 'give `new` the file the page was saved to (UTF-8 text).', { file: options.source, line: 1 });
  await mkdir(options.dir, { recursive: true });
  await copyFile(options.source, join(options.dir, 'source.txt'));
  const draft = draftDecisions(source, bookIdOf(options.dir));
  await writeFile(join(options.dir, 'decisions.yaml'), draft.yaml, { flag: 'wx' });
  reporter.info(`new: ${options.dir}/source.txt (copied verbatim) and decisions.yaml (a draft)`);
  reporter.info(`  script: ${draft.language}; paragraphs: ${draft.paragraphs === 'lines' ? 'one on each line' : 'between blank lines'}; speakers found: ${draft.speakers.map((s) => `${s.name} (${s.count}×)`).join('、') || 'none'}; credit: ${draft.credit ?? 'none'}; title: ${draft.title ?? 'not found'}`);

  const toDecide: string[] = draft.todos.map((t) => `decisions.yaml: ${t} is a TODO`);
  for (const r of draft.rareLabels) toDecide.push(`source.txt:${r.line}: 「${r.name}：」 opens a paragraph but is no speaker: an alias (add it to a speaker's \`aliases\`), a speaker of their own (add one to \`speakers\`), or not a label at all`);
  // The cleaner, tried on the draft as it stands (its TODO date stood in for): what the generic
  // repairs do, and what the decisions still leave open. Nothing is written: `clean` writes the
  // manuscript once the questions are answered (it refuses a TODO left in decisions.yaml).
  const edits: Partial<Record<EditKind, number>> = {};
  const decisionsFile = join(options.dir, 'decisions.yaml');
  try {
    const { value: decisions, lineOf } = parseYaml(draft.trialYaml, decisionsSchema, decisionsFile);
    // Labels already asked about above are set aside for the trial (a speaker of their own), so that it goes on past them.
    const asked = draft.rareLabels.map((r) => r.name);
    const trial = asked.length ? { ...decisions, speakers: [...decisions.speakers, { id: 'asked-about', name: asked[0]!, aliases: asked.slice(1) }] } : decisions;
    const result = cleanSource(source, trial, { file: decisionsFile, lineOf, sourceFile: join(options.dir, 'source.txt') });
    for (const e of result.edits) edits[e.kind] = (edits[e.kind] ?? 0) + 1;
    reporter.info(`clean (tried on the draft, nothing written): ${result.edits.length} changes: ${editKinds.filter((k) => edits[k]).map((k) => `${k} ${edits[k]}`).join(', ') || 'none'}`);
    // A join is a guess that two lines are one sentence cut in two: a dateline or a byline is not.
    // Said at the line the first part ends on (the line before the one the second part opens).
    const sourceLines = source.split('\n').map((l) => l.trim());
    for (const e of result.edits) {
      if (e.kind !== 'join') continue;
      const head = (e.from ?? '').split('¶')[1] ?? '';
      const opens = e.lines.findIndex((l) => head !== '' && sourceLines[l - 1]?.startsWith(head.slice(0, 8)));
      const at = opens > 0 ? e.lines[opens - 1]! : e.lines[0]!;
      toDecide.push(`source.txt:${at}: 「${e.from}」 joined as one sentence cut in two: if the first part is a line of its own (a dateline, a byline, a heading), list it under \`keepApart\``);
    }
    // A text that stops mid-sentence with no marker to say so may be cut off: only the editor can tell.
    const lastLine = sourceLines.findLastIndex((l) => l !== '');
    if (lastLine >= 0 && !edits.truncated && !finished.test(sourceLines[lastLine]!)) {
      toDecide.push(`source.txt:${lastLine + 1}: the text ends mid-sentence (「……${[...sourceLines[lastLine]!].slice(-12).join('')}」): if the scrape is cut off there, say so with a \`gaps\` entry \`after:\` those words and a \`note\``);
    }
    if (edits.truncated) toDecide.push('the text breaks off (a "continued" marker was found): say in decisions.yaml `gaps` what is known to be missing, if anything');
    try {
      const { parts } = readManuscript(result.manuscript, join(options.dir, 'manuscript.md'));
      for (const part of parts) {
        if (part.kind !== 'conversation') continue;
        for (const b of part.blocks) {
          if (b.type !== 'paragraph') continue;
          const at = result.sourceLinesAt.get(b.paragraph.line)?.[0];
          toDecide.push(`source.txt${at === undefined ? '' : `:${at}`}: a paragraph with no speaker in 「${part.title}」: give it one with \`gaps\` (speaker), or start the part later`);
        }
      }
    } catch (e) {
      if (!(e instanceof BookError)) throw e;
      toDecide.push(e.format());
    }
  } catch (e) {
    if (!(e instanceof BookError)) throw e;
    toDecide.push(`clean stopped: ${e.format()}`);
  }
  if (toDecide.length) {
    process.stdout.write(`Still to decide (${toDecide.length}), then run \`transcript-press clean --content ${options.dir}\` and \`transcript-press build --manuscript ${options.dir}\`:\n${toDecide.map((l) => `  - ${l}`).join('\n')}\n`);
  } else {
    process.stdout.write(`Nothing left to decide. Next: \`transcript-press clean --content ${options.dir}\` and \`transcript-press build --manuscript ${options.dir}\`.\n`);
  }
  return { edits, toDecide };
}
