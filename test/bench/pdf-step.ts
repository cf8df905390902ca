// One PDF step, as the pdf writer runs it, for the bench (a child process, so
// that its memory can be measured alone): `tsx pdf-step.ts <factor> <out-dir> [page-size] [edition] [print|no-print]`,
// where the book is made <factor> times as long by repeating its conversation.
// Prints one JSON line: seconds of the PDF step, pages, blocked requests;
// then the seconds the printer's files add on top of it (--press: the press
// interior and the cover, through Ghostscript; --booklet), made from the PDF
// as the writers make them.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser } from '../../src/io/browser.js';
import { loadBook } from '../../src/load-book.js';
import { editionIdentifier } from '../../src/model/identifier.js';
import { convertBook } from '../../src/transforms/convert-script.js';
import { renderBooklet } from '../../src/write/booklet.js';
import { renderCoverSheet } from '../../src/write/cover-sheet.js';
import { renderPdf, type PageSize } from '../../src/write/pdf/index.js';
import { defaultPressSettings, renderPress, type PrintJob } from '../../src/write/press.js';
import { edition } from '../helpers/editions.js';
import { bookDir } from '../helpers/paths.js';
import { lengthenBook } from './synthetic.js';

const [factor = '1', out = '.', pageSize = 'A5', editionId = 'zh-Hant', printFiles = 'print'] = process.argv.slice(2);
const { book, copies } = lengthenBook(await loadBook(bookDir), Number(factor));
const hant = edition(editionId);
const converted = convertBook(book, hant);
// The synthetic book, for a look (like `npm run build` writes the model).
if (copies > 1) await writeFile(join(out, 'synthetic.book.json'), JSON.stringify(book));
const t0 = performance.now();
// As the pdf writer runs it: the fonts are subset while Chromium starts,
// which is closed once the pages are printed, while pdf-lib finishes the PDF.
const starting = launchBrowser();
let closing: Promise<void> | undefined;
const close = () => (closing ??= starting.then((s) => s.close()));
let r;
try {
  r = await renderPdf(converted, hant, {
    date: new Date('2024-08-01T00:00:00Z'),
    pageSize: pageSize as PageSize,
    identifier: editionIdentifier(book.meta.id, `${hant.id}.pdf`),
    keep: join(out, 'page'),
  }, starting, () => {}, close);
} finally {
  await close();
}
const seconds = (performance.now() - t0) / 1000;
await writeFile(join(out, 'ours.pdf'), r.data);
const job: PrintJob = { settings: defaultPressSettings, pageSize: pageSize as PageSize, date: new Date('2024-08-01T00:00:00Z'), identifier: 'urn:uuid:bench' };
const time = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
};
// Not in the run whose memory is measured: the PDF step's peak is the PDF step's.
const print = printFiles === 'print';
const press = print ? (await time(() => renderPress(converted, hant, r.data, job))) + (await time(() => renderCoverSheet(converted, hant, r.data, job))) : 0;
const booklet = print ? await time(() => renderBooklet(converted, hant, r.data, job)) : 0;
console.log(JSON.stringify({ copies, seconds, pages: r.pages, prints: r.prints, blocked: r.blockedRequests, bytes: r.data.length, timings: r.timings, press, booklet, justification: r.justification }));
