import { join } from 'node:path';

/** The files of a manuscript folder that a build reads: everything a book's outputs are made from. */
export const manuscriptFiles = (dir: string) => ({
  manuscript: join(dir, 'manuscript.md'),
  edits: join(dir, 'edits.json'),
  timeline: join(dir, 'timeline.yaml'),
});
