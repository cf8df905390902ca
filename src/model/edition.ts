// An edition is a record, not a locale string: everything that makes one
// edition of a book differ from another (script, direction, quotation marks,
// fonts, the words the book itself says) is a field here, and every stage
// after reading takes the record. The editions a build makes by default are
// the entries of `editions`; adding one (a vertical zh-Hant, say) is one more
// entry, with no other file to touch unless it needs something new.
import type { Locale } from './book.js';

/** The tables of the book's own words (src/render/i18n.ts): one per locale, and the vertical edition's, which names itself and says where its marks stand. */
export type LabelTable = Locale | 'zh-Hant-vertical';

/** OpenCC's locales (opencc-js `Converter({ from, to })`). */
export type OpenccLocale = 'cn' | 'tw' | 'twp' | 'hk' | 't';

/**
 * The font files of an edition, by role, as module paths resolved from
 * node_modules (TrueType outlines only: see src/io/fonts.ts). `serif` sets
 * the text, `sans` and `sans-bold` (黑體) the labels and headings, `kai`
 * (楷體) the host's questions, as Chinese interview books set them.
 * A path ending in `.css` names a web font cut into unicode-range chunks,
 * which src/io/font-chunks.ts puts back together.
 */
export type FontRole = 'serif' | 'sans' | 'sans-bold' | 'kai';
/** The faces that set any text (and have fallbacks): all but the Kai, which sets only the host's ideographs. */
export type TextRole = Exclude<FontRole, 'kai'>;

export interface EditionFonts {
  files: Record<FontRole, string>;
  /** The faces' own family names, for renderers that name installed fonts (the cover SVG, drawn by resvg). */
  families: { serif: string; sans: string; kai: string };
  /**
   * Faces for the characters these lack, by role (TrueType too). A Traditional
   * edition still prints Simplified characters where it quotes the source or
   * lists what the conversion changed (书→書), and Noto TC has no 书 (nor 爲);
   * Noto SC has both. Only the characters the main faces lack are taken from
   * these, and the build names them (src/check-glyphs.ts). The Kai needs
   * none: what it lacks, the text face sets (styles/base.css).
   */
  fallback?: { files: Record<TextRole, string>; families: { serif: string; sans: string } };
}

export interface QuoteStyle {
  /** Primary and secondary quotation marks: 「」『』 or “”‘’. */
  primary: [string, string];
  secondary: [string, string];
}

/**
 * Wording settings: whether OpenCC's phrase tables reword text into the
 * locale's own vocabulary (視頻→影片, 數據→資料 for Taiwan; 輝達→英偉達,
 * 部落格→博客 for the mainland), beyond converting the script.
 */
export interface Wording {
  /** The book's own words: the timeline, the notes, roles, the editor's notes in the text. Quotations in them keep the text's wording. On by default. */
  apparatus: boolean;
  /** The transcript itself. Rewording speech goes beyond conversion, so it is the publisher's choice (front matter `wording: { text: true }`); off by default. Every word it changes is listed in the notes. */
  text: boolean;
}

export const defaultWording: Wording = { apparatus: true, text: false };

export interface Edition {
  /** Names the edition in file names (`<book>.<id>.epub`), identifiers and `--editions`. */
  id: string;
  /** The script and locale of the text (`lang`, OpenCC's target, the labels' language). */
  locale: Locale;
  /** OpenCC's target for this edition's text (from the manuscript's own script). */
  script: OpenccLocale;
  writingMode: 'horizontal-tb' | 'vertical-rl';
  /** Which way pages turn. In either, the first page (odd) is a recto: on the right in ltr, on the left in rtl. */
  pageProgression: 'ltr' | 'rtl';
  quotes: QuoteStyle;
  fonts: EditionFonts;
  /** Which table of the book's own words (src/render/i18n.ts) the edition uses. */
  labels: LabelTable;
  wording: Wording;
}

