// Characters no book may contain. XML 1.0 forbids the C0 controls (but tab,
// line feed, carriage return) outright, so one of them in the text made an
// EPUB that no reader opens; DEL and the C1 controls are invisible and
// discouraged in XML and HTML alike; noncharacters and lone surrogates are not
// text at all. None of them can be printed, so none is passed on silently.

export interface FoundCharacter {
  /** UTF-16 offset in the text. */
  index: number;
  codePoint: number;
}

// Tab and line feed are layout; carriage returns are gone once text is read (io/text.ts).
// The last two code points of every plane are noncharacters; \p{Cs} matches only a surrogate without its pair.
const planeEnds = Array.from({ length: 16 }, (_, i) => `\\u{${(i + 1).toString(16)}fffe}\\u{${(i + 1).toString(16)}ffff}`).join('');
const forbidden = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\ufdd0-\\ufdef\\ufffe\\uffff${planeEnds}]|\\p{Cs}`, 'u');

/** The first character of `text` that no book may contain, if any. */
export function findForbiddenCharacter(text: string): FoundCharacter | undefined {
  const m = forbidden.exec(text);
  return m ? { index: m.index, codePoint: m[0].codePointAt(0)! } : undefined;
}

/** U+0001 and the name a reader would know it by, for messages. */
export function describeCodePoint(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return `the control character ${hex}`;
  if (cp >= 0xd800 && cp <= 0xdfff) return `a lone surrogate ${hex}`;
  return `the noncharacter ${hex}`;
}
