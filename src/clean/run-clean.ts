// `npm run clean`: the one place the clean stage touches files.
import { join } from 'node:path';
import { decisionsSchema } from '../model/schema.js';
import { readText, writeAtomic } from '../io/files.js';
import { parseYaml } from '../io/yaml.js';
import { cleanSource } from './clean-source.js';

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
