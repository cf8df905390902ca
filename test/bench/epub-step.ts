// One EPUB step, as the epub writer runs it, for the bench: `tsx epub-step.ts <out-dir>`.
// Prints one JSON line: seconds of the step (the book already loaded).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadBook } from '../../src/load-book.js';
import { editionIdentifier } from '../../src/model/identifier.js';
import { convertBook } from '../../src/transforms/convert-script.js';
import { renderEpub } from '../../src/write/epub.js';
import { edition } from '../helpers/editions.js';
import { bookDir } from '../helpers/paths.js';

const [out = '.'] = process.argv.slice(2);
const hant = edition('zh-Hant');
const book = await loadBook(bookDir);
const t0 = performance.now();
const data = await renderEpub(convertBook(book, hant), hant, { identifier: editionIdentifier(book.meta.id, 'zh-Hant.epub'), date: new Date('2024-08-01T00:00:00Z') });
const seconds = (performance.now() - t0) / 1000;
await writeFile(join(out, 'ours.epub'), data);
console.log(JSON.stringify({ seconds, bytes: data.length }));