const cornerQuotes: QuoteStyle = { primary: ['「', '」'], secondary: ['『', '』'] };
const curlyQuotes: QuoteStyle = { primary: ['“', '”'], secondary: ['‘', '’'] };
/** Every quotation style an edition may use: converting to one replaces the marks of the others. */
export const quoteStyles: readonly QuoteStyle[] = [cornerQuotes, curlyQuotes];

// Noto Serif/Sans (SIL OFL 1.1) and LXGW WenKai (霞鶩文楷, SIL OFL 1.1, which
// allows embedding): the TC faces have Taiwan's standard glyph shapes and
// centred punctuation, the SC ones the mainland's.
const notoFaces = (suffix: 'TC' | 'SC') => {
  const pkg = suffix.toLowerCase();
  return {
    files: {
      serif: `@expo-google-fonts/noto-serif-${pkg}/400Regular/NotoSerif${suffix}_400Regular.ttf`,
      sans: `@expo-google-fonts/noto-sans-${pkg}/400Regular/NotoSans${suffix}_400Regular.ttf`,
      'sans-bold': `@expo-google-fonts/noto-sans-${pkg}/700Bold/NotoSans${suffix}_700Bold.ttf`,
      kai: suffix === 'TC' ? 'lxgw-wenkai-tc-webfont/lxgwwenkaitc-regular.css' : 'lxgw-wenkai-webfont/lxgwwenkai-regular.css',
    },
    families: { serif: `Noto Serif ${suffix}`, sans: `Noto Sans ${suffix}`, kai: suffix === 'TC' ? 'LXGW WenKai TC' : 'LXGW WenKai' },
  };
};
/** Each script's faces (Noto and the Kai), with the other script's Noto faces as the fallback. */
const bookFonts = (suffix: 'TC' | 'SC'): EditionFonts => {
  const other = notoFaces(suffix === 'TC' ? 'SC' : 'TC');
  return { ...notoFaces(suffix), fallback: { files: { serif: other.files.serif, sans: other.files.sans, 'sans-bold': other.files['sans-bold'] }, families: { serif: other.families.serif, sans: other.families.sans } } };
};

/** Every edition the builder knows, in the order a build makes them. */
export const editions: readonly Edition[] = [
  {
    id: 'zh-Hant',
    locale: 'zh-Hant',
    script: 'tw',
    writingMode: 'horizontal-tb',
    pageProgression: 'ltr',
    quotes: cornerQuotes,
    fonts: bookFonts('TC'),
    labels: 'zh-Hant',
    wording: defaultWording,
  },
  {
    id: 'zh-Hans',
    locale: 'zh-Hans',
    script: 'cn',
    writingMode: 'horizontal-tb',
    pageProgression: 'ltr',
    quotes: curlyQuotes,
    fonts: bookFonts('SC'),
    labels: 'zh-Hans',
    wording: defaultWording,
  },
  // Traditional, set vertically (直排) and read right to left, as many
  // readers in Taiwan and Hong Kong prefer, on paper and on e-ink. The same
  // text and fonts as zh-Hant; what differs is the direction, which every
  // stage reads from this record: the vertical style sheet and upright
  // digits (縱中橫) in the render stage, the page grid and the measure in the
  // PDF step, the spine's page-progression-direction in the EPUB.
  {
    id: 'zh-Hant-vertical',
    locale: 'zh-Hant',
    script: 'tw',
    writingMode: 'vertical-rl',
    pageProgression: 'rtl',
    quotes: cornerQuotes,
    fonts: bookFonts('TC'),
    labels: 'zh-Hant-vertical',
    wording: defaultWording,
  },
];

/** Whether the edition sets its text in vertical lines (columns), read right to left. */
export const isVertical = (edition: Pick<Edition, 'writingMode'>): boolean => edition.writingMode === 'vertical-rl';

export const editionIds = (): string[] => editions.map((e) => e.id);

export function findEdition(id: string, list: readonly Edition[] = editions): Edition | undefined {
  return list.find((e) => e.id === id);
}
