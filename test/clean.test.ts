// The cleaner on the real scrape (each kind of damage) and on a small
// synthetic transcript (the generic repairs are not tied to one book).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentPaths, formatEdits, loadAndClean } from '../src/clean/run-clean.js';
import { readManuscript } from '../src/read/read-manuscript.js';
import type { EditRecord } from '../src/model/book.js';
import { bookDir, fixture } from './helpers/paths.js';

const real = await loadAndClean(contentPaths(bookDir));
const source = readFileSync(join(bookDir, 'source.txt'), 'utf8');
const body = (md: string) => md.slice(md.indexOf('\n---\n', 4) + 5);
const kinds = (edits: EditRecord[], kind: string) => edits.filter((e) => e.kind === kind);

describe('the committed manuscript', () => {
  it('is the source byte for byte', async () => {
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(readFileSync(join(bookDir, 'source.txt'))).digest('hex');
    expect(sha).toBe('599a78d8c746daae207d8fa0ddea25e8a228fe204ba18208273e1d28bb1e3afd');
  });
  it('is regenerated identically from source + decisions', () => {
    expect(readFileSync(join(bookDir, 'manuscript.md'), 'utf8')).toBe(real.manuscript);
    expect(readFileSync(join(bookDir, 'edits.json'), 'utf8')).toBe(formatEdits(real.edits));
  });
});

