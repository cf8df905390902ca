// Wording (OpenCC's phrase tables): a field of the edition record. On by
// default for the book's own words, off by default for the transcript (the
// publisher's choice); whatever the choice, the notes say it, and every
// word it changes in the text is listed.
import * as OpenCC from 'opencc-js';

import { describe, expect, it } from 'vitest';
import { loadBook } from '../src/load-book.js';
import type { Book, Locale } from '../src/model/book.js';
import { editions } from '../src/model/edition.js';
import { allParagraphs, inlineText } from '../src/model/text.js';
import { renderChapters } from '../src/render/chapters.js';
import { makeContext } from '../src/render/context.js';
import { strings } from '../src/render/i18n.js';
import { textOf } from '../src/render/text-of.js';
import { diffChanges } from '../src/transforms/char-changes.js';
import { convertBook } from '../src/transforms/convert-script.js';
import { keepWords, phraseConverter } from '../src/transforms/phrases.js';
import { edition } from './helpers/editions.js';
import { bookDir } from './helpers/paths.js';

const book = await loadBook(bookDir);
const text = (b: Book) => allParagraphs(b).filter((p) => p.block.type !== 'note').map((p) => inlineText(p.paragraph.content));
const withTextWording: Book = { ...book, meta: { ...book.meta, wording: { text: true } } };
const notesText = (b: Book) => {
  const ctx = makeContext(b, 'epub', { edition: edition(b.meta.language), buildDate: '2024-07-30', identifier: 'urn:uuid:x', format: 'EPUB' });
  return textOf(renderChapters(b, ctx).find((c) => c.id === 'editorial-notes')!.body);
};

describe('the edition record holds the wording settings', () => {
  it('on for the book\'s own words, off for the transcript, in every edition', () => {
    for (const e of editions) expect(e.wording).toEqual({ apparatus: true, text: false });
  });
});

describe.each(['zh-Hant', 'zh-Hans'] as Locale[])('%s', (locale) => {
  const plain = convertBook(book, edition(locale));
  const reworded = convertBook(withTextWording, edition(locale));

  it('by default leaves the transcript\'s words as they are: script conversion only', () => {
    const scriptOnly = OpenCC.Converter({ from: 't', to: locale === 'zh-Hant' ? 'tw' : 'cn' });
    const phrased = OpenCC.Converter({ from: locale === 'zh-Hant' ? 't' : 'twp', to: locale === 'zh-Hant' ? 'twp' : 'cn' });
    const source = text(book);
    // Where OpenCC's phrase tables would reword the text, the edition has the script-only form.
    const differs = source.filter((p) => scriptOnly(p) !== phrased(p));
    expect(differs.length).toBeGreaterThan(0);
    expect(plain.conversion!.phrases).toBe(false);
    expect(plain.conversion!.changes.filter((c) => c.step === 'phrases')).toEqual([]);
    expect(notesText(plain)).toContain(strings[locale].phrasesNote(false));
  });

  it('when the publisher asks, rewords the transcript and lists every word it changed', () => {
    const words = reworded.conversion!.changes.filter((c) => c.step === 'phrases');
    expect(reworded.conversion!.phrases).toBe(true);
    expect(words.length).toBeGreaterThan(0);
    // Each listed word was in the text, and each change in the text is a listed word.
    const manuscript = text(book).join('\n');
    for (const w of words) expect(manuscript.split(w.from).length - 1, w.from).toBeGreaterThanOrEqual(w.count);
    // Every character that differs from the script-only edition lies in a listed word.
    const runs = text(plain).flatMap((p, i) => diffChanges(p, text(reworded)[i]!));
    const changedChars = runs.reduce((n, r) => n + Math.max([...r.from].length, [...r.to].length), 0);
    expect(changedChars).toBeGreaterThan(0);
    expect(changedChars).toBeLessThanOrEqual(words.reduce((n, w) => n + w.count * Math.max([...w.from].length, [...w.to].length), 0));
    const notes = notesText(reworded);
    expect(notes).toContain(strings[locale].phrasesNote(true));
    for (const w of words) expect(notes).toContain(strings[locale].conversionPair(w.from, w.to, w.count));
  });

  it('rewords the book\'s own words, but never a quotation in them', () => {
    const timeline = plain.timeline.map((e) => e.text).join('\n');
    if (locale === 'zh-Hant') {
      expect(timeline).toContain('在人工智慧與模擬的交叉領域'); // the editor's 人工智能 → Taiwan's word
      expect(timeline).toContain('「我們當初開始時，人工智能研究中心還是 Facebook」'); // a quotation keeps the speaker's
    } else {
      expect(plain.meta.speakers.map((s) => s.role)).toEqual(['英伟达（NVIDIA）首席执行官，本场对谈主持人', 'Meta 首席执行官']);
      expect(timeline).not.toContain('辉达');
      expect(text(plain).join('')).toContain('辉达'); // the transcript keeps its word
    }
  });
});

describe('words OpenCC\'s tables would get wrong here are kept', () => {
  it.each([
    ['zh-Hant', '內容類型', '內容類型'],
    ['zh-Hans', '核心業務', '核心業務'],
    ['zh-Hans', '公開資料', '公開資料'],
    ['zh-Hant', '短視頻', '短影片'],
    ['zh-Hans', '輝達執行長', '英偉達首席執行官'],
  ] as [Locale, string, string][])('%s: %s → %s', (locale, from, to) => {
    expect(phraseConverter(locale)(from)).toBe(to);
  });
  it('each kept word is one the tables would change', () => {
    for (const locale of ['zh-Hant', 'zh-Hans'] as Locale[]) {
      const table = OpenCC.Converter({ from: locale === 'zh-Hant' ? 't' : 'twp', to: locale === 'zh-Hant' ? 'twp' : 't' });
      for (const w of keepWords[locale]) expect(table(w), w).not.toBe(w);
    }
  });
});

describe('the book\'s interface strings are written in each locale\'s own words', () => {
  const flat = (o: unknown): string[] => (typeof o === 'string' ? [o] : typeof o === 'object' && o ? Object.values(o).flatMap(flat) : []);
  it.each(['zh-Hant', 'zh-Hans'] as Locale[])('%s: the wording step would change none of them', (locale) => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
    const changed: string[] = [];
    for (const s of flat(strings[locale])) {
      phraseConverter(locale)(locale === 'zh-Hant' ? s : toTraditional(s), (from, to) => changed.push(`${from}→${to}`));
    }
    expect(changed).toEqual([]);
  });
});

