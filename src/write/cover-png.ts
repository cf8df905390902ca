import { Resvg } from '@resvg/resvg-js';
import type { Book, Locale } from '../model/book.js';
import { fontPath } from '../io/fonts.js';
import { renderCoverSvg } from '../render/cover.js';
import { strings } from '../render/i18n.js';

const familyNames: Record<Locale, { serif: string; sans: string }> = {
  'zh-Hant': { serif: 'Noto Serif TC', sans: 'Noto Sans TC' },
  'zh-Hans': { serif: 'Noto Serif SC', sans: 'Noto Sans SC' },
};

/** The cover as a PNG, drawn from the same fonts as the book, without a browser. */
export function renderCoverPng(book: Book): Buffer {
  const locale = book.meta.language;
  const svg = renderCoverSvg(book, strings[locale], familyNames[locale]);
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: [fontPath(locale, 'serif'), fontPath(locale, 'sans'), fontPath(locale, 'sans-bold')],
      defaultFontFamily: familyNames[locale].serif,
    },
    languages: [locale],
  });
  return resvg.render().asPng();
}
