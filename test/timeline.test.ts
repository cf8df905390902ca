// Timeline: every event's evidence resolves to exactly one paragraph.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BookError } from '../src/errors.js';
import { parseYaml } from '../src/io/yaml.js';
import { loadBook } from '../src/load-book.js';
import { timelineSchema } from '../src/model/schema.js';
import { allParagraphs, inlineText } from '../src/model/text.js';
import { resolveTimeline } from '../src/transforms/resolve-timeline.js';
import { bookDir } from './helpers/paths.js';

const book = await loadBook(bookDir);
const paragraphs = new Map(allParagraphs(book).map((p) => [p.paragraph.id, inlineText(p.paragraph.content)]));

function resolveText(yamlText: string) {
  const { value, lineOf } = parseYaml(yamlText, timelineSchema, 'timeline.yaml');
  return resolveTimeline({ ...book, timeline: [] }, value, { file: 'timeline.yaml', lineOf });
}
const event = (evidence: string) => `events:\n  - id: a\n    precision: relative\n    when: 之前\n    stretch: before\n    text: 一件事\n    evidence:\n      - ${evidence}\n`;

describe('the timeline of the book', () => {
  it('has at least 12 events covering before, during and after the conversation', () => {
    expect(book.timeline.length).toBeGreaterThanOrEqual(12);
    expect(new Set(book.timeline.map((e) => e.stretch))).toEqual(new Set(['before', 'during', 'after']));
  });
  it('resolves every quote to the paragraph that contains it', () => {
    for (const e of book.timeline) {
      for (const ev of e.evidence) expect(paragraphs.get(ev.paragraph), `${e.id}: ${ev.quote}`).toContain(ev.quote);
    }
  });
  it('keeps the order of the data file, and the stretches in sequence', () => {
    expect(book.timeline.map((e) => e.order)).toEqual(book.timeline.map((_, i) => i + 1));
    const stretchRank = { before: 0, during: 1, after: 2 };
    const ranks = book.timeline.map((e) => stretchRank[e.stretch]);
    expect([...ranks].sort()).toEqual(ranks);
    // Dated events never run backwards: each may start no later than the next one can end
    // (a 「上星期」 event spans the seven days from its date).
    const day = 86_400_000;
    const span = (e: (typeof book.timeline)[number]) => {
      const start = Date.parse(e.date!);
      return [start, e.precision === 'week' ? start + 6 * day : start] as const;
    };
    const dated = book.timeline.filter((e) => e.date);
    for (let i = 1; i < dated.length; i++) expect(span(dated[i - 1]!)[0], dated[i]!.id).toBeLessThanOrEqual(span(dated[i]!)[1]);
  });
  it('cites a public source for every fact that is not in the text', () => {
    const external = book.timeline.filter((e) => e.external);
    expect(external.length).toBeGreaterThan(0);
    for (const e of external) expect(e.external!.source.length).toBeGreaterThan(0);
    // Day precision needs a date, and a date the text cannot give (no year in it) needs a source.
    for (const e of book.timeline.filter((x) => x.precision === 'day')) expect(e.date).toBeTruthy();
  });
  it('places the report\'s closing moments after the end of the transcript we have', () => {
    const last = book.timeline.filter((e) => e.stretch === 'after').map((e) => e.evidence[0]!.paragraph);
    expect(last.every((id) => id.startsWith('report-'))).toBe(true);
  });
  it('is part of the book model', () => {
    expect(JSON.parse(JSON.stringify(book)).timeline).toHaveLength(book.timeline.length);
  });
});

describe('timeline errors: file:line and the quote', () => {
  it('a quote that is not found', () => {
    try {
      resolveText(event('沒有這句話的文字'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BookError);
      expect((e as BookError).place).toEqual({ file: 'timeline.yaml', line: 8 });
      expect((e as BookError).message).toMatch(/「沒有這句話的文字」 is not found/);
    }
  });
  it('a quote found in more than one paragraph', () => {
    try {
      resolveText(event('推薦系統'));
      expect.unreachable();
    } catch (e) {
      expect((e as BookError).place).toEqual({ file: 'timeline.yaml', line: 8 });
      expect((e as BookError).message).toMatch(/「推薦系統」 is found in \d+ paragraphs/);
    }
  });
  it('the committed timeline file resolves as it is', () => {
    const text = readFileSync(join(bookDir, 'timeline.yaml'), 'utf8');
    expect(resolveText(text).timeline).toHaveLength(book.timeline.length);
  });
});
