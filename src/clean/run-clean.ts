// `npm run clean`: the one place the clean stage touches files.
import { join } from 'node:path';
import { z } from 'zod';
import { inputError } from '../errors.js';
import { decisionsSchema } from '../model/schema.js';
import { readText, writeAtomic } from '../io/files.js';
import { parseYaml } from '../io/yaml.js';
import { cleanSource } from './clean-source.js';
import { findTodo } from './draft-decisions.js';

export interface CleanPaths {
  source: string;
  decisions: string;
  manuscript: string;
  edits: string;
}

export const contentPaths = (dir: string): CleanPaths => ({
  source: join(dir, 'source.txt'),
  decisions: join(dir, 'decisions.yaml'),
  manuscript: join(dir, 'manuscript.md'),
  edits: join(dir, 'edits.json'),
});

export async function loadAndClean(paths: CleanPaths) {
  const source = await readText(paths.source, 'source');
  const decisionsText = await readText(paths.decisions, 'decisions file');
  // A draft's question left unanswered would be printed in the book (「TODO: 出版者」): refused first, whatever its field's form.
  const raw = parseYaml(decisionsText, z.unknown(), paths.decisions);
  const left = findTodo(raw.value);
  if (left) {
    throw inputError(`${left.path.reduce<string>((at, k) => (typeof k === 'number' ? `${at}[${k}]` : at ? `${at}.${k}` : k), '')} is still a question of the draft (${JSON.stringify(left.value)}).`, 'answer it in decisions.yaml (its comments say what each field wants), then run clean again.', {
      file: paths.decisions,
      line: raw.lineOf(left.path),
    });
  }
  const { value: decisions, lineOf } = parseYaml(decisionsText, decisionsSchema, paths.decisions);
  return cleanSource(source, decisions, { file: paths.decisions, lineOf, sourceFile: paths.source });
}

export const formatEdits = (edits: unknown): string => JSON.stringify(edits, null, 1) + '\n';

export async function runClean(dir: string): Promise<{ edits: number }> {
  const paths = contentPaths(dir);
  const result = await loadAndClean(paths);
  await writeAtomic(paths.manuscript, result.manuscript);
  await writeAtomic(paths.edits, formatEdits(result.edits));
  return { edits: result.edits.length };
}
