// Every word the book itself says (not the transcript's), per edition.
import type { ConversionRecord, ConversionStep, EditKind, Locale } from '../model/book.js';
import type { LabelTable } from '../model/edition.js';

/** The marks a reader sees, each with what it means: one table, for the book's key (凡例), the notes and the README. */
export const markKinds = ['editorLabel', 'editorNote', 'sic', 'sourceParen', 'stage', 'inferred', 'external', 'reported'] as const;
export type MarkKind = (typeof markKinds)[number];

export interface Strings {
  langName: string;
  editionName: string;
  toc: string;
  cover: string;
  /** The cover's blank back (a PDF page label). */
  coverInside: string;
  titlePage: string;
  bodyStart: string;
  speakersHeading: string;
  timeline: string;
  timelineIntro: string;
  /** What a group's `order` says about the order of its events. */
  groupOrder: Record<'text' | 'unknown', string>;
  /** The 凡例 (front matter, the one key to the book's marks): how speakers are set, then the marks (`marks`), the references, where the changes are listed. */
  guide: string;
  guideSpeakers: (host: string, guests: string[]) => string;
  guideReferences: (print: boolean) => string;
  guideChanges: string;
  /** A title and its subtitle in one line, as a Chinese book writes a 副題: 「書名——副題」. */
  titleWithSubtitle: (title: string, subtitle: string | undefined) => string;
  /** The interpunct of this locale (間隔號): ‧ in Taiwan, · on the mainland (Taiwan MOE 重訂標點符號手冊; GB/T 15834-2011). */
  middleDot: string;
  /** The edition line of the 版權頁, from the build date: 「2024 年 7 月初版」. */
  editionOf: (iso: string) => string;
  /** The trimmed page size, as a printer writes it. */
  trimSize: (name: string, widthMm: number, heightMm: number) => string;
  evidence: string;
  outsideSource: string;
  /** The words of each mark, shown in 〔〕 where it applies. */
  mark: { inferred: string; external: string; reported: string; sic: string };
  marks: Record<MarkKind, { sign: string; meaning: string }>;
  marksHeading: string;
  follows: (n: number) => string;
  timelineShort: string;
  toEvent: (n: number) => string;
  page: (n: number) => string;
  seeInText: string;
  notes: string;
  notesIntro: string;
  changesSummary: (counts: string) => string;
  count: (label: string, n: number) => string;
  namesHeading: string;
  aliasLine: (aliases: string, name: string, role: string) => string;
  changesHeading: string;
  kindLabel: Record<EditKind, string>;
  repeatRemoved: string;
  attributedTo: (opening: string, name: string) => string;
  sameInThisScript: string;
  removedCredit: string;
  quote: (s: string) => string;
  gapLabel: string;
  truncatedLabel: string;
  noteLabel: string;
  conversionHeading: string;
  conversionIntro: (r: ConversionRecord, total: number, distinct: number, listed: boolean) => string;
  conversionStep: Record<ConversionStep, string>;
  conversionPair: (from: string, to: string, count: number) => string;
  conversionMore: (shown: number, distinct: number) => string;
  phrasesNote: (on: boolean) => string;
  colophon: string;
  colophonFields: {
    speakers: string;
    source: string;
    event: string;
    edition: string;
    format: string;
    identifier: string;
    fonts: string;
    rights: string;
    publisher: string;
    conversion: string;
  };
  conversionNote: (convertedFrom: Locale | undefined) => string;
  gapInserted: string;
  markerRemoved: string;
  /** The faces the book is set in; `fallback`: the characters its own faces lack, set from the other script's faces (named). */
  fontsNote: (fallback?: { chars: string; serif: string; sans: string }) => string;
  speakerSays: (name: string) => string;
  stageDirection: string;
  attributed: string;
  insertion: string;
  /** YYYY or YYYY-MM-DD, written as the locale writes dates: only as precise as it is. */
  date: (iso: string) => string;
  a11ySummary: string;
}

const dateText = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return m === undefined ? `${y} 年` : `${y} 年 ${m} 月 ${d} 日`;
};

