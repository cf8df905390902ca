// One PDF step, as the pdf writer runs it, for the bench (a child process, so
// that its memory can be measured alone): `tsx pdf-step.ts <factor> <out-dir> [page-size]`,
// where the book is made <factor> times as long by repeating its conversation.
// Prints one JSON line: seconds of the PDF step, pages, blocked requests.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser } from '../../src/io/browser.js';
import { loadBook } from '../../src/load-book.js';
import { editionIdentifier } from '../../src/model/identifier.js';
import { convertBook } from '../../src/transforms/convert-script.js';
import { renderPdf, type PageSize } from '../../src/write/pdf/index.js';
import { edition } from '../helpers/editions.js';
import { bookDir } from '../helpers/paths.js';
import { lengthenBook } from './synthetic.js';

const [factor = '1', out = '.', pageSize = 'A5', editionId = 'zh-Hant'] = process.argv.slice(2);
const { book, copies } = lengthenBook(await loadBook(bookDir), Number(factor));
const hant = edition(editionId);
const converted = convertBook(book, hant);
// The synthetic book, for a look (like `npm run build` writes the model).
if (copies > 1) await writeFile(join(out, 'synthetic.book.json'), JSON.stringify(book));
const t0 = performance.now();
const session = await launchBrowser();
let r;
try {
  r = await renderPdf(converted, hant, {
    date: new Date('2024-08-01T00:00:00Z'),
    pageSize: pageSize as PageSize,
    identifier: editionIdentifier(book.meta.id, `${hant.id}.pdf`),
    keep: join(out, 'page'),
  }, session);
} finally {
  await session.close();
}
const seconds = (performance.now() - t0) / 1000;
await writeFile(join(out, 'ours.pdf'), r.data);
console.log(JSON.stringify({ copies, seconds, pages: r.pages, prints: r.prints, blocked: r.blockedRequests, bytes: r.data.length, timings: r.timings }));
