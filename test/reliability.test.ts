// Inputs that used to build a broken or silently wrong book, through the real
// command: characters the fonts lack, markup characters in names, dates a
// ZIP cannot carry, and a book outside git (README, "Bad input").
import { cpSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BookError } from '../src/errors.js';
import { publishedBuildDate, resolveBuildDate } from '../src/io/build-date.js';
import { findUncoveredCharacters, locateCharacters, readFontCoverage } from '../src/io/glyph-coverage.js';
import { editions } from '../src/model/edition.js';
import { runBuild } from '../src/build.js';
import type { BuildOptions } from '../src/cli-args.js';
import { makeReporter } from '../src/io/reporter.js';
import { loadBook } from '../src/load-book.js';
import { bookTextLength, checkPrintable, maxPrintCharacters } from '../src/write/pdf/limits.js';
import type { EditionWriter, Writer } from '../src/write/writer.js';
import { writers } from '../src/write/writers.js';
import { lengthenBook } from './bench/synthetic.js';
import { runCli } from './helpers/cli.js';
import { openEpub, xhtmlText } from './helpers/epub.js';
import { epubcheckBatched } from './helpers/epubcheck.js';
import { bookDir, fixture } from './helpers/paths.js';

const fuzzBook = fixture('books/fuzz');
const base = readFileSync(join(fuzzBook, 'manuscript.md'), 'utf8');
/** The environment of a build outside git with no SOURCE_DATE_EPOCH (an empty one counts as unset). */
const noDate = { SOURCE_DATE_EPOCH: '' };

/** A copy of the fuzz fixture, outside any git repository, with `edit` applied to its manuscript. */
function bookCopy(edit: (text: string) => string = (t) => t): string {
  const dir = mkdtempSync(join(tmpdir(), 'rel-book-'));
  writeFileSync(join(dir, 'manuscript.md'), edit(base));
  return dir;
}

function expectOneLine(r: { status: number | null; stderr: string }, status: number, pattern: RegExp) {
  expect(r.status, r.stderr).toBe(status);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe('characters the fonts lack', () => {
  it('are found in each edition\'s fonts, ignoring what is never drawn', async () => {
    for (const edition of editions) {
      const covered = (await readFontCoverage(edition.fonts)).withFallback;
      expect(findUncoveredCharacters('中文 ABC 「」，。 \n\t\u200d\ufe0f', covered), edition.id).toEqual([]);
      const book = edition.locale === 'zh-Hant' ? '書' : '书';
      expect(findUncoveredCharacters(`${book}🎉${book}𠀀🎉`, covered), edition.id).toEqual(['🎉', '𠀀']);
    }
    expect(locateCharacters(['🎉'], [{ file: 'm.md', text: 'a\n🎉\nb🎉' }, { file: 't.yaml', text: '🎉' }])).toEqual([
      { char: '🎉', places: [{ file: 'm.md', line: 2 }, { file: 'm.md', line: 3 }, { file: 't.yaml', line: 1 }] },
    ]);
  });

  it('stop the build (exit 65), each listed with its file:line; --allow-missing-glyphs builds and lists them as a warning', () => {
    const dir = bookCopy((t) => t.replace('先说说你的新书吧。', '先说说你的新书吧🎉。').replace('然后写一点东西。', '然后写一点东西𠀀。'));
    const md = join(dir, 'manuscript.md');
    const text = readFileSync(md, 'utf8');
    const line = (s: string) => text.split('\n').findIndex((l) => l.includes(s)) + 1;
    const out = mkdtempSync(join(tmpdir(), 'rel-out-'));
    const refused = runCli(['build', '--manuscript', dir, '--out', out, '--formats', 'json,epub'], noDate);
    expectOneLine(refused, 65, new RegExp(`manuscript\\.md:${line('🎉')}: 2 characters the zh-Hant fonts cannot draw.*「🎉」 U\\+1F389 at \\S*manuscript\\.md:${line('🎉')}; 「𠀀」 U\\+20000 at \\S*manuscript\\.md:${line('𠀀')}\\. Fix: .*--allow-missing-glyphs`));
    expect(readdirSync(out)).toEqual([]);

    const allowed = runCli(['build', '--manuscript', dir, '--out', out, '--formats', 'json,epub', '--allow-missing-glyphs'], noDate);
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(allowed.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^warning: the zh-Hant fonts cannot draw 「🎉」 .*「𠀀」/),
      expect.stringMatching(/^warning: the zh-Hans fonts cannot draw 「🎉」 .*「𠀀」/),
      expect.stringMatching(/^warning: the zh-Hant-vertical fonts cannot draw 「🎉」 .*「𠀀」/),
    ]);
    expect(readdirSync(out).sort()).toEqual(['fuzz-talk.book.json', 'fuzz-talk.zh-Hans.epub', 'fuzz-talk.zh-Hant-vertical.epub', 'fuzz-talk.zh-Hant.epub']);
  }, 120_000);
});

