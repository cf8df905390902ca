import { Resvg } from '@resvg/resvg-js';
import type { Book } from '../model/book.js';
import type { Edition } from '../model/edition.js';
import { fontPath, fontRoles } from '../io/fonts.js';
import { renderCoverSvg } from '../render/cover.js';
import { strings } from '../render/i18n.js';

/** The cover as a PNG, drawn from the same fonts as the book, without a browser. */
export function renderCoverPng(book: Book, edition: Edition): Buffer {
  const { fonts } = edition;
  const svg = renderCoverSvg(book, strings[edition.labels], fonts.families);
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: fontRoles.map((role) => fontPath(fonts, role)),
      defaultFontFamily: fonts.families.serif,
    },
    languages: [edition.locale],
  });
  return resvg.render().asPng();
}
