// resvg, the one SVG renderer that needs no browser: it draws the covers
// with the edition's own font files (never the system's, so that every
// machine draws the same cover). It gives a PNG (the EPUB's cover) or the
// SVG simplified by usvg, where text has become outlines and every shape a
// path: what src/write/pdf/svg-to-pdf.ts turns into PDF drawing.
//
// resvg loads whole font files, and the edition's faces are megabytes each
// (most of a second to load all six): a drawing gets them subset to what it
// shows (a few kilobytes, loaded in milliseconds), through withFontFiles.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { Edition } from '../model/edition.js';
import { fontRoles, subsetFonts, type FontFile } from '../io/fonts.js';
import { makeTempFolder } from '../io/temp.js';

/** `fontFiles`: font files on disk (resvg reads fonts from files only), the main faces before their fallbacks. */
const resvgFor = (svg: string, edition: Edition, fontFiles: string[], fitTo?: ResvgRenderOptions['fitTo']) =>
  new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      // The fallback faces after the main ones: resvg takes a glyph it lacks from the next font that has it.
      fontFiles,
      defaultFontFamily: edition.fonts.families.serif,
    },
    languages: [edition.locale],
    ...(fitTo ? { fitTo } : {}),
  });

/** The characters an SVG shows: its text nodes (xast-util-to-xml escapes &, < and > in them). */
export function svgText(svg: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return [...svg.matchAll(/>([^<]+)</g)]
    .map((m) => m[1]!.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (all, hex: string, dec: string, name: string) => (hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : (entities[name] ?? all))))
    .join('');
}

/** The edition's text faces (and fallbacks) subset to what `svg` shows. */
export const fontsForSvg = (svg: string, edition: Edition): Promise<FontFile[]> => subsetFonts(edition.fonts, svgText(svg), {}, fontRoles);

/** Run `draw` with `fonts` written to files of a private folder (removed after). */
export async function withFontFiles<T>(fonts: FontFile[], draw: (files: string[]) => T): Promise<T> {
  const dir = await makeTempFolder('resvg-fonts-');
  try {
    // The main faces first, then the fallbacks.
    const ordered = [...fonts.filter((f) => f.supplies === undefined), ...fonts.filter((f) => f.supplies !== undefined)];
    const files = ordered.map((f) => join(dir.path, f.filename));
    await Promise.all(ordered.map((f, i) => writeFile(files[i]!, f.data)));
    return draw(files);
  } finally {
    await dir.remove();
  }
}

/** The SVG as a PNG, at its own size or `width` pixels wide. */
export const renderSvgPng = (svg: string, edition: Edition, fontFiles: string[], width?: number): Buffer =>
  resvgFor(svg, edition, fontFiles, width === undefined ? undefined : { mode: 'width', value: width }).render().asPng();

/** The SVG with its text as outlines and every shape a path, absolute coordinates (usvg's output). */
export const outlineSvg = (svg: string, edition: Edition, fontFiles: string[]): string => resvgFor(svg, edition, fontFiles).toString();

/** outlineSvg in the edition's faces, subset to what the SVG shows. */
export const outlineSvgInEditionFonts = async (svg: string, edition: Edition): Promise<string> => withFontFiles(await fontsForSvg(svg, edition), (files) => outlineSvg(svg, edition, files));
