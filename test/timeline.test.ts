// Timeline: every event's evidence resolves to exactly one paragraph, every
// field the text does not give carries its mark, damage to the web page is
// never an event, and order is claimed only where the text gives it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { BookError } from '../src/errors.js';
import { parseYaml } from '../src/io/yaml.js';
import { loadBook } from '../src/load-book.js';
import type { Book, Locale } from '../src/model/book.js';
import { timelineSchema } from '../src/model/schema.js';
import { allParagraphs, inlineText } from '../src/model/text.js';
import { renderChapters } from '../src/render/chapters.js';
import { makeContext } from '../src/render/context.js';
import { strings } from '../src/render/i18n.js';
import { convertBook } from '../src/transforms/convert-script.js';
import { resolveTimeline } from '../src/transforms/resolve-timeline.js';
import { edition } from './helpers/editions.js';
import { bookDir } from './helpers/paths.js';

const book = await loadBook(bookDir);
const paragraphs = new Map(allParagraphs(book).map((p) => [p.paragraph.id, inlineText(p.paragraph.content)]));
const partOf = new Map(allParagraphs(book).map((p) => [p.paragraph.id, book.parts.find((x) => x.id === p.partId)!]));
const groups = book.timelineFrame!.groups;

function resolveText(yamlText: string) {
  const { value, lineOf } = parseYaml(yamlText, timelineSchema, 'timeline.yaml');
  return resolveTimeline({ ...book, timeline: [] }, value, { file: 'timeline.yaml', lineOf });
}
function refusal(yamlText: string): BookError {
  try {
    resolveText(yamlText);
  } catch (e) {
    if (e instanceof BookError) return e;
    throw e;
  }
  throw new Error('expected the timeline to be refused');
}
const oneEvent = (fields: string) => `groups:\n  - id: g\n    title: 組\n    order: unknown\n    events:\n      - id: a\n        text: 一件事\n${fields}`;

/** The timeline chapter as HTML text, per edition. */
function timelineHtml(b: Book): string {
  const chapter = renderChapters(b, makeContext(b, 'epub', { edition: edition(b.meta.language), buildDate: '2024-07-30', identifier: 'urn:uuid:x', format: 'EPUB' })).find((c) => c.id === 'timeline')!;
  return toHtml(chapter.body);
}

describe('the timeline of the book', () => {
  it('resolves every quote to the paragraph that contains it', () => {
    for (const e of book.timeline) {
      for (const ev of e.evidence) expect(paragraphs.get(ev.paragraph), `${e.id}: ${ev.quote}`).toContain(ev.quote);
    }
  });
  it('numbers the events 1… as references, in the order of the data file, group by group', () => {
    expect(book.timeline.map((e) => e.order)).toEqual(book.timeline.map((_, i) => i + 1));
    const groupRank = book.timeline.map((e) => groups.findIndex((g) => g.id === e.group));
    expect([...groupRank].sort((a, b) => a - b)).toEqual(groupRank);
  });
  it('claims an order only where the text gives one', () => {
    const order = Object.fromEntries(groups.map((g) => [g.id, g.order]));
    expect(order).toEqual({ before: 'unknown', transcript: 'text', reported: 'unknown', closing: 'text' });
    // Events of the transcript stand in the order of the paragraphs they quote.
    const ids = allParagraphs(book).map((p) => p.paragraph.id);
    const at = book.timeline.filter((e) => e.group === 'transcript').map((e) => ids.indexOf(e.evidence.find((x) => partOf.get(x.paragraph)!.kind === 'conversation')!.paragraph));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Within a group of unknown order, only an event the text says follows another says so.
    expect(book.timeline.filter((e) => e.follows).map((e) => [e.id, e.follows])).toEqual([
      ['cheesesteak-story', 'cattle-tracking-video'],
      ['jacket-exchange', 'photo-on-screen'],
    ]);
  });
  it('marks as reported every event the transcript does not contain, and only those', () => {
    for (const e of book.timeline) {
      const inTranscript = e.evidence.some((x) => partOf.get(x.paragraph)!.kind === 'conversation');
      expect(e.reported, e.id).toBe(!inTranscript);
    }
    // The episodes the introduction reports and the surviving transcript lacks.
    const reported = new Set(book.timeline.filter((e) => e.reported).map((e) => e.id));
    for (const id of ['open-source-self-interest', 'angry-at-a-supplier', 'every-business-an-agent', 'five-years-of-products', 'glasses-and-ray-ban', 'farms', 'praise-each-other', 'cattle-tracking-video', 'cheesesteak-story']) {
      expect(reported, id).toContain(id);
    }
    expect(book.timeline.filter((e) => e.group === 'reported').every((e) => e.reported)).toBe(true);
  });
  it('gives a date only as precise as its source: 2018 is a year, in the text', () => {
    const e = book.timeline.find((x) => x.id === 'meta-2018')!;
    expect([e.date, e.dateBasis]).toEqual(['2018', 'text']);
    expect(paragraphs.get(e.evidence[0]!.paragraph)).toContain('2018 年');
  });
  it('lists no damage to the web page as an event: the lost passage and the break-off are shown in the text', () => {
    const notes = book.parts.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'note' ? [b] : [])));
    expect(notes.map((n) => n.kind).sort()).toEqual(['gap', 'truncated']);
    for (const e of book.timeline) {
      expect(e.text, e.id).not.toMatch(/遺失|缺文|中斷|接下頁|原網頁|分頁/);
      expect(e.id).not.toMatch(/lost|gap|break|truncat/);
    }
  });
  it('is part of the book model', () => {
    const json = JSON.parse(JSON.stringify(book));
    expect(json.timeline).toHaveLength(book.timeline.length);
    expect(json.timelineFrame.groups).toHaveLength(groups.length);
  });
});

