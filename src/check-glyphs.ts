// The glyph check of a build: the characters each edition would print that
// its fonts lack stop the build with their file:line, or, when allowed, are
// listed as a warning (io/glyph-coverage.ts says why it matters). What the
// fallback faces supply is said too.
import { readOptionalText } from './io/files.js';
import { describeMissingGlyphs, findUncoveredCharacters, locateCharacters, missingGlyphsError, readFontCoverage, type MissingGlyph, type SourceText } from './io/glyph-coverage.js';
import type { Book } from './model/book.js';
import type { Edition } from './model/edition.js';
import { editionText } from './render/edition-text.js';

export interface GlyphReport {
  /** Characters no face of the edition has, with where they are. */
  missing: MissingGlyph[];
  /** Characters the main faces lack and the fallback faces supply. */
  fromFallback: string[];
}

/** The characters `edition` prints from `book` that its own faces lack: those its fallback faces set, and those no face has. */
async function outsideMainFaces(book: Book, edition: Edition): Promise<{ fromFallback: string[]; missing: string[] }> {
  const coverage = await readFontCoverage(edition.fonts);
  const outside = findUncoveredCharacters(editionText(book, edition), coverage.main);
  const missing = findUncoveredCharacters(outside.join(''), coverage.withFallback);
  return { missing, fromFallback: outside.filter((c) => !missing.includes(c)) };
}

/** What `edition` prints from `book` (already converted to its script) that its fonts lack, located in `sources`. */
export async function findMissingGlyphs(book: Book, edition: Edition, sources: SourceText[]): Promise<GlyphReport> {
  const { missing, fromFallback } = await outsideMainFaces(book, edition);
  return { missing: locateCharacters(missing, sources), fromFallback };
}

/** The characters of `book` that `edition`'s own faces lack and its fallback faces set, in order of first use: what its colophon names the fallback faces for. */
export async function fallbackCharacters(book: Book, edition: Edition): Promise<string> {
  return (await outsideMainFaces(book, edition)).fromFallback.join('');
}

/**
 * The build's check: an error listing each character the edition's fonts lack
 * and where it is; or, when allowed, the same list as a warning. `info` says
 * which characters come from the fallback faces.
 */
export async function checkGlyphs(book: Book, edition: Edition, files: string[], allow: boolean): Promise<{ warning?: string; info?: string }> {
  const sources = (await Promise.all(files.map(async (file) => ({ file, text: await readOptionalText(file) })))).filter((s): s is SourceText => s.text !== undefined);
  const { missing, fromFallback } = await findMissingGlyphs(book, edition, sources);
  if (missing.length > 0 && !allow) throw missingGlyphsError(missing, edition);
  const fallback = edition.fonts.fallback;
  return {
    ...(missing.length ? { warning: `the ${edition.id} fonts cannot draw ${describeMissingGlyphs(missing)}; they print as blanks or boxes (--allow-missing-glyphs).` } : {}),
    ...(fromFallback.length && fallback
      ? { info: `${edition.id}: ${fromFallback.length} characters from the fallback fonts (${fallback.families.serif}, ${fallback.families.sans}): ${fromFallback.join('')}` }
      : {}),
  };
}
