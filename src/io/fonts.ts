// The edition's fonts: TrueType-outline faces (CFF-outline CJK fonts turn
// into Type 3 fonts in Chromium's PDFs), each subset to the characters the
// edition uses. Real bold files, never synthetic. Which files: the edition
// record (src/model/edition.ts).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';
import type { EditionFonts, FontRole } from '../model/edition.js';

const require = createRequire(import.meta.url);

export interface FontFile {
  role: FontRole;
  /** File name inside the book (fonts/<name>); styles/base.css refers to these. */
  filename: string;
  data: Buffer;
}

export const fontRoles: readonly FontRole[] = ['serif', 'sans', 'sans-bold'];

export const fontPath = (fonts: EditionFonts, role: FontRole): string => require.resolve(fonts.files[role]);

/** Characters every edition may show besides its text (digits, Latin, punctuation of the page furniture). */
const alwaysKeep = ' 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,:;-–—/()%#&+・·…—「」『』“”‘’（）〔〕［］、，。：；！？｜　';

export async function subsetFonts(fonts: EditionFonts, text: string): Promise<FontFile[]> {
  const chars = [...new Set(text + alwaysKeep)].sort().join('');
  return Promise.all(
    fontRoles.map(async (role) => ({
      role,
      filename: `${role}.ttf`,
      data: await subsetFont(await readFile(fontPath(fonts, role)), chars, { targetFormat: 'truetype' }),
    })),
  );
}