const hant: Strings = {
  langName: '繁體中文',
  editionName: '繁體中文版',
  toc: '目錄',
  cover: '封面',
  coverInside: '封面裡',
  titlePage: '書名頁',
  bodyStart: '正文',
  speakersHeading: '對談者',
  timeline: '事件時間線',
  timelineIntro:
    '依本書文字重建的事件經過。每一項的敘述是編者依所附出處所作的摘要，出處引用原文，並指向它在正文中的位置。日期、時間與地點，凡不加標記的，都見於所引的文字；加〔推斷〕的是編者的推斷；加〔外部資料〕的取自本書文字以外的公開資料，來源列在該項之下。標〔據報導〕的事只見於導言或報導，現存的對談記錄裡沒有。日期只寫到所知的精度。編號只供查找，不表示先後；先後是否確知，見各組開頭的說明。分頁處的缺文與記錄的中斷不是事件，不列在這裡，而在正文中出現之處說明。',
  groupOrder: { text: '依文字所載的先後排列。', unknown: '先後不詳，依文意排列。' },
  guide: '凡例',
  guideSpeakers: (host, guests) => `發言者的名字以黑體排在段首，後接冒號「：」。主持人${host}的話以楷體排印，${guests.join('、')}的話以宋體排印。`,
  guideReferences: (print) =>
    print
      ? '正文段末右上角的小號數字，是事件時間線的編號；時間線每一項都引出原文，並注明「第 N 頁」指回正文。'
      : '正文段末右上角的小號數字，是事件時間線的編號，點選即到該項；時間線每一項都引出原文，點選即回到原文段落。',
  guideChanges: '底本與本書之間的每一處改動，都列在書末的編輯說明。',
  titleWithSubtitle: (title, subtitle) => (subtitle ? `${title}——${subtitle}` : title),
  middleDot: '‧',
  editionOf: (iso) => `${Number(iso.slice(0, 4))} 年 ${Number(iso.slice(5, 7))} 月初版`,
  trimSize: (name, w, h) => `${name}（${w} × ${h} 公釐）`,
  evidence: '出處',
  outsideSource: '外部資料',
  mark: { inferred: '推斷', external: '外部資料', reported: '據報導', sic: '原文如此' },
  marks: {
    editorLabel: { sign: '〔　〕', meaning: '本版編者所加的文字，例如底本沒有標示、由編者判定的發言者〔扎克伯格〕。六角括號只用於本版編者。' },
    editorNote: { sign: '缺文、原文中斷', meaning: '正文中編者的說明：底本在此似有缺文，或文字至此中斷。說明是編者的話，不是對談內容。' },
    sic: { sign: '〔原文如此〕', meaning: '底本的文字看似有誤，本版照錄，不改一字，也不猜測原意；理由見編輯說明。' },
    sourceParen: { sign: '（　）', meaning: '發言中的圓括號是底本原有的夾注（原文夾注），出自原譯者或記者，不是本版所加。' },
    stage: { sign: '（笑）', meaning: '底本記下的現場動作，如（笑）（被打斷）；底本沒有說是誰。' },
    inferred: { sign: '〔推斷〕', meaning: '時間線中編者依文意所作的推斷，文字本身沒有說。' },
    external: { sign: '〔外部資料〕', meaning: '取自本書文字以外的公開資料，來源列在該項之下。' },
    reported: { sign: '〔據報導〕', meaning: '時間線中只見於導言或報導、現存對談記錄裡沒有的事。' },
  },
  marksHeading: '標記',
  follows: (n) => `緊接第 ${n} 項`,
  timelineShort: '時間線',
  toEvent: (n) => `時間線 ${n}`,
  page: (n) => `第 ${n} 頁`,
  seeInText: '見正文',
  notes: '編輯說明',
  notesIntro:
    '本書沒有增補任何一句對談。底本與本書正文之間的每一處不同，都列在下面：先是整理底本時的改動，逐項引用原文，並指向它在本書中的位置；再是轉換字形時改動的每一個字，按字形對應計數。編者的話（所加的章名、正文中的缺文說明、〔〕中的文字、時間線與本說明）不是底本的文字，都在這裡或在出現之處說明。底本逐行的改動記錄，保存在本書原始檔的 edits.json。',
  changesSummary: (counts) => `改動共有：${counts}。`,
  count: (label, n) => `${label} ${n} 處`,
  namesHeading: '人名',
  aliasLine: (aliases, name, role) => `文中的${aliases}都是指${name}${role ? `——${role}` : ''}。`,
  changesHeading: '改動一覽',
  kindLabel: {
    title: '書名',
    partTitle: '編者所加章名',
    credit: '來源標示',
    repeat: '刪去重複段落',
    reorder: '移動段落',
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
  repeatRemoved: '刪去重複的一份',
  attributedTo: (opening, name) => `${opening}一段，標為〔${name}〕`,
  sameInThisScript: '（這兩個字形在本版中相同）',
  removedCredit: '從段首刪去，移到版權頁',
  // A quotation inside a quotation takes the secondary marks: 「…『…』…」.
  quote: (s) => `「${s.replace(/[「“]/g, '『').replace(/[」”]/g, '』')}」`,
  gapLabel: '缺文',
  truncatedLabel: '原文中斷',
  noteLabel: '編按',
  conversionHeading: '字形轉換',
  conversionIntro: (r, total, distinct, listed) =>
    `本版把整理後（上列改動之後）的${r.from === 'zh-Hans' ? '簡體字' : '文字'}轉為台灣標準字形（OpenCC，${r.from === 'zh-Hans' ? 'cn→tw' : 't→tw'}），以專案字典修正轉換錯字，引號改用「」『』。轉換在書名、章名、小標題與正文（編者的缺文說明除外）中共改動 ${total} 字，涉及 ${distinct} 種字形對應${listed ? '，全部列在下面（字形對應後是次數）：' : '。簡體與繁體之間幾乎每句都有改動，這裡不逐字列出，只列專案字典與引號的每一處改動，以及最常見的字形對應：'}`,
  conversionStep: { script: 'OpenCC 字形', dictionary: '專案字典', quotes: '引號', phrases: '措辭' },
  conversionPair: (from, to, n) => `${from}→${to} ${n}`,
  conversionMore: (shown, distinct) => `等（共 ${distinct} 種，這裡列出 ${shown} 種）`,
  phrasesNote: (on) =>
    on
      ? '正文的措辭依台灣用語轉換（OpenCC 的 twp 詞表，例如「視頻」→「影片」）：這是出版者的選擇，每一處都列在上面的「措辭」一項。'
      : '正文的措辭沒有轉換，例如「視頻」「數據」「信息」都照底本：改動用詞超出字形轉換，出版者選擇保留說話人的用詞。本書自己的文字（目錄、時間線、本說明等）則用台灣用語。',
  colophon: '版權頁',
  colophonFields: {
    speakers: '對談',
    source: '底本',
    event: '場合',
    edition: '版次',
    format: '開本',
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
  gapInserted: '在正文此處插入缺文說明',
  markerRemoved: '刪去這個標記，改在該處註明原文中斷',
  fontsNote: (fallback) =>
    `思源宋體、思源黑體（Noto Serif TC、Noto Sans TC）與霞鶩文楷 TC（LXGW WenKai TC）${fallback ? `；這些字型未收的${[...fallback.chars].map((c) => `「${c}」`).join('')}借自簡體中文版（${fallback.serif}、${fallback.sans}）` : ''}，皆為 SIL Open Font License 1.1；只嵌入本書用到的字。`,
  speakerSays: (name) => `${name}說`,
  stageDirection: '現場動作',
  attributed: '底本此段沒有發言者，由編者判斷',
  insertion: '原文夾注',
  date: dateText,
  a11ySummary: '純文字電子書，有完整目錄、結構化標題與固定的閱讀順序；發言者以文字標示，不依賴顏色或圖像；封面圖片附替代文字；讀者可自行更換字型與字級。',
};

const hans: Strings = {
  langName: '简体中文',
  editionName: '简体中文版',
  toc: '目录',
  cover: '封面',
  coverInside: '封二',
  titlePage: '书名页',
  bodyStart: '正文',
  speakersHeading: '对谈者',
  timeline: '事件时间线',
  timelineIntro:
    '依本书文字重建的事件经过。每一项的叙述是编者依所附出处所作的摘要，出处引用原文，并指向它在正文中的位置。日期、时间与地点，凡不加标记的，都见于所引的文字；加〔推断〕的是编者的推断；加〔外部资料〕的取自本书文字以外的公开资料，来源列在该项之下。标〔据报道〕的事只见于导言或报道，现存的对谈记录里没有。日期只写到所知的精度。编号只供查找，不表示先后；先后是否确知，见各组开头的说明。分页处的缺文与记录的中断不是事件，不列在这里，而在正文中出现之处说明。',
  groupOrder: { text: '依文字所载的先后排列。', unknown: '先后不详，依文意排列。' },
  guide: '凡例',
  guideSpeakers: (host, guests) => `发言者的名字以黑体排在段首，后接冒号“：”。主持人${host}的话以楷体排印，${guests.join('、')}的话以宋体排印。`,
  guideReferences: (print) =>
    print
      ? '正文段末右上角的小号数字，是事件时间线的编号；时间线每一项都引出原文，并注明“第 N 页”指回正文。'
      : '正文段末右上角的小号数字，是事件时间线的编号，点选即到该项；时间线每一项都引出原文，点选即回到原文段落。',
  guideChanges: '底本与本书之间的每一处改动，都列在书末的编辑说明。',
  titleWithSubtitle: (title, subtitle) => (subtitle ? `${title}——${subtitle}` : title),
  middleDot: '·',
  editionOf: (iso) => `${Number(iso.slice(0, 4))} 年 ${Number(iso.slice(5, 7))} 月初版`,
  trimSize: (name, w, h) => `${name}（${w} × ${h} 毫米）`,
  evidence: '出处',
  outsideSource: '外部资料',
  mark: { inferred: '推断', external: '外部资料', reported: '据报道', sic: '原文如此' },
  marks: {
    editorLabel: { sign: '〔　〕', meaning: '本版编者所加的文字，例如底本没有标示、由编者判定的发言者〔扎克伯格〕。六角括号只用于本版编者。' },
    editorNote: { sign: '缺文、原文中断', meaning: '正文中编者的说明：底本在此似有缺文，或文字至此中断。说明是编者的话，不是对谈内容。' },
    sic: { sign: '〔原文如此〕', meaning: '底本的文字看似有误，本版照录，不改一字，也不猜测原意；理由见编辑说明。' },
    sourceParen: { sign: '（　）', meaning: '发言中的圆括号是底本原有的夹注（原文夹注），出自原译者或记者，不是本版所加。' },
    stage: { sign: '（笑）', meaning: '底本记下的现场动作，如（笑）（被打断）；底本没有说是谁。' },
    inferred: { sign: '〔推断〕', meaning: '时间线中编者依文意所作的推断，文字本身没有说。' },
    external: { sign: '〔外部资料〕', meaning: '取自本书文字以外的公开资料，来源列在该项之下。' },
    reported: { sign: '〔据报道〕', meaning: '时间线中只见于导言或报道、现存对谈记录里没有的事。' },
  },
  marksHeading: '标记',
  follows: (n) => `紧接第 ${n} 项`,
  timelineShort: '时间线',
  toEvent: (n) => `时间线 ${n}`,
  page: (n) => `第 ${n} 页`,
  seeInText: '见正文',
  notes: '编辑说明',
  notesIntro:
    '本书没有增补任何一句对谈。底本与本书正文之间的每一处不同，都列在下面：先是整理底本时的改动，逐项引用原文，并指向它在本书中的位置；再是转换字形时改动的字，按字形对应计数。编者的话（所加的章名、正文中的缺文说明、〔〕中的文字、时间线与本说明）不是底本的文字，都在这里或在出现之处说明。底本逐行的改动记录，保存在本书源码中的 edits.json。',
  changesSummary: (counts) => `改动共有：${counts}。`,
  count: (label, n) => `${label} ${n} 处`,
  namesHeading: '人名',
  aliasLine: (aliases, name, role) => `文中的${aliases}都是指${name}${role ? `——${role}` : ''}。`,
  changesHeading: '改动一览',
  kindLabel: {
    title: '书名',
    partTitle: '编者所加章名',
    credit: '来源标示',
    repeat: '删去重复段落',
    reorder: '移动段落',
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
  repeatRemoved: '删去重复的一份',
  attributedTo: (opening, name) => `${opening}一段，标为〔${name}〕`,
  sameInThisScript: '（这两个字形在简体中相同，原文见繁体版）',
  removedCredit: '从段首删去，移到版权页',
  quote: (s) => `“${s.replace(/“/g, '‘').replace(/”/g, '’')}”`,
  gapLabel: '缺文',
  truncatedLabel: '原文中断',
  noteLabel: '编按',
  conversionHeading: '字形转换',
  conversionIntro: (r, total, distinct, listed) =>
    `本版把整理后（上列改动之后）的${r.from === 'zh-Hans' ? '文字' : '繁体字'}转为简体字（OpenCC，${r.from === 'zh-Hans' ? 'cn→cn' : 't→cn'}），以项目字典修正，引号用“”‘’。转换在书名、章名、小标题与正文（编者的缺文说明除外）中共改动 ${total} 字，涉及 ${distinct} 种字形对应${listed ? '，全部列在下面（字形对应后是次数）：' : '。繁体与简体之间几乎每句都有改动，这里不逐字列出，只列项目字典与引号的每一处改动，以及最常见的字形对应：'}`,
  conversionStep: { script: 'OpenCC 字形', dictionary: '项目字典', quotes: '引号', phrases: '措辞' },
  conversionPair: (from, to, n) => `${from}→${to} ${n}`,
  conversionMore: (shown, distinct) => `等（共 ${distinct} 种，这里列出 ${shown} 种）`,
  phrasesNote: (on) =>
    on
      ? '正文的措辞依大陆用语转换（OpenCC 词表，例如“辉达”→“英伟达”）：这是出版者的选择，每一处都列在上面的“措辞”一项。'
      : '正文的措辞没有转换，例如“辉达”“执行长”“部落格”都照底本：改动用词超出字形转换，出版者选择保留原文的用词。本书自己的文字（目录、时间线、本说明等）则用大陆用语。',
  colophon: '版权页',
  colophonFields: {
    speakers: '对谈',
    source: '底本',
    event: '场合',
    edition: '版次',
    format: '开本',
    identifier: '标识符',
    fonts: '字体',
    rights: '版权',
    publisher: '整理与出版',
    conversion: '字形',
  },
  conversionNote: (from) =>
    from === 'zh-Hant' ? '简体字形由繁体底本经 OpenCC（t→cn）转换，另以项目字典修正；引号用“”‘’。' : '简体字形同底本；引号用“”‘’。',
  gapInserted: '在正文此处插入缺文说明',
  markerRemoved: '删去这个标记，改在该处注明原文中断',
  fontsNote: (fallback) =>
    `思源宋体、思源黑体（Noto Serif SC、Noto Sans SC）与霞鹜文楷（LXGW WenKai）${fallback ? `；这些字体未收的${[...fallback.chars].map((c) => `「${c}」`).join('')}借自繁体中文版（${fallback.serif}、${fallback.sans}）` : ''}，皆为 SIL Open Font License 1.1；只嵌入本书用到的字。`,
  speakerSays: (name) => `${name}说`,
  stageDirection: '现场动作',
  attributed: '底本此段没有发言者，由编者判断',
  insertion: '原文夹注',
  date: dateText,
  a11ySummary: '纯文字电子书，有完整目录、结构化标题与固定的阅读顺序；发言者以文字标示，不依赖颜色或图像；封面图片附替代文字；读者可自行更换字体与字号。',
};

/**
 * The vertical edition speaks as the Traditional one; only its name differs,
 * and where its superscript references stand: vertical-align: super raises
 * them to the right of a column, not above a line.
 */
const hantVertical: Strings = {
  ...hant,
  editionName: '繁體中文直排版',
  guideReferences: (print) =>
    print
      ? '正文段末右側的小號數字，是事件時間線的編號；時間線每一項都引出原文，並注明「第 N 頁」指回正文。'
      : '正文段末右側的小號數字，是事件時間線的編號，點選即到該項；時間線每一項都引出原文，點選即回到原文段落。',
};

export const strings: Record<LabelTable, Strings> = { 'zh-Hant': hant, 'zh-Hans': hans, 'zh-Hant-vertical': hantVertical };