describe('damage in the real scrape', () => {
  const md = body(real.manuscript);

  it('drops whole repeated paragraphs, naming the copy kept: of each repeated run, the copy that stands in its place', () => {
    const repeats = kinds(real.edits, 'repeat');
    // The conversation's run keeps its later copy (87–91, between 「其中一部分」 and 「Transformer 架構」);
    // the report's run keeps its earlier one (55–61, right after 「切出一模」).
    expect(repeats.map((e) => [e.lines[0], e.of])).toEqual([[63, 87], [65, 89], [67, 91], [77, 55], [79, 57], [81, 59], [83, 61]]);
    expect(repeats.every((e) => e.why)).toBe(true);
    expect(md.split('引起現場笑聲').length - 1).toBe(1);
    expect(md.split('很少有人意識到').length - 1).toBe(1);
  });

  it('needs no page moved once the misplaced copies are gone, and rejoins the sentences cut at page breaks', () => {
    expect(md).toContain('其中一部分將是創作者使用這些工具創作的內容');
    expect(md).toContain('推薦系統用到的也是 Transformer 架構');
    expect(md).toContain('竟每一片都能切出一模一樣大小');
    expect(md).not.toMatch(/一模\n/);
    // Page order: the mixed-reality page comes before the recommendation page, which comes before Transformer.
    const order = ['你的裝扮很合適', '我們正在研發的未來原型', '其中一部分將是', '很少有人意識到', 'Transformer 架構', '就像創作者在社交平台上'];
    const at = order.map((q) => md.indexOf(q));
    expect(at.every((x) => x >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The joins are between lines the source has next to each other once the stray copies are gone.
    expect(kinds(real.edits, 'join').map((e) => e.lines)).toEqual([[75, 87], [91, 95], [53, 55]]);
    // Only the second article moves; no page of the conversation does.
    expect(kinds(real.edits, 'reorder').map((e) => e.lines[0])).toEqual([43]);
  });

  it('quotes whole clauses in a join record, never half a word', () => {
    expect(kinds(real.edits, 'join').map((e) => e.from)).toEqual(['其中一部分¶將是創作者使用這些工具創作的內容。', '推薦系統用到的也是¶Transformer 架構。', '竟每一片都能切出一模¶一樣大小，']);
  });

  it('moves the second article out of the conversation into its own chapter, after it', () => {
    const { parts } = readManuscript(real.manuscript, 'manuscript.md');
    expect(parts.map((p) => [p.id, p.kind])).toEqual([
      ['introduction', 'prose'],
      ['conversation', 'conversation'],
      ['report', 'prose'],
    ]);
    expect(parts[2]!.title).toBe('黃仁勳扎克伯格談 AI 現場一個舉動掀高潮');
    const conversation = JSON.stringify(parts[1]);
    expect(conversation).not.toContain('番茄');
    expect(conversation).not.toContain('皮衣');
  });

  it('detaches source credits from the first sentence', () => {
    expect(md).not.toContain('來源');
    expect(md).toMatch(/^作為擁有 600,000 塊 H100 的男人/m);
    expect(md).toMatch(/^輝達（NVIDIA 英偉達）執行長黃仁勳/m);
    expect(kinds(real.edits, 'credit').map((e) => e.from)).toEqual(['來源：倍可親', '來源：倍可親 ']);
    expect(real.manuscript).toMatch(/credits:\n {2}- name: 倍可親/);
  });

  it('marks the truncated end and never continues it', () => {
    expect(md).not.toContain('接下頁）');
    expect(md.trimEnd()).not.toMatch(/社交平台上$/); // the report follows the conversation
    expect(md).toMatch(/就像創作者在社交平台上\n\n> \[!TRUNCATED\]\n> 原網頁在此標示「接下頁」/);
  });

  it('knows the other ways a page says it goes on', async () => {
    const { markTruncation } = await import('../src/clean/truncation.js');
    for (const [text, word] of [['我們需要更多的合作。（未完待續）', '未完待續'], ['我们需要更多的合作。(未完待续)', '未完待续'], ['……（待續）', '待續']] as const) {
      const r = markTruncation([{ text, lines: [9], kind: 'text' }], 'zh-Hant');
      expect(r.edits, text).toEqual([expect.objectContaining({ kind: 'truncated', lines: [9] })]);
      expect(r.paras.at(-1)!.text, text).toContain(`「${word}」`);
      expect(r.paras[0]!.text).not.toMatch(/[（(]/);
    }
  });

  it('marks the lost text and gives the orphaned paragraph to the speaker who says it', () => {
    expect(md).toMatch(/你的裝扮很合適（指扎克伯格的黑色襯衫和自己撞衫）。\n\n> \[!GAP\]\n> .+\n\n〔扎克伯格〕：我們正在研發的未來原型/);
    expect(kinds(real.edits, 'attribute')).toEqual([expect.objectContaining({ lines: [69], to: 'zuckerberg' })]);
  });

  it('resolves every name of a speaker to one id', () => {
    const { meta } = readManuscript(real.manuscript, 'manuscript.md');
    const zuck = meta.speakers.find((s) => s.id === 'zuckerberg')!;
    expect(zuck.aliases).toEqual(expect.arrayContaining(['查克伯格', '小扎', '馬克']));
    expect(meta.speakers.find((s) => s.id === 'huang')!.aliases).toContain('老黃');
  });

  it('keeps an editor\'s heading with 「：」 as a heading, not a turn', () => {
    expect(md).toMatch(/^## AI 產品的未來：就算現在模型停止迭代.* \{#future-of-ai-products\}$/m);
  });

  it('turns half-width brackets into full-width ones without stray spaces', () => {
    expect(md.replace(/\{#[\w-]+\}/g, '')).not.toMatch(/[()]/);
    expect(md).toContain('（生成式 AI）也是一種類似的情況。（我們現在）只是');
    expect(md).toContain('會議中心（Colorado Convention Center）舉行');
  });

  it('repairs artefacts of the earlier Simplified→Traditional conversion', () => {
    for (const bad of ['提陞', '這里', '幾年里', '受限于', '併迅速', '定制化', '互贊']) expect(md).not.toContain(bad);
    for (const good of ['質量的提升', '這裏存在', '過去幾年裏', '受限於時間', '並迅速搭建', '定製化模型', '互讚對方']) expect(md).toContain(good);
    // One standard in the source's text: the repairs write 裏 as the source itself does, never 裡 (the editor's notes are not the source's text).
    expect(md.split('\n').filter((l) => !l.startsWith('>')).join('\n')).not.toContain('裡');
    for (const e of kinds(real.edits, 'artefact').filter((x) => ['定制化', '互贊'].includes(x.from!))) expect(e.why).toBeTruthy();
    expect(md).toContain('所以……（笑）');
  });

  it('accounts for every source paragraph: kept (allowing recorded edits) or recorded as removed', () => {
    const flat = md.replace(/\n/g, '').replace(/\\(.)/g, '$1');
    const lines = source.split('\n');
    const problems: string[] = [];
    lines.forEach((raw, i) => {
      const lineNo = i + 1;
      let text = raw.trim();
      if (text === '') return;
      const edits = real.edits.filter((e) => e.lines.includes(lineNo));
      if (edits.some((e) => e.kind === 'repeat' || e.kind === 'title')) return;
      for (const e of edits) {
        if (e.from !== undefined && e.to !== undefined && e.kind !== 'join') text = text.replace(e.from, e.to);
        if (e.kind === 'article' && e.from === text) text = `# ${text}`;
      }
      if (!flat.includes(text.trim())) problems.push(`line ${lineNo}: ${text.slice(0, 30)}`);
    });
    expect(problems).toEqual([]);
  });

  it('points out doubtful passages (原文如此) without changing a character of them', () => {
    const sic = kinds(real.edits, 'sic');
    expect(sic.map((e) => e.lines[0])).toEqual([9, 23, 13, 123]);
    for (const e of sic) {
      expect(md).toContain(e.from);
      expect(e.to).toBeUndefined();
      expect(e.why).toMatch(/^原文如此/);
    }
  });

  it('records every edit with its kind and source lines, and a reason for each editorial decision', () => {
    for (const e of real.edits) {
      expect(e.lines.length).toBeGreaterThan(0);
      if (['reorder', 'heading', 'gap', 'attribute'].includes(e.kind)) expect(e.why).toBeTruthy();
    }
  });
});

describe('generic repairs on a synthetic transcript', async () => {
  const dir = fixture('clean/synthetic');
  const result = await loadAndClean({ ...contentPaths(dir) });
  const expectedFile = join(dir, 'expected.md');
  if (process.env.UPDATE === '1') writeFileSync(expectedFile, result.manuscript);

  it('matches the expected manuscript (UPDATE=1 regenerates it)', () => {
    expect(result.manuscript).toBe(readFileSync(expectedFile, 'utf8'));
  });
  it('applies each generic repair', () => {
    const md = body(result.manuscript);
    expect(md).toMatch(/^今晚的座談由店主主持/m); // credit detached
    expect(md).toContain('然後寫一點東西。'); // cut sentence rejoined
    expect(md).toContain('（主要）是關於'); // brackets
    expect(md).toContain('很平靜……（笑）'); // ellipsis
    expect(md).toContain('提升自己耐心'); // artefact
    expect(md.split('每次颱風').length - 1).toBe(1); // repeat
    expect(md).toMatch(/今天就到這裡\n\n> \[!TRUNCATED\]/); // truncation
    expect(md).toMatch(/^## 讀者提問：電子書會取代紙本嗎 \{#questions\}$/m);
  });
  it('reads back with the alias resolved to its speaker', () => {
    const { parts } = readManuscript(result.manuscript, 'x.md');
    const talk = parts.find((p) => p.id === 'talk')!;
    const speakers = talk.blocks.flatMap((b) => (b.type === 'turn' ? [b.speaker] : []));
    expect(speakers).toEqual(['host', 'lin', 'host', 'lin', 'lin', 'host']);
  });
});