describe('markup characters in the title, a speaker\'s name and the event', () => {
  it('build EPUBs that pass epubcheck, with the characters printed as written', async () => {
    const dir = bookCopy((t) =>
      t
        .replace('title: 海边夜谈：纸本书还有未来吗', 'title: "AI <-> 人：纸本书 & ]]> 未来"')
        .replace('name: 小镇书店座谈', 'name: "<座谈> & ]]>"')
        .replace('name: 周明', 'name: 周<明>')
        .replace('周明：纸本书还有未来吗？', '周<明>：纸本书 ]]> 还有 <未来> 吗？'),
    );
    const out = mkdtempSync(join(tmpdir(), 'rel-out-'));
    const r = runCli(['build', '--manuscript', dir, '--out', out, '--formats', 'json,epub'], noDate);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const epubcheck = epubcheckBatched(['zh-Hant', 'zh-Hans'].map((edition) => join(out, `fuzz-talk.${edition}.epub`)));
    for (const edition of ['zh-Hant', 'zh-Hans']) {
      const file = join(out, `fuzz-talk.${edition}.epub`);
      expect(epubcheck(file).output, edition).toBe('');
      const epub = await openEpub(file);
      const cover = await epub.text('OEBPS/cover.xhtml');
      // XML allows no `<` in an attribute, and no `]]>` in text.
      expect(cover).toMatch(/alt="AI &#x3C;-> 人：.* &#x26; \]\]> .*周&#x3C;明>.*&#x3C;座.> &#x26; \]\]>"/);
      expect(cover).not.toMatch(/="[^"]*</);
      const talk = await epub.text('OEBPS/talk.xhtml');
      expect(talk).not.toContain(']]>');
      expect(xhtmlText(talk)).toMatch(/周<明>：.{3} \]\]> 还有 <未来> 吗？|周<明>：.{3} \]\]> 還有 <未來> 嗎？/);
    }
  }, 120_000);
});

describe('the build date', () => {
  const at = (epoch: string) => resolveBuildDate(tmpdir(), { SOURCE_DATE_EPOCH: epoch });
  it('takes SOURCE_DATE_EPOCH within what an EPUB\'s ZIP can carry (1980–2107)', () => {
    expect(at('315532800')?.toISOString()).toBe('1980-01-01T00:00:00.000Z');
    expect(at('4354819199')?.toISOString()).toBe('2107-12-31T23:59:59.000Z');
  });
  it('refuses a SOURCE_DATE_EPOCH that is not a number of seconds', () => {
    expect(() => at('2024-07-29')).toThrow(/SOURCE_DATE_EPOCH is 「2024-07-29」, not a number of seconds/);
  });
  it.each(['0', '315532799', '4354819200', '99999999999999999999'])('refuses SOURCE_DATE_EPOCH=%s in one line', (epoch) => {
    expect(() => at(epoch)).toThrow(BookError);
    expect(() => at(epoch)).toThrow(/the build date from SOURCE_DATE_EPOCH \(\d+\) is outside 1980-01-01 … 2107-12-31/);
  });
  it('refuses a SOURCE_DATE_EPOCH out of range through the command, naming the fix', () => {
    const r = runCli(['build', '--manuscript', fuzzBook, '--out', mkdtempSync(join(tmpdir(), 'rel-out-')), '--formats', 'json'], { SOURCE_DATE_EPOCH: '0' });
    expectOneLine(r, 65, /^error: environment: the build date from SOURCE_DATE_EPOCH \(0\) .*Fix: set it between 315532800 and 4354819199, or unset it\.$/);
  });
  it('outside git and without SOURCE_DATE_EPOCH is the published date, and without one the build says what to add', () => {
    const dir = bookCopy();
    expect(resolveBuildDate(dir, noDate)).toBeUndefined();
    expect(publishedBuildDate('2024-06-01', 'm.md').toISOString()).toBe('2024-06-01T00:00:00.000Z');
    expect(() => publishedBuildDate('1979-12-31', 'm.md')).toThrow(/from published \(1979-12-31\) is outside/);
    const undated = bookCopy((t) => t.replace('published: "2024-06-01"\n', ''));
    const r = runCli(['build', '--manuscript', undated, '--out', mkdtempSync(join(tmpdir(), 'rel-out-')), '--formats', 'json'], noDate);
    expectOneLine(r, 65, /manuscript\.md: no build date: .*Fix: add `published: YYYY-MM-DD`/);
  });
});

