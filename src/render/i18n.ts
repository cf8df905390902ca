// Every word the book itself says (not the transcript's), per edition.
import type { EditKind, Locale, Precision, TimelineEvent } from '../model/book.js';

export interface Strings {
  langName: string;
  editionName: string;
  toc: string;
  cover: string;
  titlePage: string;
  bodyStart: string;
  speakersHeading: string;
  timeline: string;
  timelineIntro: string;
  stretch: Record<TimelineEvent['stretch'], string>;
  precision: Record<Precision, string>;
  evidence: string;
  outsideSource: string;
  timelineShort: string;
  toEvent: (n: number) => string;
  page: (n: number) => string;
  notes: string;
  notesIntro: string;
  changesSummary: (counts: string) => string;
  count: (label: string, n: number) => string;
  namesHeading: string;
  aliasLine: (aliases: string, name: string, role: string) => string;
  changesHeading: string;
  kindLabel: Record<EditKind, string>;
  line: (lines: number[]) => string;
  repeatOf: (line: number) => string;
  sameInThisScript: string;
  removedCredit: string;
  movedTo: string;
  quote: (s: string) => string;
  gapLabel: string;
  truncatedLabel: string;
  noteLabel: string;
  colophon: string;
  colophonFields: {
    source: string;
    event: string;
    edition: string;
    built: string;
    identifier: string;
    fonts: string;
    rights: string;
    publisher: string;
    conversion: string;
  };
  conversionNote: (convertedFrom: Locale | undefined) => string;
  gapInserted: string;
  markerRemoved: string;
  fontsNote: string;
  speakerSays: (name: string) => string;
  stageDirection: string;
  attributed: string;
  insertion: string;
  date: (iso: string, precision: Precision) => string;
  a11ySummary: string;
}

const ranges = (lines: number[]): string => {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    let end = start;
    while (sorted[i + 1] !== undefined && sorted[i + 1]! <= end + 2) end = sorted[++i]!;
    out.push(end === start ? `${start}` : `${start}–${end}`);
  }
  return out.join('、');
};

const dateText = (iso: string, precision: Precision, week: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return precision === 'week' ? `${y} 年 ${m} 月 ${d} 日${week}` : `${y} 年 ${m} 月 ${d} 日`;
};

const hant: Strings = {
  langName: '繁體中文',
  editionName: '繁體中文版',
  toc: '目錄',
  cover: '封面',
  titlePage: '書名頁',
  bodyStart: '正文',
  speakersHeading: '對談者',
  timeline: '事件時間線',
  timelineIntro: '依本書文字重建的事件經過：對談之前的背景、現存記錄裡的對談，以及記錄以外、只見於其他報導的部分。每一項都附上出處，點選即可回到原文段落。標「外部資料」者，是文字本身沒有、另據公開資料補充的事實。標〔日期不詳〕者，文中只說在某事之前或之後（如「之前」「最近」），彼此的先後並不確知，這裡依文意排列。',
  stretch: { before: '對談之前', during: '對談之中（現存記錄）', after: '記錄以外：缺失部分與散場' },
  precision: { day: '確切日期', week: '約略一週', relative: '日期不詳' },
  evidence: '出處',
  outsideSource: '外部資料',
  timelineShort: '時間線',
  toEvent: (n) => `時間線 ${n}`,
  page: (n) => `第 ${n} 頁`,
  notes: '編輯說明',
  notesIntro: '整理時沒有增補任何一句對談內容。以下逐項列出底本與本書之間的每一處改動；行號指底本的行。',
  changesSummary: (counts) => `改動共有：${counts}。`,
  count: (label, n) => `${label} ${n} 處`,
  namesHeading: '人名',
  aliasLine: (aliases, name, role) => `文中的${aliases}都是指${name}${role ? `——${role}` : ''}。`,
  changesHeading: '改動一覽',
  kindLabel: {
    title: '書名',
    credit: '來源標示',
    repeat: '刪除重複段落',
    reorder: '調整頁序',
    join: '接合斷句',
    article: '另一篇報導',
    heading: '小標題',
    gap: '缺文',
    attribute: '發言者歸屬',
    truncated: '原文中斷',
    brackets: '改用全形括號',
    ellipsis: '刪節號',
    artefact: '轉換錯字',
    sic: '原文如此',
  },
  line: (lines) => (lines.length ? `第 ${ranges(lines)} 行` : ''),
  repeatOf: (line) => `與第 ${line} 行完全相同`,
  sameInThisScript: '（這兩個字形在本版中相同）',
  removedCredit: '移到版本說明',
  movedTo: '移動',
  // A quotation inside a quotation takes the secondary marks: 「…『…』…」.
  quote: (s) => `「${s.replace(/「/g, '『').replace(/」/g, '』')}」`,
  gapLabel: '缺文',
  truncatedLabel: '原文中斷',
  noteLabel: '編按',
  colophon: '版本說明',
  colophonFields: {
    source: '底本來源',
    event: '對談',
    edition: '版本',
    built: '建置日期',
    identifier: '識別碼',
    fonts: '字型',
    rights: '版權',
    publisher: '整理與出版',
    conversion: '字形',
  },
  conversionNote: (from) =>
    from === 'zh-Hans'
      ? '繁體字形由簡體底本經 OpenCC（cn→tw）轉換為台灣標準，另以專案字典修正；引號用「」『』。'
      : '繁體字形依台灣標準（OpenCC t→tw），另以專案字典修正轉換錯字；引號用「」『』。',
  gapInserted: '在此插入缺文說明（見正文）',
  markerRemoved: '刪去這個標記，改在該處註明原文中斷',
  fontsNote: '思源宋體與思源黑體（Noto Serif TC、Noto Sans TC），SIL Open Font License 1.1；只嵌入本書用到的字。',
  speakerSays: (name) => `${name}說`,
  stageDirection: '現場動作',
  attributed: '底本此段沒有發言者，由編者判斷',
  insertion: '編者補充',
  date: (iso, p) => dateText(iso, p, '當週'),
  a11ySummary: '純文字電子書，有完整目錄、結構化標題與固定的閱讀順序；發言者以文字標示，不依賴顏色或圖像；封面圖片附替代文字；讀者可自行更換字型與字級。',
};

