// The manuscript writer and the reader agree: any paragraph text written into
// a manuscript (clean/emit.ts, mdast-util-to-markdown) reads back
// (read/read-manuscript.ts, remark-parse) as exactly the same text.
import { describe, expect, it } from 'vitest';
import { emitManuscript } from '../src/clean/emit.js';
import type { WorkPara } from '../src/clean/paragraphs.js';
import type { FrontMatter } from '../src/model/schema.js';
import { allParagraphs, inlineText } from '../src/model/text.js';
import { readManuscript } from '../src/read/read-manuscript.js';

const front: FrontMatter = {
  id: 'round-trip',
  title: '書名：副題 & <標記>',
  language: 'zh-Hant',
  event: { name: '會議', date: '2024-07-29', place: '某地' },
  credits: [],
  publisher: '出版',
  rights: '權利',
  speakers: [
    { id: 'a', name: '黃仁勳', aliases: [] },
    { id: 'b', name: 'Mark Zuckerberg', aliases: [] },
  ],
  stageDirections: ['笑'],
};

/** Paragraph texts Markdown would read as something else if written as they are. */
const adversarial = [
  '2024.7.29 這一天',
  '3.',
  '3. 開頭像編號清單',
  '1) 也像清單',
  '- 像清單項目',
  '+ 也像',
  '* 還有這個',
  '# 像標題',
  '## 像小標題 {#fake}',
  '> 像引文',
  '&amp; 與 &copy; 與 &#x41; 都不是實體',
  '~~~',
  '```js',
  '    四個空格縮排（寫入前已去掉空白，這裡測中間的）    與尾端',
  '*強調* 與 **粗體** 與 _底線_ 與 a_b_c',
  '<b>HTML</b> 與 <!-- 註解 --> 與 <https://example.com>',
  '反斜線 \\ 與 \\\\ 與 \\* 與 C:\\path\\to',
  '網址 https://example.com/a_b*c?d=1&e=2#f 與 [連結](https://x.y) 與 ![圖](z.png)',
  '`程式碼` 與 ``兩個``',
  '***',
  '===',
  '---',
  '| 表 | 格 |',
  '[!GAP] 不是註記',
  '結尾兩個空格  ',
  '全形：冒號，不在開頭的標籤位置',
  'AI+ 眼鏡、600,000 塊 H100、90% 是博士',
];

const para = (text: string, extra: Partial<WorkPara> = {}): WorkPara => ({ text, lines: [1], kind: 'text', ...extra });

describe('text → manuscript → Book → text is the identity', () => {
  const prose = adversarial.map((t) => para(t.trim()));
  const turns = adversarial.map((t, i) => para(`${i % 2 ? 'Mark Zuckerberg' : '黃仁勳'}：${t.trim()}`));
  const paras: WorkPara[] = [
    { ...prose[0]!, opensPart: { id: 'prose', title: '散文 *不是* 強調 & 1. 不是清單' } },
    ...prose.slice(1),
    { ...turns[0]!, opensPart: { id: 'talk', title: '對談' } },
    ...turns.slice(1),
    para('註記也是 *原樣* & <b>', { kind: 'note', noteKind: 'gap', lines: [] }),
    para('我們正在研發 2024.7.29 &amp;', { speaker: 'b' }),
    para('結論：這段接著上一位發言者說。', { continues: true }),
    para('小標題 *星號* 與 # 井號', { kind: 'heading', id: 'h' }),
    para('黃仁勳：最後一段。'),
  ];
  const { manuscript } = emitManuscript(front, paras, (id) => front.speakers.find((s) => s.id === id)!.name);
  const book = readManuscript(manuscript, 'round-trip.md');
  const texts = allParagraphs({ ...book, edits: [], timeline: [] }).map(({ block, paragraph }) => {
    const text = inlineText(paragraph.content);
    // A turn's first paragraph: the reader keeps the speech, and the label becomes the speaker.
    if (block.type === 'turn' && block.paragraphs[0] === paragraph) {
      const name = front.speakers.find((s) => s.id === block.speaker)!.name;
      return block.attributed ? `〔${name}〕：${text}` : `${name}：${text}`;
    }
    return text;
  });

  it('for every adversarial paragraph, in prose and in turns', () => {
    expect(texts.slice(0, adversarial.length)).toEqual(prose.map((p) => p.text));
    expect(texts.slice(adversarial.length, 2 * adversarial.length)).toEqual(turns.map((p) => p.text));
  });
  it('for notes, editor-supplied labels and continuations', () => {
    expect(texts.slice(2 * adversarial.length)).toEqual(['註記也是 *原樣* & <b>', '〔Mark Zuckerberg〕：我們正在研發 2024.7.29 &amp;', '結論：這段接著上一位發言者說。', '黃仁勳：最後一段。']);
  });
  it('for part and section titles, and the front matter', () => {
    expect(book.parts.map((p) => p.title)).toEqual(['散文 *不是* 強調 & 1. 不是清單', '對談']);
    expect(book.parts[1]!.blocks.flatMap((b) => (b.type === 'heading' ? [b.text] : []))).toEqual(['小標題 *星號* 與 # 井號']);
    expect(book.meta.title).toBe(front.title);
  });
  it('keeps each turn with its speaker, and the continuation in the turn before it', () => {
    const blocks = book.parts[1]!.blocks;
    const speakers = blocks.flatMap((b) => (b.type === 'turn' ? [b.speaker] : []));
    expect(speakers).toEqual([...adversarial.map((_, i) => (i % 2 ? 'b' : 'a')), 'b', 'a']);
    const attributed = blocks.find((b) => b.type === 'turn' && b.attributed);
    expect(attributed && attributed.type === 'turn' && attributed.paragraphs).toHaveLength(2);
  });
});
