// Wording: OpenCC's phrase tables (視頻→影片 for Taiwan, 輝達→英偉達 for the
// mainland), applied as one step that records every word it changes, so the
// editorial notes can list them. The tables are OpenCC's own (`to.twp`'s
// phrase group, `from.twp`'s for the way back), so this step plus the script
// step gives exactly what opencc-js's t→twp gives.
import { Trie } from 'opencc-js/core';
import { from as fromPresets, to as toPresets } from 'opencc-js/preset';
import type { Locale } from '../model/book.js';

export type PhraseRecorder = (from: string, to: string) => void;
export type PhraseConverter = (text: string, record?: PhraseRecorder) => string;

function trieOf(group: readonly (string | readonly (readonly [string, string])[])[]): Trie {
  const trie = new Trie();
  trie.loadDictGroup(group as Parameters<Trie['loadDictGroup']>[0]);
  return trie;
}

/**
 * Words OpenCC's tables would reword wrongly in this kind of text: its
 * tables come from software terminology, so 類型 becomes 型別 and 核心
 * becomes 內核. Keyed in Traditional characters, like the tables. Each entry
 * is an editor's decision, pinned by a test.
 */
export const keepWords: Record<Locale, string[]> = {
  // 類型 (kind), 查找 (look up), 保存 (keep), 圖像 (image), 發佈 (publish) and 支持 (support a cause) are Taiwan's words too.
  'zh-Hant': ['類型', '查找', '保存', '圖像', '發佈', '支持'],
  // 核心 (core), 互動 (interact), 資料 (materials, not data) and 整合 are the mainland's words too;
  // 多工 would match inside 許多工作 (「許多工作流程」 → 「许多任务作流程」).
  'zh-Hans': ['核心', '互動', '資料', '整合', '多工'],
};

const tries = new Map<Locale, Trie>();

/**
 * The phrase step into an edition's locale, for text in Traditional
 * characters (OpenCC's tables are keyed in them): Taiwan's words for
 * zh-Hant (TWPhrases), the mainland's for zh-Hans (TWPhrasesRev), less the
 * words to keep.
 */
export function phraseConverter(locale: Locale): PhraseConverter {
  let trie = tries.get(locale);
  if (!trie) {
    trie = trieOf(locale === 'zh-Hant' ? toPresets.twp![0]! : fromPresets.twp![0]!.slice(0, 1));
    for (const w of keepWords[locale]) trie.addWord(w, w);
    tries.set(locale, trie);
  }
  const t = trie;
  return (text, record) => {
    let out = '';
    for (let i = 0; i < text.length; ) {
      const m = t.matchPrefix(text, i);
      if (m) {
        const word = text.slice(i, m.end);
        if (word !== m.value) record?.(word, m.value);
        out += m.value;
        i = m.end;
      } else {
        const cp = text.codePointAt(i)!;
        const n = cp > 0xffff ? 2 : 1;
        out += text.slice(i, i + n);
        i += n;
      }
    }
    return out;
  };
}

/** Quotations inside the editor's own words (「…」, “…”) keep the text's wording: only the words around them are reworded. */
export function outsideQuotations(convert: (s: string) => string): (text: string) => string {
  const open = new Map([['「', '」'], ['“', '”']]);
  return (text) => {
    let out = '';
    let plain = '';
    for (let i = 0; i < text.length; i++) {
      const close = open.get(text[i]!);
      const end = close === undefined ? -1 : matchingClose(text, i, text[i]!, close);
      if (end < 0) {
        plain += text[i];
        continue;
      }
      out += convert(plain) + text.slice(i, end + 1);
      plain = '';
      i = end;
    }
    return out + convert(plain);
  };
}

function matchingClose(text: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === open) depth++;
    else if (text[i] === close && --depth === 0) return i;
  }
  return -1;
}
