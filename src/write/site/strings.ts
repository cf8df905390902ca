// The words of the site itself (the download page and the reading edition's
// frame), per locale. The book's own words are in src/render/i18n.ts.
import type { Locale } from '../../model/book.js';

export interface SiteStrings {
  /** Open Graph's locale (language_TERRITORY). */
  ogLocale: string;
  /** The page's title when it lists several books. */
  catalogue: string;
  scripts: string;
  speakers: string;
  event: string;
  downloads: string;
  download: (format: string) => string;
  readOnline: string;
  readOnlineNote: string;
  fields: { script: string; format: string; size: string; pages: string; built: string; sha256: string };
  pages: (n: number) => string;
  reflowable: string;
  devices: string;
  opdsHeading: string;
  opdsNote: string;
  opdsLink: string;
  opds2Link: string;
  coverAlt: (title: string) => string;
  toDownloads: string;
  webFormat: string;
  footer: string;
  mainNav: string;
}

const hant: SiteStrings = {
  ogLocale: 'zh_TW',
  catalogue: '書目',
  scripts: '字形',
  speakers: '對談者',
  event: '活動',
  downloads: '版本與下載',
  download: (format) => `下載 ${format}`,
  readOnline: '線上閱讀',
  readOnlineNote: '網頁版，不必下載',
  fields: { script: '字形', format: '格式', size: '大小', pages: '頁數', built: '建置日期', sha256: 'SHA-256' },
  pages: (n) => `${n} 頁`,
  reflowable: '不分頁，隨螢幕重排',
  devices: 'EPUB 適用於 Kobo、Apple Books、KOReader 等閱讀器，Kindle 用 Send to Kindle 傳送 EPUB 即可；PDF 適合列印。',
  opdsHeading: '在閱讀器 App 裡訂閱',
  opdsNote: 'KOReader、Thorium、Moon+ Reader、Librera、KyBook 與 Calibre 都能讀 OPDS 書目：在 App 裡加入本站的書目網址，就能直接瀏覽與下載。',
  opdsLink: 'OPDS 1.2 書目（opds.xml）',
  opds2Link: 'OPDS 2.0 書目（opds.json）',
  coverAlt: (title) => `封面：${title}`,
  toDownloads: '回到下載頁',
  webFormat: '網頁版',
  footer: '本站的每個檔案都由 Transcript Press 從書稿建置，不連外部資源，離線也能用。',
  mainNav: '網站',
};

const hans: SiteStrings = {
  ogLocale: 'zh_CN',
  catalogue: '书目',
  scripts: '字形',
  speakers: '对谈者',
  event: '活动',
  downloads: '版本与下载',
  download: (format) => `下载 ${format}`,
  readOnline: '在线阅读',
  readOnlineNote: '网页版，无须下载',
  fields: { script: '字形', format: '格式', size: '大小', pages: '页数', built: '构建日期', sha256: 'SHA-256' },
  pages: (n) => `${n} 页`,
  reflowable: '不分页，随屏幕重排',
  devices: 'EPUB 适用于 Kobo、Apple Books、KOReader 等阅读器，Kindle 用 Send to Kindle 发送 EPUB 即可；PDF 适合打印。',
  opdsHeading: '在阅读器 App 里订阅',
  opdsNote: 'KOReader、Thorium、Moon+ Reader、Librera、KyBook 和 Calibre 都能读 OPDS 书目：在 App 里添加本站的书目网址，就能直接浏览和下载。',
  opdsLink: 'OPDS 1.2 书目（opds.xml）',
  opds2Link: 'OPDS 2.0 书目（opds.json）',
  coverAlt: (title) => `封面：${title}`,
  toDownloads: '返回下载页',
  webFormat: '网页版',
  footer: '本站的每个文件都由 Transcript Press 从书稿构建，不连外部资源，离线也能用。',
  mainNav: '网站',
};

export const siteStrings: Record<Locale, SiteStrings> = { 'zh-Hant': hant, 'zh-Hans': hans };
