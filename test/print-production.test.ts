// The pieces of print production that need no browser: saddle-stitch order,
// the spine, the cover's drawing (resvg → PDF operators, greys only, spine
// text top to bottom), running heads and folios on the outer edge in either
// page progression, the command line's printer options, and Ghostscript's
// absence. The files themselves (press, cover, booklet) are checked in
// test/pdf.test.ts, on the PDFs it builds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCli } from '../src/cli-args.js';
import { BookError } from '../src/errors.js';
import { fontPath } from '../src/io/fonts.js';
import { findGhostscript } from '../src/io/ghostscript.js';
import { loadBook } from '../src/load-book.js';
import type { Edition } from '../src/model/edition.js';
import { layoutCoverSheet, minSpineForText, renderCoverSheetSvg, type CoverSheet } from '../src/render/cover.js';
import { strings } from '../src/render/i18n.js';
import { imposeSaddleStitch } from '../src/write/booklet.js';
import { spineWidth } from '../src/write/cover-sheet.js';
import { drawFurniture, planFurniture } from '../src/write/pdf/furniture.js';
import { setFileIdentifier } from '../src/write/pdf/pdfx.js';
import { pathOperators, svgToPdf } from '../src/write/pdf/svg-to-pdf.js';
import { interiorPageCount } from '../src/write/press.js';
import { outlineSvgInEditionFonts, svgText } from '../src/write/resvg.js';
import { edition } from './helpers/editions.js';
import { bookDir } from './helpers/paths.js';

const mm = 72 / 25.4;
const book = await loadBook(bookDir);
const temp = mkdtempSync(join(tmpdir(), 'print-production-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('saddle stitching', () => {
  it('puts the last and the first page on the outside of the first sheet, and so on inwards', () => {
    expect(imposeSaddleStitch(8, 'ltr')).toEqual([
      { left: 8, right: 1 },
      { left: 2, right: 7 },
      { left: 6, right: 3 },
      { left: 4, right: 5 },
    ]);
  });
  it('mirrors the halves in a right-to-left book', () => {
    expect(imposeSaddleStitch(4, 'rtl')).toEqual([
      { left: 1, right: 4 },
      { left: 3, right: 2 },
    ]);
  });
  it('refuses a page count that is no multiple of 4', () => {
    expect(() => imposeSaddleStitch(6, 'ltr')).toThrow(/multiple of 4/);
  });
});

describe('the interior and the spine', () => {
  it('pads to whole signatures and reckons the spine from the leaves', () => {
    expect(interiorPageCount(30, { signature: 4, paperThickness: 0.1 })).toBe(32);
    expect(interiorPageCount(32, { signature: 16, paperThickness: 0.1 })).toBe(32);
    expect(interiorPageCount(33, { signature: 32, paperThickness: 0.1 })).toBe(64);
    expect(spineWidth(32, { signature: 4, paperThickness: 0.1 })).toBe(1.6);
    expect(spineWidth(400, { signature: 16, paperThickness: 0.12 })).toBe(24);
  });
});

describe('drawing the cover into the PDF', () => {
  it('turns usvg paths into PDF operators, quadratic curves raised to cubic', () => {
    expect(pathOperators('M 0 0 L 3 0 Q 6 0 6 3 Z')).toBe(['0 0 m', '3 0 l', '5 0 6 1 6 3 c', 'h'].join('\n'));
    const d = svgToPdf('<svg width="10" height="20" viewBox="0 0 10 20" xmlns="http://www.w3.org/2000/svg"><defs/><g><path fill="#333333" stroke="none" d="M 1 1 L 2 2 Z"/></g></svg>');
    expect([d.width, d.height]).toEqual([10, 20]);
    expect(d.content).toContain('1 0 0 -1 0 20 cm');
    expect(d.content).toContain('0.2 g');
  });
  it('refuses a colour, transparency or an image: a cover printed in black ink alone takes greys only', () => {
    const svg = (inner: string) => `<svg width="10" height="10" xmlns="http://www.w3.org/2000/svg">${inner}</svg>`;
    expect(() => svgToPdf(svg('<path fill="#ff0000" d="M 0 0 L 1 1 Z"/>'))).toThrow(/not a grey/);
    expect(() => svgToPdf(svg('<path fill="#000000" opacity="0.5" d="M 0 0 L 1 1 Z"/>'))).toThrow(/not supported/);
    expect(() => svgToPdf(svg('<image href="x.png"/>'))).toThrow(/<image> is not supported/);
  });
});