const hans: Strings = {
  langName: '简体中文',
  editionName: '简体中文版',
  toc: '目录',
  cover: '封面',
  titlePage: '书名页',
  bodyStart: '正文',
  speakersHeading: '对谈者',
  timeline: '事件时间线',
  timelineIntro: '依本书文字重建的事件经过：对谈之前的背景、现存记录里的对谈，以及记录以外、只见于其他报道的部分。每一项都附上出处，点选即可回到原文段落。标“外部资料”者，是文字本身没有、另据公开资料补充的事实。标〔日期不详〕者，文中只说在某事之前或之后（如“之前”“最近”），彼此的先后并不确知，这里依文意排列。',
  stretch: { before: '对谈之前', during: '对谈之中（现存记录）', after: '记录以外：缺失部分与散场' },
  precision: { day: '确切日期', week: '约略一周', relative: '日期不详' },
  evidence: '出处',
  outsideSource: '外部资料',
  timelineShort: '时间线',
  toEvent: (n) => `时间线 ${n}`,
  page: (n) => `第 ${n} 页`,
  notes: '编辑说明',
  notesIntro: '整理时没有增补任何一句对谈内容。以下逐项列出底本与本书之间的每一处改动；行号指底本的行。',
  changesSummary: (counts) => `改动共有：${counts}。`,
  count: (label, n) => `${label} ${n} 处`,
  namesHeading: '人名',
  aliasLine: (aliases, name, role) => `文中的${aliases}都是指${name}${role ? `——${role}` : ''}。`,
  changesHeading: '改动一览',
  kindLabel: {
    title: '书名',
    credit: '来源标示',
    repeat: '删除重复段落',
    reorder: '调整页序',
    join: '接合断句',
    article: '另一篇报道',
    heading: '小标题',
    gap: '缺文',
    attribute: '发言者归属',
    truncated: '原文中断',
    brackets: '改用全角括号',
    ellipsis: '省略号',
    artefact: '转换错字',
    sic: '原文如此',
  },
  line: (lines) => (lines.length ? `第 ${ranges(lines)} 行` : ''),
  repeatOf: (line) => `与第 ${line} 行完全相同`,
  sameInThisScript: '（这两个字形在简体中相同，原文见繁体版）',
  removedCredit: '移到版本说明',
  movedTo: '移动',
  quote: (s) => `“${s.replace(/“/g, '‘').replace(/”/g, '’')}”`,
  gapLabel: '缺文',
  truncatedLabel: '原文中断',
  noteLabel: '编按',
  colophon: '版本说明',
  colophonFields: {
    source: '底本来源',
    event: '对谈',
    edition: '版本',
    built: '构建日期',
    identifier: '标识符',
    fonts: '字体',
    rights: '版权',
    publisher: '整理与出版',
    conversion: '字形',
  },
  conversionNote: (from) =>
    from === 'zh-Hant' ? '简体字形由繁体底本经 OpenCC（t→cn）转换，另以项目字典修正；引号用“”‘’。' : '简体字形同底本；引号用“”‘’。',
  gapInserted: '在此插入缺文说明（见正文）',
  markerRemoved: '删去这个标记，改在该处注明原文中断',
  fontsNote: '思源宋体与思源黑体（Noto Serif SC、Noto Sans SC），SIL Open Font License 1.1；只嵌入本书用到的字。',
  speakerSays: (name) => `${name}说`,
  stageDirection: '现场动作',
  attributed: '底本此段没有发言者，由编者判断',
  insertion: '编者补充',
  date: (iso, p) => dateText(iso, p, '当周'),
  a11ySummary: '纯文字电子书，有完整目录、结构化标题与固定的阅读顺序；发言者以文字标示，不依赖颜色或图像；封面图片附替代文字；读者可自行更换字体与字号。',
};

export const strings: Record<Locale, Strings> = { 'zh-Hant': hant, 'zh-Hans': hans };
