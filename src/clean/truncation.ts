import type { EditRecord, Locale } from '../model/book.js';
import type { WorkPara } from './paragraphs.js';

/** 「（接下頁）」 and friends (「（未完待續）」 too): the page goes on somewhere the scrape never reached. */
const marker = /\s*[（(](接下頁|接下页|下接|未完待續|未完待续|待續|待续|未完)[）)]\s*$/u;

const notes: Record<Locale, (marker: string) => string> = {
  'zh-Hant': (marker) => `原網頁在此標示「${marker}」，其後的內容未能取得，文字至此中斷。本書不補寫缺失的部分。`,
  'zh-Hans': (marker) => `原网页在此标示“${marker}”，其后的内容未能取得，文字至此中断。本书不补写缺失的部分。`,
};

/** Strip a "continued on next page" marker and say, where it stood, that the text ends there. */
export function markTruncation(paras: WorkPara[], locale: Locale): { paras: WorkPara[]; edits: EditRecord[] } {
  const out: WorkPara[] = [];
  const edits: EditRecord[] = [];
  for (const p of paras) {
    const m = p.kind === 'text' ? marker.exec(p.text) : null;
    if (!m) {
      out.push(p);
      continue;
    }
    out.push({ ...p, text: p.text.slice(0, m.index) });
    out.push({ text: notes[locale](m[1]!), lines: [], kind: 'note', noteKind: 'truncated' });
    edits.push({ kind: 'truncated', lines: p.lines, from: m[0].trim(), to: '' });
  }
  return { paras: out, edits };
}
