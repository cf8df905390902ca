import type { Book } from '../model/book.js';
import type { Edition } from '../model/edition.js';
import { renderCoverSvg } from '../render/cover.js';
import { strings } from '../render/i18n.js';
import { renderSvgPng } from './resvg.js';

/** The cover as a PNG, drawn from the same fonts as the book, without a browser. */
export function renderCoverPng(book: Book, edition: Edition): Buffer {
  return renderSvgPng(renderCoverSvg(book, strings[edition.labels], edition.fonts.families), edition);
}
