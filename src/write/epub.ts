// Book (one edition) → EPUB 3 with epub-gen-memory. The library does the
// packaging; our templates (templates/*.ejs) replace its defaults wherever
// they work against a good book: a random UUID, the build time, xml:lang="en",
// zip dates of "now", a cover without properties="cover-image".
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EPub } from 'epub-gen-memory';
import { h } from 'hastscript';
import { toXml } from 'xast-util-to-xml';
import type { Book } from '../model/book.js';
import type { Edition } from '../model/edition.js';
import { bookDescription, bookKeywords } from '../model/text.js';
import { readStyle, readTemplate } from '../io/assets.js';
import { fallbackFontCss, subsetFonts } from '../io/fonts.js';
import { makeTempFolder } from '../io/temp.js';
import { kaiText } from '../render/blocks.js';
import { renderChapters, tocEntries } from '../render/chapters.js';
import { editionStyleSheets } from '../render/styles.js';
import { makeContext } from '../render/context.js';
import { renderNav, renderNcxNavMap } from '../render/nav.js';
import { toXhtml } from '../render/serialize.js';
import { textOf } from '../render/text-of.js';
import { fallbackCharacters } from '../check-glyphs.js';
import { renderCoverPngs } from './cover-png.js';
import { zlibCompression } from './zip-deflate.js';

export interface EpubOptions {
  identifier: string;
  /** The build's one date (SOURCE_DATE_EPOCH or the source's last commit). */
  date: Date;
}

/** The library's zip, opened up so the entries can get the build date and Apple's display options. */
class BookEPub extends EPub {
  async pack(date: Date, extra: Record<string, string>): Promise<Buffer> {
    await this.render();
    for (const [name, data] of Object.entries(extra)) this.zip.file(name, data);
    // Reproducible: every entry gets the build date, not the clock's.
    for (const file of Object.values(this.zip.files)) file.date = date;
    // zlib's default level: level 9 took a quarter more time for 0.2 % fewer bytes (npm run bench). Deflated by zlib (./zip-deflate.ts).
    return this.zip.generateAsync({
      type: 'nodebuffer',
      mimeType: 'application/epub+zip',
      compression: zlibCompression as 'DEFLATE',
      compressionOptions: { level: 6 },
    });
  }

  /** The files the zip would hold, by path (for the live preview, which serves them as they are). */
  async entries(extra: Record<string, string>): Promise<Map<string, Buffer>> {
    await this.render();
    for (const [name, data] of Object.entries(extra)) this.zip.file(name, data);
    const files = Object.values(this.zip.files).filter((f) => !f.dir);
    return new Map(await Promise.all(files.map(async (f) => [f.name, await f.async('nodebuffer')] as const)));
  }
}

const appleDisplayOptions =
  '<?xml version="1.0" encoding="UTF-8"?>\n<display_options><platform name="*"><option name="specified-fonts">true</option></platform></display_options>\n';

/** The EPUB file. */
export const renderEpub = (book: Book, edition: Edition, opts: EpubOptions): Promise<Buffer> =>
  makeEpub(book, edition, opts, (epub, extra) => epub.pack(opts.date, extra));

/** What the EPUB holds, unzipped: path → bytes. */
export const renderEpubFiles = (book: Book, edition: Edition, opts: EpubOptions): Promise<Map<string, Buffer>> =>
  makeEpub(book, edition, opts, (epub, extra) => epub.entries(extra));

