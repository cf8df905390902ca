// Traditional and Simplified editions from one manuscript (opencc-js).
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { loadBook } from '../src/load-book.js';
import { allParagraphs, inlineText } from '../src/model/text.js';
import { convertBook, makeConverter, projectDictionary } from '../src/transforms/convert-script.js';
import { strings } from '../src/render/i18n.js';
import { edition } from './helpers/editions.js';
import { bookDir } from './helpers/paths.js';

const book = await loadBook(bookDir);
const hant = convertBook(book, edition('zh-Hant'));
const hans = convertBook(book, edition('zh-Hans'));

/** Every string of the model a reader sees (not ids). */
function visibleText(b: typeof book): string {
  return [
    b.meta.title,
    b.meta.subtitle ?? '',
    b.meta.event.place,
    b.meta.publisher,
    b.meta.rights,
    ...b.meta.speakers.flatMap((s) => [s.name, s.role ?? '']),
    ...b.parts.map((p) => p.title),
    ...allParagraphs(b).map((p) => inlineText(p.paragraph.content)),
    ...b.timeline.flatMap((e) => [e.text, e.when?.words ?? '', ...e.evidence.map((x) => x.quote)]),
    ...(b.timelineFrame?.groups ?? []).flatMap((g) => [g.title, g.note ?? '']),
    // Edits quote the source as it was (「幾年里」) on purpose; only the editor's words count here.
    ...b.edits.flatMap((e) => [e.why ?? '']),
  ].join('\n');
}

const table = async (name: string): Promise<[string, string][]> =>
  ((await import(`opencc-js/dict/${name}`)).default as string).split('|').map((e) => e.split(' ') as [string, string]);

/**
 * Characters that exist in only one script, from OpenCC's own tables: a key
 * that the table always maps to something else. For Traditional, the Taiwan
 * forms OpenCC's TWVariants produces (峰, 秘, 群) are Traditional too, and so
 * is 台, which OpenCC's t→tw keeps as the common Taiwan form.
 */
async function oneScriptOnly(name: 'STCharacters' | 'TSCharacters'): Promise<Set<string>> {
  const only = new Set<string>();
  for (const [key, values] of await table(name)) if (key && values && !values.includes(key)) only.add(key);
  if (name === 'STCharacters') {
    for (const [, taiwan] of await table('TWVariants')) for (const c of taiwan ?? '') only.delete(c);
    only.delete('台');
  }
  return only;
}

describe('script conversion', () => {
  it('leaves no Traditional-only character in the zh-Hans edition', async () => {
    const text = visibleText(hans);
    expect(OpenCC.Converter({ from: 't', to: 'cn' })(text)).toBe(text);
    const traditional = await oneScriptOnly('TSCharacters');
    expect([...text].filter((c) => traditional.has(c))).toEqual([]);
  });
  it('leaves no Simplified-only character in the zh-Hant edition, in Taiwan forms', async () => {
    const text = visibleText(hant);
    expect(OpenCC.Converter({ from: 't', to: 'tw' })(text)).toBe(text);
    const simplified = await oneScriptOnly('STCharacters');
    expect([...text].filter((c) => simplified.has(c))).toEqual([]);
    for (const taiwan of ['為', '裡', '著']) expect(text).toContain(taiwan);
    for (const other of ['爲', '裏', '着']) expect(text).not.toContain(other);
  });
  it('converts model text only: ids, speaker ids and Latin stay as they are', () => {
    expect(hans.parts.map((p) => p.id)).toEqual(book.parts.map((p) => p.id));
    expect(allParagraphs(hans).map((p) => p.paragraph.id)).toEqual(allParagraphs(book).map((p) => p.paragraph.id));
    expect(hans.meta.speakers.map((s) => s.id)).toEqual(['huang', 'zuckerberg']);
    expect(hans.timeline.map((e) => e.evidence.map((x) => x.paragraph))).toEqual(book.timeline.map((e) => e.evidence.map((x) => x.paragraph)));
    expect(visibleText(hans)).toContain('SIGGRAPH');
    expect(hans.meta.language).toBe('zh-Hans');
  });
  it('uses each locale\'s quotation marks', () => {
    expect(visibleText(hant)).not.toMatch(/[“”]/);
    expect(visibleText(hant)).toContain('「不善言辭」');
    expect(visibleText(hans)).not.toMatch(/[「」]/);
    expect(visibleText(hans)).toContain('“不善言辞”');
    expect(visibleText(hans)).toContain('黄仁勋套着查克伯格');
  });
  it('pins every project dictionary entry, and leaves 合併 and 併購 alone', () => {
    const tw = makeConverter('zh-Hant', edition('zh-Hant'));
    for (const [from, to] of projectDictionary['zh-Hant']) expect(tw(`甲${from}乙`)).toBe(`甲${to}乙`);
    expect(tw('提陞')).toBe('提升');
    expect(tw('這里')).toBe('這裡');
    expect(tw('併迅速')).toBe('並迅速');
    expect(tw('合併')).toBe('合併');
    expect(tw('併購')).toBe('併購');
    expect(makeConverter('zh-Hant', edition('zh-Hans'))('提陞')).toBe('提升');
    const cn = makeConverter('zh-Hant', edition('zh-Hans'));
    for (const [from, to] of projectDictionary['zh-Hans']) expect(cn(`甲${from}乙`)).toBe(`甲${to}乙`);
    expect(cn('著作')).toBe('著作');
  });
  it('quotes the source verbatim in its own script, and converted in the other', () => {
    const artefact = (b: typeof book) => b.edits.find((e) => e.kind === 'artefact' && e.lines[0] === 99)!;
    expect(artefact(hant)).toMatchObject({ from: '提陞', to: '提升' });
    expect(artefact(hans)).toMatchObject({ from: '提升', to: '提升' });
    expect(hant.edits.find((e) => e.kind === 'repeat' && e.lines[0] === 79)!.from).toContain('“我只是副主廚”');
  });

  it('nests quotation marks: the inner quotation takes the secondary marks', () => {
    expect(strings['zh-Hant'].quote('兩人之前「互換球衣」的合照')).toBe('「兩人之前『互換球衣』的合照」');
    expect(strings['zh-Hans'].quote('两人之前“互换球衣”的合照')).toBe('“两人之前‘互换球衣’的合照”');
  });

  it('does not mistake an apostrophe for a quotation mark', () => {
    expect(makeConverter('zh-Hant', edition('zh-Hant'))('Meta’s 模型')).toBe('Meta’s 模型');
  });
});
