// The edition's fonts: TrueType-outline Noto faces from @expo-google-fonts
// (CFF-outline CJK fonts turn into Type 3 fonts in Chromium's PDFs), each
// subset to the characters the edition uses. Real bold files, never synthetic.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import subsetFont from 'subset-font';
import type { Locale } from '../model/book.js';

const require = createRequire(import.meta.url);

export type FontRole = 'serif' | 'sans' | 'sans-bold';

export interface FontFile {
  role: FontRole;
  /** File name inside the book (fonts/<name>); styles/base.css refers to these. */
  filename: string;
  data: Buffer;
}

const families: Record<Locale, Record<FontRole, string>> = {
  'zh-Hant': {
    serif: '@expo-google-fonts/noto-serif-tc/400Regular/NotoSerifTC_400Regular.ttf',
    sans: '@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf',
    'sans-bold': '@expo-google-fonts/noto-sans-tc/700Bold/NotoSansTC_700Bold.ttf',
  },
  'zh-Hans': {
    serif: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
    sans: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
    'sans-bold': '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  },
};

export const fontPath = (locale: Locale, role: FontRole): string => require.resolve(families[locale][role]);

/** Characters every edition may show besides its text (digits, Latin, punctuation of the page furniture). */
const alwaysKeep = ' 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,:;-–—/()%#&+・·…—「」『』“”‘’（）〔〕［］、，。：；！？｜　';

export async function subsetFonts(locale: Locale, text: string): Promise<FontFile[]> {
  const chars = [...new Set(text + alwaysKeep)].sort().join('');
  const roles: FontRole[] = ['serif', 'sans', 'sans-bold'];
  return Promise.all(
    roles.map(async (role) => ({
      role,
      filename: `${role}.ttf`,
      data: await subsetFont(await readFile(fontPath(locale, role)), chars, { targetFormat: 'truetype' }),
    })),
  );
}
