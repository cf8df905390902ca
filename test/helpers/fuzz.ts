// Seeded mutations of a manuscript, and a reference parse of who speaks,
// written apart from src/read so that the two can disagree.

/** mulberry32: a small, seeded, well-mixed PRNG; the same seed gives the same mutations everywhere. */
export function makeRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a careless or hostile manuscript might hold: markup, controls, ids, labels, characters the fonts lack. */
export const snippets = [
  '<', '>', '&', '<b>', '</p>', ']]>', '&#1;', '&lt;', '<!-- c -->', '<script>x</script>', 'AI <-> 人',
  '*', '**', '_', ' _斜体_ ', '`', '[链接](https://example.com)', '![图](x.png)', '<https://example.com>', '\\', '  \n',
  '\n', '\n\n', '# ', '## ', '### ', '#', '> ', '> [!NOTE]\n> ', '\n> [!GAP]\n', '- ', '1. ', '\n---\n', '---', '***', '    ', '\t', '\n    ',
  ' {#toc}', ' {#talk-p1}', ' {#my questions}', ' {#cover}', ' {#x}', '{#',
  '\u0001', '\u007f', '\u0085', '\u200b', '\ufeff', '\u2028', '\ufffe',
  '𠀀', '🎉', '\u{1F468}\u200d\u{1F469}', 'é', '\u0301',
  '：', ':', '〔', '〕', '（', '）', '（笑）', '（掌声）', '（', '「', '」', '“', '”', '"', "'", '……', '——', '｜',
  '店主：', '老板：', '林青：', '小林：', '周明：', '〔店主〕：', '〔周明〕：', '店主:', '店主：\n\n', '陌生人：', '〔陌生人〕：', '店 主：',
];

/** Values a front-matter field might be given. */
export const fieldValues = [
  '""', '"  "', 'AI <-> 人', '"A & B"', '"\\x01"', '"2024-13-45"', '"2024-02-30"', '"2024-02-29"', '2024-05-01', '"店 主"', '"店主：甲"',
  '[a, b]', '{ a: 1 }', '*a', '&a x', '"𠀀"', '"🎉"', 'null', '123', '"<script>"', '"x\\ny"',
];

export interface Mutation {
  text: string;
  /** What was done, for the failure message. */
  what: string;
}

/** One mutation of `text`, chosen by `random`. */
export function mutate(text: string, random: () => number): Mutation {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const at = () => Math.floor(random() * (text.length + 1));
  const lines = text.split('\n');
  const lineAt = () => Math.floor(random() * lines.length);
  switch (pick(['insert', 'insert', 'insert', 'lineStart', 'lineStart', 'delete', 'dropLine', 'copyLine', 'swapLines', 'field'] as const)) {
    case 'insert': {
      const i = at();
      const s = pick(snippets);
      return { text: text.slice(0, i) + s + text.slice(i), what: `insert ${JSON.stringify(s)} at ${i}` };
    }
    case 'lineStart': {
      const n = lineAt();
      const s = pick(snippets);
      lines[n] = s + lines[n];
      return { text: lines.join('\n'), what: `insert ${JSON.stringify(s)} at the start of line ${n + 1}` };
    }
    case 'delete': {
      const i = at();
      const n = 1 + Math.floor(random() * 12);
      return { text: text.slice(0, i) + text.slice(i + n), what: `delete ${n} characters at ${i}` };
    }
    case 'dropLine': {
      const n = lineAt();
      lines.splice(n, 1);
      return { text: lines.join('\n'), what: `delete line ${n + 1}` };
    }
    case 'copyLine': {
      const n = lineAt();
      lines.splice(n, 0, lines[n]!);
      return { text: lines.join('\n'), what: `repeat line ${n + 1}` };
    }
    case 'swapLines': {
      const a = lineAt();
      const b = lineAt();
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return { text: lines.join('\n'), what: `swap lines ${a + 1} and ${b + 1}` };
    }
    case 'field': {
      // A scalar in the front matter (`key: value` or `name: value,` inside a flow map).
      const end = text.indexOf('\n---', 4);
      const spots = [...text.slice(0, end).matchAll(/(\b(?:title|subtitle|name|place|date|published|publisher|rights|role|id|aliases)): ([^,}\n]+)/g)];
      const m = pick(spots);
      const v = pick(fieldValues);
      const i = m.index + m[1]!.length + 2;
      return { text: text.slice(0, i) + v + text.slice(i + m[2]!.length), what: `set ${m[1]} to ${v} (was ${m[2]})` };
    }
  }
}

export interface SpeakerNames {
  /** name or alias → speaker id */
  names: Map<string, string>;
}

/** A turn as the reference sees it: who, and how many paragraphs. */
export interface RefTurn {
  speaker: string;
  paragraphs: number;
}

/**
 * Who speaks, read the way a person reads the manuscript: a paragraph that
 * starts with a known name or alias and a full-width colon (〔…〕 around the
 * name allowed) opens that speaker's turn; a paragraph without one continues
 * it; a heading or an editor's note ends it. Only parts with at least one
 * such paragraph are conversations. Paragraphs are runs of non-blank lines.
 */
export function referenceTurns(manuscript: string, names: Map<string, string>): RefTurn[] {
  const body = manuscript.replace(/^---\n[\s\S]*?\n---\n/, '');
  // Blocks are runs of non-blank lines. A `#` line or a line that is an HTML
  // comment is a block of its own; a `>` line starts a note, which takes only `>` lines.
  const blocks: string[] = [];
  let open = false;
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    const last = blocks.at(-1);
    if (line === '') open = false;
    else if (/^#{1,6}(\s|$)/.test(line) || /^<!--.*-->$/.test(line)) {
      blocks.push(line);
      open = false;
    } else if (open && last !== undefined && line.startsWith('>') === last.startsWith('>')) blocks[blocks.length - 1] += `\n${line}`;
    else {
      blocks.push(line);
      open = true;
    }
  }
  const speakerOf = (block: string): string | undefined => {
    for (const [name, id] of names) {
      if (block.startsWith(`${name}：`) || block.startsWith(`〔${name}〕：`)) return id;
    }
    return undefined;
  };
  const parts: string[][] = [];
  for (const b of blocks) {
    if (/^# /.test(b)) parts.push([]);
    else parts.at(-1)?.push(b);
  }
  const turns: RefTurn[] = [];
  for (const part of parts) {
    if (!part.some((b) => speakerOf(b) !== undefined)) continue;
    let current: RefTurn | undefined;
    for (const b of part) {
      if (/^<!--.*-->$/.test(b)) continue; // comments are not text
      const who = speakerOf(b);
      if (/^#{1,6}(\s|$)/.test(b) || b.startsWith('>')) current = undefined;
      else if (who !== undefined) turns.push((current = { speaker: who, paragraphs: 1 }));
      else if (current) current.paragraphs++;
    }
  }
  return turns;
}

/** The same from the builder's book model (its JSON). */
export function modelTurns(book: { parts: { kind: string; blocks: { type: string; speaker?: string; paragraphs?: unknown[] }[] }[] }): RefTurn[] {
  return book.parts.flatMap((p) =>
    p.blocks.flatMap((b) => (b.type === 'turn' ? [{ speaker: b.speaker!, paragraphs: b.paragraphs!.length }] : [])),
  );
}
