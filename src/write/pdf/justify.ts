// The justification pass, run on the loaded print page before it is
// paginated. Chromium justifies a line that cannot take its next unbreakable
// unit (a Latin word, 「SIGGRAPH。」) by spreading every gap in it, up to a
// quarter of an em; and it may leave a paragraph's last line holding one
// character and its stop (孤字). A production editor fixes both by hand, by
// tightening or loosening the tracking of that one paragraph a little
// (擠字、撐字), so that its lines break elsewhere. This pass does the same:
// it measures every justified line from the characters' own boxes, tries a
// few tracking steps on each paragraph that has a loose line or a 孤字,
// and keeps the smallest step that cures it (or the best one found).
//
// Paragraphs break their lines independently of one another and of page
// breaks, so all of them are tried at once, one step per round.
import type { Page } from 'puppeteer';
import { setPageMode, setPageModes } from './paginate.js';

/**
 * A line spread by more than this (em per gap between ideographs) is loose.
 * The book's limit is 0.08 em, as read back from the PDF (test/typography);
 * Chromium's own boxes differ from the printed glyphs by a few thousandths,
 * so the pass aims a little lower.
 */
export const maxSpread = 0.07;

/**
 * The adjustments tried, in order, as classes of styles/print.css: tracking
 * in hundredths of an em, the gentlest tightening first, then loosening
 * (which pushes a 孤字's partner down, or a loose line's word on), then
 * stronger tightening; last, wider spaces between Chinese and Latin text
 * (中西間距), in quarters of an em — the typesetter's remedy for a line that
 * cannot take the next Latin word and has no other slack to give; then the
 * two together.
 */
const tracks = ['track-n1', 'track-n2', 'track-p1', 'track-n3', 'track-p2', 'track-n4', 'track-p3', 'track-n5'];
// Wider than half an em, a space beside a Latin word reads as a hole in the line.
const spaces = ['space-p1', 'space-p2'];
/** Last resorts, for a paragraph nothing gentler cures. */
const strong = ['track-n6', 'track-p4'];
export const fits: readonly string[] = [...tracks, ...spaces, ...spaces.flatMap((sp) => tracks.map((tr) => `${tr} ${sp}`)), ...strong];
const fitClasses = [...new Set(fits.flatMap((f) => f.split(' ')))];

export interface JustifyReport {
  /** Loose lines (spread > maxSpread) and 孤字, before and after the pass. */
  before: { loose: number; orphans: number };
  after: { loose: number; orphans: number };
  /** Paragraph id → the class of its adjustment (one of `fits`). */
  tracking: Map<string, string>;
  rounds: number;
}

/**
 * Lay the page out as one column of the text block's width (html.justifying
 * in styles/print.css), or back. Lines break there exactly as on the pages;
 * and a paragraph that changes moves only what follows it, where page-sized
 * columns would be cut again from the changed paragraph to the end of the
 * book, at every step tried.
 */
export const setJustifying = (page: Page, on: boolean) => setPageMode(page, 'justifying', on);

/**
 * Chromium's print layout and its screen layout of the same block can
 * differ by up to a pixel (seen in the 凡例's hanging items), enough to
 * move a character at a line's end. So every paragraph is measured twice, a
 * hair narrower and a hair wider than the text block, and judged by the
 * worse: what is cured is cured in print too.
 */
const slackPx = 1;

/**
 * Find an adjustment for every paragraph with a loose line or a 孤字. The
 * page is laid out as one column for the while (setJustifying), and left
 * with the chosen classes in its plain layout, or in the layout mode `next`
 * (the page is laid out once, not plain and then again). The search runs in
 * the page, in one call: tens of rounds of "track, lay out, measure" would
 * otherwise each wait for Node, which in a build is busy with the other
 * editions.
 */
export async function fixJustification(page: Page, next?: string): Promise<JustifyReport> {
  // Under tsx (esbuild's keepNames), the named helpers below are wrapped in a __name() the page does not have: give it one.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await setJustifying(page, true);
  try {
    const r = await page.evaluate(chooseAdjustments, { fits, fitClasses, maxSpread, slackPx });
    return { before: r.before, after: r.after, tracking: new Map(r.tracking), rounds: r.rounds };
  } finally {
    await setPageModes(page, next ? { justifying: false, [next]: true } : { justifying: false });
  }
}