describe('the fonts a drawing is made with', () => {
  it('are subset to the characters its text shows, entities read as characters, attributes left out', () => {
    expect(svgText('<svg font-family="Noto Serif TC"><text x="1">黃&amp;&lt;A&#x4E00;&#20108;</text><g><text>B <tspan>仁</tspan></text></g></svg>')).toBe('黃&<A一二B 仁');
  });
});

describe('the cover sheet', () => {
  const hant = edition('zh-Hant');
  const sheet = (spineMm: number, progression: 'ltr' | 'rtl' = 'ltr'): CoverSheet => ({
    trim: { width: 148 * mm, height: 210 * mm },
    spine: spineMm * mm,
    bleed: 3 * mm,
    marks: 10 * mm,
    progression,
    safe: 6 * mm,
  });
  /** Bounding boxes of every closed outline (subpath) of every path usvg drew. */
  const outlines = (usvg: string) =>
    [...usvg.matchAll(/ d="([^"]*)"/g)].flatMap((m) =>
      m[1]!.split(/(?=M)/).map((sub) => {
        const n = (sub.match(/-?[\d.]+/g) ?? []).map(Number);
        const xs = n.filter((_, i) => i % 2 === 0);
        const ys = n.filter((_, i) => i % 2 === 1);
        return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
      }),
    );

  it('puts the front on the right of a left-to-right book, and on the left of a right-to-left one', () => {
    const ltr = layoutCoverSheet(sheet(10));
    expect(ltr.front.x).toBeGreaterThan(ltr.spine.x);
    expect(ltr.back.x).toBeLessThan(ltr.spine.x);
    const rtl = layoutCoverSheet(sheet(10, 'rtl'));
    expect(rtl.front.x).toBeLessThan(rtl.spine.x);
    expect(rtl.bleed.width / mm).toBeCloseTo(2 * 148 + 10 + 6, 6);
  });

  it('sets the spine text top to bottom, upright, when the spine takes it, and none on a thin one', async () => {
    // A title of 一 (a wide, flat glyph) then 丨 (a tall, narrow one): read top to bottom, 一 is above 丨.
    const probe = structuredClone(book);
    probe.meta.title = '一丨';
    probe.meta.publisher = '一';
    const s = sheet(12);
    const L = layoutCoverSheet(s);
    const onSpine = (usvg: string) => outlines(usvg).filter((b) => b.x0 > L.spine.x + 0.5 && b.x1 < L.spine.x + L.spine.width - 0.5);
    const glyphs = onSpine(await outlineSvgInEditionFonts(renderCoverSheetSvg(probe, strings['zh-Hant'], hant.fonts.families, s), hant)).sort((a, b) => a.y0 - b.y0);
    // 一 丨 of the title, then the publisher's 一 at the foot.
    expect(glyphs.length).toBe(3);
    const [first, second] = glyphs as [(typeof glyphs)[0], (typeof glyphs)[0]];
    expect(first.x1 - first.x0).toBeGreaterThan(first.y1 - first.y0); // 一, on top
    expect(second.y1 - second.y0).toBeGreaterThan(second.x1 - second.x0); // 丨, below it
    expect(first.y1).toBeLessThan(second.y0);
    const thin = sheet(minSpineForText / mm - 0.5);
    const T = layoutCoverSheet(thin);
    const none = outlines(await outlineSvgInEditionFonts(renderCoverSheetSvg(probe, strings['zh-Hant'], hant.fonts.families, thin), hant)).filter((b) => b.x0 > T.spine.x + 0.2 && b.x1 < T.spine.x + T.spine.width - 0.2);
    expect(none).toEqual([]);
  });
});

