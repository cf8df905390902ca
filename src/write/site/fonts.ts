// The site's fonts: for each language, the faces of its first edition
// (src/model/edition.ts), subset to every character the site shows in that
// language, and the @font-face rules that name them. A page may show another
// script's words (the switch's 「简体中文」 on a Traditional page, tagged
// lang="zh-Hans"): those characters go into that script's subset, and the
// rules pick the faces by :lang(), so each script is set in its own forms.
import type { Nodes } from 'hast';
import type { Locale } from '../../model/book.js';
import type { Edition, FontRole } from '../../model/edition.js';
import { bookFontRoles, fontRoles } from '../../io/fonts.js';
import { cssString } from '../../render/print-document.js';

/** The text of `node` by language: `lang` attributes change it, children inherit it. */
export function collectTextByLang(node: Nodes, lang: string, into = new Map<string, string>()): Map<string, string> {
  if (node.type === 'text') into.set(lang, (into.get(lang) ?? '') + node.value);
  const own = node.type === 'element' && typeof node.properties.lang === 'string' ? node.properties.lang : lang;
  if ('children' in node) for (const child of node.children) collectTextByLang(child as Nodes, own, into);
  return into;
}

type Family = 'serif' | 'sans' | 'kai';
const familyName: Record<Family, string> = { serif: 'Serif', sans: 'Sans', kai: 'Kai' };
export const family = (role: Family, locale: Locale) => `Book ${familyName[role]} ${locale}`;
/** The family a face's role belongs to (the sans and its bold are one family). */
export const familyOf = (role: FontRole): Family => (role === 'sans-bold' ? 'sans' : role);

/**
 * @font-face rules for each language's faces (files beside the sheet, in a
 * folder named by the locale), and the custom properties site.css sets text
 * with (--serif, --sans, and --kai for the host's words, as in the book),
 * chosen by the element's language.
 */
export function renderFontFaces(languages: readonly { locale: Locale; edition: Edition }[], hasKai: (locale: Locale) => boolean = () => true): string {
  const lines = ['/* Generated: each language\'s own faces, subset to the characters the site shows in it. */'];
  for (const { locale } of languages) {
    for (const role of hasKai(locale) ? bookFontRoles : fontRoles) {
      const weight = role === 'sans-bold' ? 700 : 400;
      lines.push(`@font-face { font-family: ${cssString(family(familyOf(role), locale))}; src: url(${cssString(`${locale}/${role}.ttf`)}) format("truetype"); font-weight: ${weight}; font-style: normal; font-display: swap; }`);
    }
  }
  for (const { locale } of languages) {
    // No host's words to set in a language (no reading edition in it): no Kai, and --kai is the text face.
    lines.push(`:lang(${locale}) { --serif: ${cssString(family('serif', locale))}, serif; --sans: ${cssString(family('sans', locale))}, sans-serif; --kai: ${cssString(family(hasKai(locale) ? 'kai' : 'serif', locale))}; }`);
  }
  return lines.join('\n') + '\n';
}
