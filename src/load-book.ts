// A manuscript folder → Book. Reads the files (the I/O edge), then hands
// plain text to the pure stages.
import type { Book } from './model/book.js';
import { editsSchema, timelineSchema } from './model/schema.js';
import { manuscriptFiles } from './io/book-files.js';
import { readOptionalText, readText } from './io/files.js';
import { parseYaml } from './io/yaml.js';
import { readManuscript } from './read/read-manuscript.js';
import { placeEdits } from './transforms/place-edits.js';
import { resolveTimeline } from './transforms/resolve-timeline.js';


export async function loadBook(dir: string): Promise<Book> {
  const files = manuscriptFiles(dir);
  const { meta, parts } = readManuscript(await readText(files.manuscript, 'manuscript'), files.manuscript);
  const editsText = await readOptionalText(files.edits);
  const edits = editsText === undefined ? [] : parseYaml(editsText, editsSchema, files.edits).value;
  const book: Book = placeEdits({ meta, parts, edits, timeline: [] }, files.edits);
  const timelineText = await readOptionalText(files.timeline);
  if (timelineText === undefined) return book;
  const timeline = parseYaml(timelineText, timelineSchema, files.timeline);
  return resolveTimeline(book, timeline.value, { file: files.timeline, lineOf: timeline.lineOf });
}