describe('reproducible outside git', () => {
  it('two copies of a manuscript, with different file times, give the same bytes; published is the first-edition date', async () => {
    const [a, b] = [bookCopy(), mkdtempSync(join(tmpdir(), 'rel-book-'))];
    cpSync(a, b!, { recursive: true });
    utimesSync(join(b!, 'manuscript.md'), new Date('2001-01-01'), new Date('2001-01-01'));
    const outs = [a, b!].map((dir) => {
      const out = mkdtempSync(join(tmpdir(), 'rel-out-'));
      const r = runCli(['build', '--manuscript', dir!, '--out', out, '--formats', 'json,epub'], noDate);
      expect(r.status, r.stderr).toBe(0);
      return out;
    });
    const names = readdirSync(outs[0]!).sort();
    expect(names).toHaveLength(4); // the book's JSON and an EPUB of each edition
    for (const name of names) expect(readFileSync(join(outs[1]!, name)).equals(readFileSync(join(outs[0]!, name))), name).toBe(true);
    const epub = await openEpub(join(outs[0]!, 'fuzz-talk.zh-Hant.epub'));
    expect(await epub.text('OEBPS/content.opf')).toContain('<meta property="dcterms:modified">2024-06-01T00:00:00Z</meta>');
  }, 120_000);

  it('published is the issued date and the first edition, apart from the build date', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rel-out-'));
    const r = runCli(['build', '--manuscript', bookCopy(), '--out', out, '--formats', 'epub', '--editions', 'zh-Hant'], { SOURCE_DATE_EPOCH: '1722211200' });
    expect(r.status, r.stderr).toBe(0);
    const epub = await openEpub(join(out, 'fuzz-talk.zh-Hant.epub'));
    const opf = await epub.text('OEBPS/content.opf');
    expect(opf).toMatch(/<dc:date>2024-06-01(T00:00:00\.000Z)?<\/dc:date>/);
    expect(opf).toContain('<meta property="dcterms:modified">2024-07-29T00:00:00Z</meta>');
    const colophon = xhtmlText(await epub.text('OEBPS/colophon.xhtml'));
    // The 版權頁 dates the edition as a publisher does, from `published`; the build date is the package's (dcterms:modified), not the reader's.
    expect(colophon).toContain('版次：2024 年 6 月初版');
    expect(colophon).not.toContain('2024 年 7 月');
  }, 60_000);
});

describe('limits said aloud', () => {
  it('a book longer than the PDF step handles is refused in one line, and one as long as was measured is not', async () => {
    const real = await loadBook(bookDir);
    expect(() => checkPrintable(lengthenBook(real, 300).book, 'manuscript.md')).not.toThrow();
    const long = lengthenBook(real, 310).book;
    expect(bookTextLength(long)).toBeGreaterThan(maxPrintCharacters);
    let e: unknown;
    try {
      checkPrintable(long, 'manuscript.md');
    } catch (caught) {
      e = caught;
    }
    expect(e).toBeInstanceOf(BookError);
    expect((e as BookError).format()).toMatch(/^manuscript\.md: the book has [\d,]+ characters of text; the PDF step prints at most 1,750,000 .* Fix: build the other formats \(--formats json,epub\)/);
  });

  it('the build asks every writer\'s check before any writer runs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'rel-out-'));
    const ran: string[] = [];
    const refusing: Writer = {
      name: 'refuses',
      scope: 'book',
      needsBrowser: true,
      inputs: [],
      check: async () => {
        throw new BookError('input', 'too long.', 'split it.');
      },
      write: async () => (ran.push('refuses'), []),
    };
    const epub = writers.find((w) => w.name === 'epub') as EditionWriter;
    const watched: EditionWriter = { ...epub, write: async (book, edition, ctx) => (ran.push('epub'), epub.write(book, edition, ctx)) };
    const options: BuildOptions = { command: 'build', manuscript: [fuzzBook], out, pageSize: 'A5', formats: ['epub', 'refuses'], editions: ['zh-Hans'], cache: false, clearCache: false, debug: false, verbosity: 'quiet' };
    const silent = { write: () => true };
    await expect(runBuild(options, { registry: { writers: [watched, refusing], editions }, reporter: makeReporter('quiet', {}, silent, silent) })).rejects.toThrow('too long.');
    expect(ran).toEqual([]);
    expect(readdirSync(out)).toEqual([]);
  });
});
