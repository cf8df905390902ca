// The edition's fonts: TrueType-outline faces (CFF-outline CJK fonts turn
// into Type 3 fonts in Chromium's PDFs), each subset to the characters the
// edition sets in it. Real bold files, never synthetic. Which files: the
// edition record (src/model/edition.ts), with its fallback faces for what the
// main ones lack; a face shipped as unicode-range chunks (the Kai) is put
// back together first (./font-chunks.ts).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { EditionFonts, FontRole, TextRole } from '../model/edition.js';
import { adoptVerticalMetrics, assembleChunks, fileCodePoints } from './font-chunks.js';
import { subsetFontData, subsetFontFile } from './hb-subset.js';

const require = createRequire(import.meta.url);

export interface FontFile {
  role: FontRole;
  /** File name inside the book (fonts/<name>); styles/base.css refers to the main ones. */
  filename: string;
  data: Buffer;
  /** A fallback face: the characters it supplies (its @font-face `unicode-range`). */
  supplies?: string;
}

/** The text faces, each with its fallback (what covers the book's characters). */
export const fontRoles: readonly TextRole[] = ['serif', 'sans', 'sans-bold'];
/** Every face a book embeds: the text faces and the Kai of the host's questions. */
export const bookFontRoles: readonly FontRole[] = [...fontRoles, 'kai'];

export const fontPath = (fonts: EditionFonts, role: FontRole): string => require.resolve(fonts.files[role]);
export const fallbackFontPath = (fonts: EditionFonts, role: FontRole): string | undefined =>
  fonts.fallback && role !== 'kai' ? require.resolve(fonts.fallback.files[role]) : undefined;

/** The family and weight each role has in styles/base.css (its @font-face rules), for the fallback faces' rules. */
const cssFaces: Record<FontRole, { family: string; weight: number }> = {
  serif: { family: 'Book Serif', weight: 400 },
  sans: { family: 'Book Sans', weight: 400 },
  'sans-bold': { family: 'Book Sans', weight: 700 },
  kai: { family: 'Book Kai', weight: 400 },
};

// Layout and invisible format characters (line feeds, zero-width joiners,
// variation selectors) are never drawn from a font, so none is "missing".
export const neverDrawn = /[\p{Cc}\p{Default_Ignorable_Code_Point}]/u;

const coverage = new Map<string, Promise<ReadonlySet<number>>>();

/** The code points a font file maps (its cmap); each file is read once per process. */
export function readFontFileCoverage(path: string): Promise<ReadonlySet<number>> {
  let found = coverage.get(path);
  if (!found) {
    found = fileCodePoints(path);
    coverage.set(path, found);
  }
  return found;
}

// The serif, whose vertical metrics the Kai takes: read once per process.
const fontFiles = new Map<string, Promise<Buffer>>();
const readFontFile = (path: string): Promise<Buffer> => {
  let data = fontFiles.get(path);
  if (!data) fontFiles.set(path, (data = readFile(path)));
  return data;
};

/** A face shipped as unicode-range chunks (listed by a CSS file) rather than one font file. */
export const isChunked = (fonts: EditionFonts, role: FontRole): boolean => fonts.files[role].endsWith('.css');

/** Characters every edition may show besides its text (digits, Latin, punctuation of the page furniture). */
const alwaysKeep = ' ‧0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,:;-–—/()%#&+・·…—「」『』“”‘’（）〔〕［］、，。：；！？｜　';

/** A face being made: its name and what it supplies are known at once, its bytes (`data`) when subset. */
export interface PlannedFont extends Omit<FontFile, 'data'> {
  data: Promise<Buffer>;
}

/**
 * Subset every face to `text` (and the characters every edition may show),
 * each text face with its fallback for the characters it lacks; or, for a
 * role given in `only`, to exactly that text: the Kai sets a part of the
 * book (the host's ideographs) and carries only that part's characters.
 * `roles`: the faces wanted (all by default).
 */
export async function subsetFonts(fonts: EditionFonts, text: string, only: Partial<Record<FontRole, string>> = {}, roles: readonly FontRole[] = bookFontRoles): Promise<FontFile[]> {
  const planned = await planFonts(fonts, text, only, roles);
  return Promise.all(planned.map(async (f) => ({ ...f, data: await f.data })));
}

/**
 * As subsetFonts, but answering as soon as the files and what each supplies
 * are known (the faces' character maps), with each face's bytes still being
 * made: a page can be written, and start loading, meanwhile.
 */
export async function planFonts(fonts: EditionFonts, text: string, only: Partial<Record<FontRole, string>> = {}, roles: readonly FontRole[] = bookFontRoles): Promise<PlannedFont[]> {
  // The text faces share one set of characters (the whole text's): sorted once, not once a face.
  let everyFace: string[] | undefined;
  const charsOf = (role: FontRole) => (role in only ? [...new Set(only[role] ?? text)].sort() : (everyFace ??= [...new Set(text + alwaysKeep)].sort()));
  // Awaited by whoever needs the bytes; a failure meanwhile must not count as unhandled.
  const making = (data: Promise<Buffer>) => {
    data.catch(() => undefined);
    return data;
  };
  const perRole = await Promise.all(
    roles.map(async (role): Promise<PlannedFont[]> => {
      const chars = charsOf(role);
      const path = fontPath(fonts, role);
      if (isChunked(fonts, role)) {
        // Kai sets whole paragraphs among the serif's: the same line height and baseline (see adoptVerticalMetrics).
        const kai = async () => subsetFontData(adoptVerticalMetrics(await assembleChunks(path, chars.join('')), await readFontFile(fontPath(fonts, 'serif'))), chars.join(''));
        return [{ role, filename: `${role}.ttf`, data: making(kai()) }];
      }
      const main: PlannedFont = { role, filename: `${role}.ttf`, data: making(subsetFontFile(path, chars.join(''))) };
      const fallback = fallbackFontPath(fonts, role);
      if (fallback === undefined) return [main];
      const [has, fallbackHas] = await Promise.all([readFontFileCoverage(path), readFontFileCoverage(fallback)]);
      const supplied = chars.filter((c) => !neverDrawn.test(c) && !has.has(c.codePointAt(0)!) && fallbackHas.has(c.codePointAt(0)!)).join('');
      if (supplied === '') return [main];
      return [main, { role, filename: `${role}-fallback.ttf`, data: making(subsetFontFile(fallback, supplied, { keep: false })), supplies: supplied }];
    }),
  );
  return perRole.flat();
}

/** Where a stylesheet finds a face: its family and weight by role, and the URL of a file. */
export interface FaceNames {
  family: (role: FontRole) => string;
  url: (filename: string) => string;
}

/** styles/base.css's names (its @font-face rules), used by the EPUB and the print page. */
const bookFaces: FaceNames = { family: (role) => cssFaces[role].family, url: (filename) => `fonts/${filename}` };

/**
 * @font-face rules for the fallback faces: the main face's family and weight,
 * limited by `unicode-range` to the characters the main face lacks, so that a
 * reader or browser takes only those from them.
 */
export function fallbackFontCss(files: readonly Pick<FontFile, 'role' | 'filename' | 'supplies'>[], names: FaceNames = bookFaces): string {
  return files
    .filter((f) => f.supplies !== undefined)
    .map((f) => {
      const range = [...f.supplies!].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(', ');
      return `@font-face { font-family: "${names.family(f.role)}"; src: url("${names.url(f.filename)}") format("truetype"); font-weight: ${cssFaces[f.role].weight}; font-style: normal; unicode-range: ${range}; }\n`;
    })
    .join('');
}
