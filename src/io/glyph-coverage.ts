// Which characters an edition's fonts can draw, and where the text uses one
// they cannot. Such a character does not survive as written: the EPUB shows
// a box, the cover drops it, and Chromium fills it from whatever system font
// it finds (as a Type 3 font in the PDF) or leaves a blank. So the build
// names each one with its file:line instead (exit 65), or, when told to go on
// anyway, lists them as a warning.
import { BookError, inputError } from '../errors.js';
import type { Edition, EditionFonts } from '../model/edition.js';
import { fallbackFontPath, fontPath, fontRoles, neverDrawn, readFontFileCoverage } from './fonts.js';

export interface FontCoverage {
  /** Code points every main face of the edition maps (body, labels and headings each use one of them). */
  main: ReadonlySet<number>;
  /** The same with the fallback faces: what the edition can print at all. */
  withFallback: ReadonlySet<number>;
}

const intersect = (sets: ReadonlySet<number>[]): ReadonlySet<number> => new Set([...sets[0]!].filter((cp) => sets.every((s) => s.has(cp))));

// Joining the faces' sets costs more than reading them: once per edition's fonts, per process.
const coverages = new Map<string, Promise<FontCoverage>>();

export function readFontCoverage(fonts: EditionFonts): Promise<FontCoverage> {
  const key = JSON.stringify(fonts);
  let found = coverages.get(key);
  if (!found) coverages.set(key, (found = computeFontCoverage(fonts)));
  return found;
}

async function computeFontCoverage(fonts: EditionFonts): Promise<FontCoverage> {
  const perRole = await Promise.all(
    fontRoles.map(async (role) => {
      const main = await readFontFileCoverage(fontPath(fonts, role));
      const fallback = fallbackFontPath(fonts, role);
      return { main, withFallback: fallback === undefined ? main : new Set([...main, ...(await readFontFileCoverage(fallback))]) };
    }),
  );
  return { main: intersect(perRole.map((r) => r.main)), withFallback: intersect(perRole.map((r) => r.withFallback)) };
}

/** The characters of `text` that `covered` lacks, each once, in order of first use. */
export function findUncoveredCharacters(text: string, covered: ReadonlySet<number>): string[] {
  const seen = new Set<string>();
  for (const ch of text) {
    if (seen.has(ch) || neverDrawn.test(ch)) continue;
    if (!covered.has(ch.codePointAt(0)!)) seen.add(ch);
  }
  return [...seen];
}

export interface SourceText {
  file: string;
  text: string;
}

export interface MissingGlyph {
  char: string;
  /** file:line of each use, in the files as written (before script conversion). */
  places: { file: string; line: number }[];
}

/** Where each character occurs in the input files. A character made by script conversion has no place of its own. */
export function locateCharacters(chars: string[], sources: SourceText[]): MissingGlyph[] {
  return chars.map((char) => ({
    char,
    places: sources.flatMap((s) =>
      s.text.split('\n').flatMap((line, i) => (line.includes(char) ? [{ file: s.file, line: i + 1 }] : [])),
    ),
  }));
}

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** 「🎉」 U+1F389 at manuscript.md:30, 41 — one item per character, for the error and the warning. */
export function describeMissingGlyphs(missing: MissingGlyph[]): string {
  return missing
    .map((m) => {
      const where = m.places.length === 0 ? 'made by the script conversion' : `at ${placesText(m.places)}`;
      return `「${m.char}」 ${codePoint(m.char)} ${where}`;
    })
    .join('; ');
}

function placesText(places: MissingGlyph['places']): string {
  const shown = places.slice(0, 3);
  const byFile = new Map<string, number[]>();
  for (const p of shown) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p.line]);
  const text = [...byFile].map(([file, lines]) => `${file}:${lines.join(', ')}`).join(', ');
  return places.length > shown.length ? `${text} and ${places.length - shown.length} more` : text;
}

export function missingGlyphsError(missing: MissingGlyph[], edition: Edition): BookError {
  const first = missing.find((m) => m.places.length > 0)?.places[0];
  return inputError(
    `${missing.length === 1 ? 'a character' : `${missing.length} characters`} the ${edition.id} fonts cannot draw, which would print as blanks or boxes: ${describeMissingGlyphs(missing)}.`,
    'replace each with a character the fonts have (or remove it), or build with --allow-missing-glyphs to accept the gaps.',
    first,
  );
}