describe('running heads and folios', () => {
  const pdftotext = (file: string, page: number, x: number) =>
    execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-x', String(Math.round(x)), '-y', '0', '-W', String(Math.round(74 * mm)), '-H', String(Math.round(210 * mm)), file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  it.each(['ltr', 'rtl'] as const)('stand at the outer edge of each page in a %s book, and only on pages of running text', async (progression) => {
    const ed: Edition = { ...edition('zh-Hant'), pageProgression: progression };
    const doc = await PDFDocument.create();
    for (let i = 0; i < 4; i++) doc.addPage([148 * mm, 210 * mm]);
    const plan = planFurniture(
      [
        { kind: 'title', block: 'titlepage' },
        { kind: 'opener', block: 'intro' },
        { kind: 'text', block: 'intro' },
        { kind: 'text', block: 'intro' },
      ],
      new Map([['intro', '導言']]),
      '書名',
    );
    expect(plan.map((f) => f?.folio)).toEqual([undefined, undefined, '3', '4']);
    await drawFurniture(doc, plan, ed, 'A5', readFileSync(fontPath(ed.fonts, 'sans')));
    const file = join(temp, `furniture-${progression}.pdf`);
    writeFileSync(file, await doc.save());
    const halves = (page: number) => [pdftotext(file, page, 0), pdftotext(file, page, 74 * mm)];
    // A recto (odd folio) is on the right in a left-to-right book, on the left in a right-to-left one: its outer edge is that side.
    const recto = progression === 'ltr' ? 1 : 0;
    expect(halves(1)).toEqual(['', '']);
    expect(halves(2)).toEqual(['', '']);
    const three = halves(3);
    expect(three[recto]).toBe('導言3');
    expect(three[1 - recto]).toBe('');
    const four = halves(4);
    expect(four[1 - recto]).toBe('書名4');
    expect(four[recto]).toBe('');
  });
});

describe('the command line', () => {
  it('--press adds the press interior and the cover sheet, --booklet the booklet, to the default writers or the named ones', () => {
    const a = parseCli(['build', '--press', '--booklet', '--signature', '16', '--paper-thickness', '0.12', '--page-size', 'half-letter']);
    expect(a).toMatchObject({ formats: undefined, addFormats: ['press', 'cover-sheet', 'booklet'], press: { signature: 16, paperThickness: 0.12 }, pageSize: 'HalfLetter' });
    expect(parseCli(['build', '--formats', 'pdf', '--booklet'])).toMatchObject({ formats: ['pdf'], addFormats: ['booklet'], press: { signature: 4, paperThickness: 0.1 } });
  });
});

describe('without Ghostscript', () => {
  it('stops with one line that says how to get it', () => {
    let e: unknown;
    try {
      findGhostscript({ GS_PATH: '/nowhere/gs' });
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(BookError);
    expect((e as BookError).code).toBe('tool');
    expect((e as BookError).format()).toMatch(/^GS_PATH is 「\/nowhere\/gs」, which is not an executable file\. Fix: run `npm run setup`/);
    expect((e as BookError).format()).not.toContain('\n');
  });
});

describe('the file identifier of a PDF/X file', () => {
  const ours: [string, string] = ['0123456789abcdef0123456789abcdef', 'fedcba9876543210fedcba9876543210'];
  const pdf = (id: string) => Buffer.from(`%PDF-1.4\n1 0 obj\n<< >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R\n${id}\n>>\nstartxref\n30\n%%EOF\n`, 'latin1');
  const expected = pdf('/ID [<0123456789ABCDEF0123456789ABCDEF><FEDCBA9876543210FEDCBA9876543210>]');

  it('replaces Ghostscript\'s, hex or literal, by ours, and keeps what comes before the trailer', () => {
    // As Ghostscript writes it: hex strings, or literal ones with octal escapes (seen once in about ten builds), even a nested pair of parentheses.
    for (const theirs of ['/ID [<9F1C0A7E5B3D2C1B0A9F8E7D6C5B4A39><9F1C0A7E5B3D2C1B0A9F8E7D6C5B4A39>]', '/ID [(f6gz~\\013`\\277\\002+T\\267qx\\367X)(f6gz~\\013`\\277\\002+T\\267qx\\367X)]', '/ID [ (a(b)\\)c) (d) ]']) {
      const out = setFileIdentifier(pdf(theirs), ours);
      expect(out.toString('latin1')).toBe(expected.toString('latin1'));
    }
  });

  it('says so when the trailer has no /ID', () => {
    expect(() => setFileIdentifier(pdf('/Info 2 0 R'), ours)).toThrow(/no \/ID/);
  });
});
