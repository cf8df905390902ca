// resvg, the one SVG renderer that needs no browser: it draws the covers
// with the edition's own font files (never the system's, so that every
// machine draws the same cover). It gives a PNG (the EPUB's cover) or the
// SVG simplified by usvg, where text has become outlines and every shape a
// path: what src/write/pdf/svg-to-pdf.ts turns into PDF drawing.
import { Resvg } from '@resvg/resvg-js';
import type { Edition } from '../model/edition.js';
import { fallbackFontPath, fontPath, fontRoles } from '../io/fonts.js';

/** `fontFiles`: the edition's fonts subset to what the SVG shows (much faster to load than the full faces); the full faces otherwise. */
const resvgFor = (svg: string, edition: Edition, fontFiles?: string[]) =>
  new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      // The fallback faces after the main ones: resvg takes a glyph it lacks from the next font that has it.
      fontFiles: fontFiles ?? [...fontRoles.map((role) => fontPath(edition.fonts, role)), ...fontRoles.flatMap((role) => fallbackFontPath(edition.fonts, role) ?? [])],
      defaultFontFamily: edition.fonts.families.serif,
    },
    languages: [edition.locale],
  });

export const renderSvgPng = (svg: string, edition: Edition): Buffer => resvgFor(svg, edition).render().asPng();

/** The SVG with its text as outlines and every shape a path, absolute coordinates (usvg's output). */
export const outlineSvg = (svg: string, edition: Edition, fontFiles?: string[]): string => resvgFor(svg, edition, fontFiles).toString();