/** In the page: the search (every paragraph measured, each faulty one tried with `fits` in order, one step a round). */
function chooseAdjustments(opts: { fits: readonly string[]; fitClasses: string[]; maxSpread: number; slackPx: number }) {
  type Lines = { id: string; spreads: number[]; orphan: boolean };
  const han = /\p{Script=Han}/u;

  /**
   * How much wider than the text block the whole page is laid out (px): the
   * first measure leaves it a hair narrower, so that the rounds' narrower
   * measures need no relayout of their own. None when the search ends.
   */
  let slack = 0;
  const setSlack = (px: number) => {
    if (px === slack) return;
    slack = px;
    const root = document.documentElement;
    if (px !== 0) root.style.setProperty('--justify-slack', `${px}px`);
    else {
      root.style.removeProperty('--justify-slack');
      // As it was: no style attribute left behind (the page that prints is the renderer's HTML).
      if (root.getAttribute('style') === '') root.removeAttribute('style');
    }
  };

  /**
   * Measure the lines of the justified paragraphs (all of them, or those with
   * the given ids), each `widen` px wider (narrower if negative). The page
   * must be laid out at the text block's width (html.justifying).
   */
  const measureLines = (only: string[] | null, widen: number): Lines[] => {
    const out: Lines[] = [];
    // Horizontal lines run left to right and follow one another downwards;
    // vertical ones (writing-mode: vertical-rl) run down and follow one
    // another leftwards. `along` is a position along a line, `across` one
    // across the lines, growing in reading order.
    const vertical = getComputedStyle(document.body).writingMode.startsWith('vertical');
    const along = (r: DOMRect) => (vertical ? r.top : r.left);
    const across = (r: DOMRect) => (vertical ? -r.right : r.top);
    const bodyBox = document.body.getBoundingClientRect();
    const column = vertical ? bodyBox.height : bodyBox.width;
    const along0 = along(bodyBox);
    // A vertical edition's link targets carry their id on an empty span.anchor at their start (src/render/print-document.ts).
    const owner = (e: Element | null) => (e?.classList.contains('anchor') ? e.parentElement : e) as HTMLElement | null;
    const idOf = (e: HTMLElement) => e.id || (e.firstElementChild?.classList.contains('anchor') ? e.firstElementChild.id : '');
    const elements = only
      ? only.map((id) => owner(document.getElementById(id))).filter((e): e is HTMLElement => e !== null)
      : [...document.querySelectorAll<HTMLElement>('p[id], li[id], p > span.anchor:first-child, li > span.anchor:first-child')].map((e) => owner(e)!);
    // A few paragraphs are made wider than the block as it stands (by
    // `widen` px less its present slack) by their own inline-end margin, as a
    // wider text block would make them: only they break their lines again,
    // not the whole book. Every paragraph: the whole block, left so.
    const wider = widen - slack;
    const margins = wider === 0 || !only ? [] : elements.map((el) => [el, el.style.marginInlineEnd, parseFloat(getComputedStyle(el).marginInlineEnd) || 0] as const);
    for (const [el, , px] of margins) el.style.marginInlineEnd = `${px - wider}px`;
    if (!only) setSlack(widen);
    const range = document.createRange();
    for (const el of elements) {
      const style = getComputedStyle(el);
      if (style.textAlign !== 'justify' || el.offsetParent === null) continue;
      // A paragraph of one line has no justified line and no last line to orphan.
      const box = el.getBoundingClientRect();
      if ((vertical ? box.width : box.height) < 1.5 * parseFloat(style.lineHeight)) {
        out.push({ id: idOf(el), spreads: [], orphan: false });
        continue;
      }
      const em = parseFloat(style.fontSize);
      // Per line (a column and its place across the lines): the spreads of a few ideograph pairs, and the letters on it.
      const lines = new Map<number, { spreads: number[]; letters: number }>();
      const lineOf = (r: DOMRect) => {
        const key = Math.floor((along(r) - along0 + 0.5) / column) * 100000 + Math.round(across(r));
        for (const k of lines.keys()) if (Math.abs(k - key) <= 2) return lines.get(k)!;
        const line = { spreads: [] as number[], letters: 0 };
        lines.set(key, line);
        return line;
      };
      // Each text node's parts, a rect per line (one call a node), and the line each part is on.
      const parts: { node: Text; frags: DOMRect[]; lines: { spreads: number[]; letters: number }[] }[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        // Labels and references are set apart (inline blocks, another size): not the paragraph's own text.
        if (node.parentElement?.closest('.speaker, .tl-backref')) continue;
        if (!node.nodeValue) continue;
        range.selectNodeContents(node);
        const frags = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
        if (frags.length > 0) parts.push({ node, frags, lines: frags.map(lineOf) });
      }
      // The last line's spread is not asked for (it is not justified): no pairs measured on it.
      const lastLine = [...lines].sort((p, q) => p[0] - q[0]).at(-1)?.[1];
      for (const { node, frags, lines: on } of parts) {
        const text = node.nodeValue!;
        const n = text.length;
        // The boxes of single characters, each asked of Chromium once.
        const boxes = new Map<number, DOMRect | undefined>();
        const boxAt = (o: number) => {
          if (!boxes.has(o)) {
            range.setStart(node, o);
            range.setEnd(node, o + 1);
            boxes.set(o, range.getClientRects()[0]);
          }
          return boxes.get(o);
        };
        const topAt = (o: number) => {
          const r = boxAt(o);
          if (r) return across(r);
          range.setStart(node, o);
          range.setEnd(node, Math.min(o + 1, n));
          return across(range.getBoundingClientRect());
        };
        // Where each line's part of the node begins: the first character at or past its line, found by
        // galloping from a guess (the characters the previous part's length holds) and then halving, not a
        // box per character.
        const starts = [0];
        for (let j = 1; j < frags.length; j++) {
          const top = across(frags[j]!) - 2;
          const past = (o: number) => o >= n || topAt(o) >= top;
          let lo = starts[j - 1]! + 1;
          let hi = n;
          const length = vertical ? frags[j - 1]!.height : frags[j - 1]!.width;
          // Full-width characters take an em, others (Latin, digits, spaces) about half.
          let guess = starts[j - 1]!;
          for (let room = length / em; guess < n; guess++) {
            const code = text.charCodeAt(guess);
            room -= code >= 0x2e80 ? 1 : 0.5;
            if (room < 0) break;
          }
          guess = Math.min(n, Math.max(lo, guess));
          if (past(guess)) {
            hi = guess;
            for (let step = 1; hi - step >= lo; step *= 2) {
              if (!past(hi - step)) {
                lo = hi - step + 1;
                break;
              }
              hi -= step;
            }
          } else {
            lo = guess + 1;
            for (let step = 1; lo + step - 1 < hi; step *= 2) {
              if (past(lo + step - 1)) {
                hi = lo + step - 1;
                break;
              }
              lo += step;
            }
          }
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (past(mid)) hi = mid;
            else lo = mid + 1;
          }
          starts.push(lo);
        }
        starts.push(n);
        for (let j = 0; j < frags.length; j++) {
          const line = on[j]!;
          const part = text.slice(starts[j], starts[j + 1]);
          line.letters += (part.match(/[\p{L}\p{N}]/gu) ?? []).length;
          if (line === lastLine) continue;
          // Chromium spreads every gap of a line alike: a few ideographs followed by another on the line
          // tell the line's spread, each by its box, which holds its advance and the gap after it (rounded
          // out to Chromium's layout unit, 1/64 px: the distance to the next one's box, to a thousandth of an em).
          let taken = 0;
          for (let i = starts[j]!; i + 1 < starts[j + 1]! && taken < 3; i++) {
            if (!han.test(text[i]!) || !han.test(text[i + 1]!)) continue;
            const a = boxAt(i);
            if (a) {
              line.spreads.push((vertical ? a.height : a.width) / em - 1);
              taken++;
            }
            i += 2;
          }
        }
      }
      if (lines.size === 0) continue;
      const ordered = [...lines].sort((p, q) => p[0] - q[0]).map(([, l]) => l);
      const spreads = ordered.slice(0, -1).map((l) => (l.spreads.length ? l.spreads.reduce((a, b) => a + b, 0) / l.spreads.length : 0));
      out.push({ id: idOf(el), spreads, orphan: ordered.length > 1 && ordered.at(-1)!.letters === 1 });
    }
    // As they were: no style attribute left behind (the page that prints is the renderer's HTML).
    for (const [el, inline] of margins) {
      el.style.marginInlineEnd = inline;
      if (el.getAttribute('style') === '') el.removeAttribute('style');
    }
    return out;
  };

  /**
   * Every paragraph (or the few given) a hair narrower and a hair wider; line
   * by line the worse of the two, lines only one of them has counting too.
   * The worse of the two is never better than the narrow one alone: given
   * `worthWidening`, a paragraph whose narrow measure it rejects is not
   * measured wide (and is left out of the answer).
   */
  const measureBoth = (ids: string[] | null, worthWidening: (narrow: Lines) => boolean = () => true): Lines[] => {
    let narrow: Lines[];
    let wide: Lines[];
    if (ids === null) {
      // The whole page wide, then narrow (and left narrow).
      wide = measureLines(null, opts.slackPx);
      narrow = measureLines(null, -opts.slackPx).filter(worthWidening);
    } else {
      // A few paragraphs narrow (as the page is), then wide.
      narrow = measureLines(ids, -opts.slackPx).filter(worthWidening);
      wide = measureLines(narrow.map((n) => n.id), opts.slackPx);
    }
    const wideOf = new Map(wide.map((p) => [p.id, p]));
    return narrow.map((n) => {
      const w = wideOf.get(n.id);
      if (!w) return n;
      const count = Math.max(n.spreads.length, w.spreads.length);
      const spreads = Array.from({ length: count }, (_, i) => Math.max(n.spreads[i] ?? -1, w.spreads[i] ?? -1));
      return { id: n.id, spreads, orphan: n.orphan || w.orphan };
    });
  };

  /** Set each paragraph's adjustment class ('' for none), replacing any other, last in its class list (as the renderer writes it). */
  const applyTracking = (entries: [string, string][]) => {
    for (const [id, cls] of entries) {
      // The paragraph, or, in a vertical edition, the paragraph whose anchor carries the id.
      const target = document.getElementById(id);
      const el = target?.classList.contains('anchor') ? target.parentElement : target;
      if (!el) continue;
      for (const c of [...el.classList]) if (opts.fitClasses.includes(c)) el.classList.remove(c);
      if (cls) el.classList.add(...cls.split(' '));
      if (el.classList.length === 0) el.removeAttribute('class');
    }
  };

  const looseLines = (p: Lines) => p.spreads.filter((s) => s > opts.maxSpread).length;
  const faults = (p: Lines) => looseLines(p) + (p.orphan ? 1 : 0);
  const worst = (p: Lines) => Math.max(0, ...p.spreads);
  /** Fewer faults, or as many with a worst line at least a hundredth of an em tighter. */
  const better = (p: Lines, than: Lines) => faults(p) < faults(than) || (faults(p) === faults(than) && faults(p) > 0 && worst(p) < worst(than) - 0.01);
  const count = (list: Lines[]) => ({ loose: list.reduce((n, p) => n + looseLines(p), 0), orphans: list.filter((p) => p.orphan).length });

  const first = measureBoth(null);
  const before = count(first);
  const bad = first.filter((p) => faults(p) > 0);
  const best = new Map<string, { step: string; lines: Lines }>(bad.map((p) => [p.id, { step: '', lines: p }]));
  let rounds = 0;
  let open = bad.map((p) => p.id);
  for (const step of opts.fits) {
    if (open.length === 0) break;
    rounds++;
    applyTracking(open.map((id) => [id, step]));
    // More faults, or a worse worst line, at either width are more in their worse: a step the narrow measure finds no better is not measured wide.
    for (const lines of measureBoth(open, (narrow) => better(narrow, best.get(narrow.id)!.lines))) {
      if (better(lines, best.get(lines.id)!.lines)) best.set(lines.id, { step, lines });
    }
    // A paragraph that is cured keeps its step and is not tried again.
    open = open.filter((id) => faults(best.get(id)!.lines) > 0);
  }
  const tracking = [...best].filter(([, b]) => b.step !== '').map(([id, b]): [string, string] => [id, b.step]);
  const chosen = new Map(tracking);
  // Leave every tried paragraph with its chosen step (or none), the page at the text block's width.
  applyTracking(bad.map((p) => [p.id, chosen.get(p.id) ?? '']));
  setSlack(0);
  const after = count(first.map((p) => best.get(p.id)?.lines ?? p));
  return { before, after, tracking, rounds };
}