async function makeEpub<T>(book: Book, edition: Edition, opts: EpubOptions, finish: (epub: BookEPub, extra: Record<string, string>) => Promise<T>): Promise<T> {
  const m = book.meta;
  const buildDate = opts.date.toISOString().slice(0, 10);
  const ctx = makeContext(book, 'epub', { edition, buildDate, identifier: opts.identifier, format: 'EPUB 3', fallbackChars: await fallbackCharacters(book, edition) });
  const chapters = renderChapters(book, ctx);
  const toc = tocEntries(chapters);
  const firstPart = book.parts[0]?.id ?? chapters[0]!.id;
  const nav = renderNav(toc, ctx);
  const ncx = renderNcxNavMap(toc, ctx);
  const coverPage = h('section', { 'epub:type': 'cover', className: 'cover', id: 'cover' }, [
    h('img', { src: 'cover.png', alt: `${m.title}｜${m.speakers.map((s) => s.name).join('、')}｜${m.event.name}` }),
  ]);
  const allText = [...chapters.map((c) => textOf(c.body)), textOf(nav), ctx.t.cover, ctx.t.titlePage, ctx.t.bodyStart, m.title].join('');

  const [fonts, templates, css] = await Promise.all([
    subsetFonts(edition.fonts, allText, { kai: kaiText(book) }),
    Promise.all(['content.opf.ejs', 'toc.xhtml.ejs', 'toc.ncx.ejs', 'chapter.xhtml.ejs'].map(readTemplate)),
    Promise.all(editionStyleSheets(edition, 'epub').map(readStyle)).then((parts) => parts.join('\n')),
  ]);
  const [contentOPF, tocXHTML, tocNCX, chapterXHTML] = templates as [string, string, string, string];

  // epub-gen-memory takes assets only by URL: stage them in a private folder.
  const staged = await makeTempFolder('epub-');
  const stage = staged.path;
  try {
    await mkdir(join(stage, 'fonts'));
    await writeFile(join(stage, 'cover.png'), (await renderCoverPngs(book, edition)).cover);
    await Promise.all(fonts.map((f) => writeFile(join(stage, 'fonts', f.filename), f.data)));

    const doc = (id: string, title: string, body: ReturnType<typeof h>, beforeToc: boolean, bodyClass: string) => ({
      id,
      title,
      filename: `${id}.xhtml`,
      beforeToc,
      content: '', // the markup goes in `xhtml`, past the library's HTML normaliser
      xhtml: toXhtml(body),
      bodyClass,
    });
    const content = [
      doc('cover', ctx.t.cover, coverPage, true, 'cover-page'),
      ...chapters.map((c) => doc(c.id, c.title, c.body, c.beforeToc, `${c.epubType}-page`)),
    ];
    const epub = new BookEPub(
      {
        title: m.title,
        lang: edition.locale,
        // The fallback faces' rules, after base.css's own @font-face rules.
        css: css + fallbackFontCss(fonts),
        cover: pathToFileURL(join(stage, 'cover.png')).href,
        fonts: fonts.map((f) => ({ filename: f.filename, url: pathToFileURL(join(stage, 'fonts', f.filename)).href })),
        contentOPF,
        tocXHTML,
        tocNCX,
        chapterXHTML,
        tocTitle: ctx.t.toc,
        prependChapterTitles: false,
        // Read by our templates:
        identifier: opts.identifier,
        // A vertical edition: Kindle reads the primary writing mode, every reading system the spine's direction.
        writingMode: edition.writingMode,
        pageProgression: edition.pageProgression,
        // One title a reading system can show whole: calibre (the Kindle path)
        // joins a separate subtitle with an ASCII colon, Kindle and Kobo show
        // one string; so the main title carries the subtitle after 「——」, as
        // Chinese books write a 副題, and the bare title is the short one.
        fullTitle: ctx.t.titleWithSubtitle(m.title, m.subtitle),
        // Both speakers are the book's authors (aut: calibre and Send to
        // Kindle show no author without it), and interviewer and interviewee.
        creators: m.speakers.map((s, i) => ({ name: s.name, roles: ['aut', i === 0 ? 'ivr' : 'ive'] })),
        editor: m.publisher,
        publisher: m.publisher,
        sources: m.credits.map((c) => `${c.name}（${c.role}）`),
        // dc:date is the publication date; the build date is dcterms:modified.
        date: m.published ?? buildDate,
        modified: opts.date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        description: bookDescription(m),
        subjects: bookKeywords(m),
        rights: m.rights,
        accessibilitySummary: ctx.t.a11ySummary,
        navXhtml: toXhtml(nav),
        landmarks: { cover: ctx.t.cover, titlepage: ctx.t.titlePage, toc: ctx.t.toc, bodymatter: ctx.t.bodyStart },
        navMapXml: toXml(ncx.navMap),
        ncxDepth: ncx.depth,
        coverTitle: ctx.t.cover,
        bodyTitle: ctx.t.bodyStart,
        bodyStart: `${firstPart}.xhtml`,
      } as ConstructorParameters<typeof EPub>[0],
      content,
    );
    return await finish(epub, { 'META-INF/com.apple.ibooks.display-options.xml': appleDisplayOptions });
  } finally {
    await staged.remove();
  }
}