describe('every timeline field that is not in the text carries its mark', () => {
  it('a date from the text is in a quoted paragraph; any other date names its outside source', () => {
    const dated = [...book.timeline.filter((e) => e.date), { ...book.timelineFrame!.day!, id: 'day' }];
    expect(dated.length).toBeGreaterThan(2);
    for (const e of dated) {
      const quoted = e.evidence.map((x) => paragraphs.get(x.paragraph)).join('\n');
      const [y, m, d] = e.date!.split('-').map(Number);
      const inText = quoted.includes(`${y}`) && (m === undefined || (quoted.includes(`${m} 月`) && quoted.includes(`${d} 日`)));
      if (e.dateBasis === 'text') expect(inText, e.id).toBe(true);
      else expect(e.external?.source, e.id).toBeTruthy();
    }
    // The day of the conversation: the text says 「29 日」 and 「SIGGRAPH 2024」, not the month.
    expect(book.timelineFrame!.day).toMatchObject({ date: '2024-07-29', dateBasis: 'external' });
  });
  it('the text\'s own words for a time are in a quoted paragraph; the editor\'s are marked inferred', () => {
    for (const e of book.timeline.filter((x) => x.when)) {
      if (e.when!.basis === 'text') expect(e.evidence.some((x) => paragraphs.get(x.paragraph)!.includes(e.when!.words)), e.id).toBe(true);
    }
    expect(book.timeline.filter((e) => e.when?.basis === 'inferred').map((e) => e.id)).toEqual(['cheesesteak-at-huangs-home', 'zuckerberg-flies-in']);
  });
  it('the place is the text\'s own words', () => {
    const day = book.timelineFrame!.day!;
    expect(day.evidence.some((x) => paragraphs.get(x.paragraph)!.includes(day.place!))).toBe(true);
  });
  it.each(['zh-Hant', 'zh-Hans'] as Locale[])('in the rendered %s timeline, each such field is followed by its mark', (locale) => {
    const converted = convertBook(book, edition(locale));
    const html = timelineHtml(converted);
    const t = strings[locale];
    const mark = (k: 'inferred' | 'external' | 'reported') => `<span class="mark mark-${k}">〔${t.mark[k]}〕</span>`;
    for (const e of converted.timeline) {
      const item = html.slice(html.indexOf(`id="event-${e.id}"`), html.indexOf('</li>', html.indexOf(`id="event-${e.id}"`)));
      if (e.date) expect(item.includes(`${t.date(e.date)}</time>${mark('external')}`), e.id).toBe(e.dateBasis === 'external');
      if (e.when?.basis === 'inferred') expect(item, e.id).toContain(`${e.when.words}${mark('inferred')}`);
      if (e.when?.basis === 'text') expect(item, e.id).toContain(t.quote(e.when.words));
      expect(item.includes(mark('reported')), e.id).toBe(e.reported);
    }
    // The day's date: once per group of that day, always with its mark.
    const dayLines = html.match(/<p class="tl-day">.*?<\/p>/g) ?? [];
    expect(dayLines).toHaveLength(groups.filter((g) => g.onDay).length);
    for (const l of dayLines) expect(l).toContain(`${t.date('2024-07-29')}</time>${mark('external')}`);
    // The rule is stated once, in the lead, not at every event.
    for (const k of ['inferred', 'external', 'reported'] as const) expect(t.timelineIntro).toContain(`〔${t.mark[k]}〕`);
  });
});

describe('timeline errors: file:line and what to do', () => {
  it('a quote that is not found', () => {
    const e = refusal(oneEvent('        evidence:\n          - 沒有這句話的文字\n'));
    expect(e.place).toEqual({ file: 'timeline.yaml', line: 9 });
    expect(e.message).toMatch(/「沒有這句話的文字」 is not found/);
  });
  it('a quote found in more than one paragraph', () => {
    const e = refusal(oneEvent('        evidence:\n          - 推薦系統\n'));
    expect(e.place?.line).toBe(9);
    expect(e.message).toMatch(/「推薦系統」 is found in \d+ paragraphs/);
  });
  it('a date said to be in the text that is not', () => {
    const e = refusal(oneEvent('        date: 2024-07-29\n        dateBasis: text\n        evidence:\n          - 29 日在電腦繪圖大會\n'));
    expect(e.format()).toMatch(/the date 2024-07-29 is marked as in the text, but the quoted paragraphs do not say 「7 月」.*Fix: mark it `dateBasis: external`/);
  });
  it('a date from outside without its source', () => {
    expect(refusal(oneEvent('        date: 2024-07-23\n        dateBasis: external\n        evidence:\n          - 上星期正式推出 AI\n')).message).toMatch(/no source is given/);
  });
  it('a time said in the text\'s words that the quoted paragraphs do not have', () => {
    const e = refusal(oneEvent('        when: 上個月\n        evidence:\n          - 上星期正式推出 AI\n'));
    expect(e.format()).toMatch(/when 「上個月」 is not in the quoted paragraphs.*`whenInferred`/);
  });
  it('an event that follows one that is not before it in its group', () => {
    expect(refusal(oneEvent('        follows: nowhere\n        evidence:\n          - 上星期正式推出 AI\n')).message).toMatch(/follows 「nowhere」/);
  });
  it('the committed timeline file resolves as it is', () => {
    const text = readFileSync(join(bookDir, 'timeline.yaml'), 'utf8');
    expect(resolveText(text).timeline).toHaveLength(book.timeline.length);
  });
});
