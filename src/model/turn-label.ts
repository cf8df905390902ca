// The one rule for what opens a speaker's turn, shared by the cleaner (which
// writes manuscripts) and the reader (which reads them), so the two can never
// disagree about who is speaking.
//
// A paragraph *opens like a label* when the text before its first colon
// (full-width 「：」 or half-width 「:」) holds no sentence punctuation: a
// name, of any length, with or without spaces, Latin letters or digits, and
// optionally in the editor's 〔〕. Real speech almost always has a comma or a
// stop before its first colon (「我認爲，…領域：」); names never do. So:
// - a label that is a speaker's name or alias, then 「：」, then speech, opens
//   that speaker's turn;
// - any other label-like opening is a mistake to report (in a conversation),
//   never a paragraph silently added to the previous speaker's turn.
// Two half-width cases are not labels: 「https://」 and 「10:30」 / 「3:1」.

/** Characters that end a sentence or clause, or open a quotation: none can be inside a name. */
const sentencePunctuation = /[，。！？、；「」『』“”‘’（）()《》〈〉…—,;!?"]/u;

export type Opening =
  /** A turn: the speaker's name as written, whether the editor supplied it (〔〕), and the speech. */
  | { kind: 'turn'; name: string; attributed: boolean; speech: string }
  /**
   * Opens like a label but is not a valid one. `name` is the would-be name;
   * `known` says whether it is a speaker's name or alias (a part where one
   * appears is a conversation, even if the label is malformed).
   */
  | { kind: 'bad-label'; name: string; known: boolean; message: string; fix: string }
  /** Plain text: not a label at all. */
  | { kind: 'text' };

const quote = (s: string) => `「${s}」`;

/**
 * Classify how a paragraph opens. `names` are every speaker's name and
 * aliases. `literalColon` is false when the manuscript wrote the first colon
 * as an escape (`&#xFF1A;`, `\:`): such a paragraph is plain text by choice.
 */
export function readOpening(text: string, names: readonly string[], literalColon = true): Opening {
  const at = text.search(/[：:]/u);
  if (at <= 0 || !literalColon) return { kind: 'text' };
  const colon = text[at]!;
  if (colon === ':' && /^(\/\/|\d)/.test(text.slice(at + 1))) return { kind: 'text' };
  const head = text.slice(0, at);
  if (sentencePunctuation.test(head) || !/[\p{L}\p{N}]/u.test(head)) return { kind: 'text' };

  const open = head.startsWith('〔');
  const close = head.trimEnd().endsWith('〕');
  const name = head.replace(/^〔/, '').replace(/〕\s*$/, '');
  const known = names.includes(name) || names.includes(name.trim());
  const speech = text.slice(at + 1).trim();
  const label = `${head}${colon}`;
  const bad = (message: string, fix: string): Opening => ({ kind: 'bad-label', name: name.trim(), known, message, fix });
  const suggestion = `「${name.trim()}：」`;

  if (open !== close) {
    return bad(`the label ${quote(label)} has an unpaired 〔 or 〕.`, `write 〔name〕： for a speaker the editor supplies, or name： without brackets.`);
  }
  if (!known) {
    return bad(
      `${quote(label)} opens the paragraph like a turn label, but ${quote(name.trim())} is not a speaker or an alias.`,
      `use one of ${names.map(quote).join(' ')}, or add ${quote(name.trim())} to a speaker's \`aliases\`; if it is a heading, write it as \`## ${head.trim()}${colon}…\`; if the paragraph goes on with the previous speaker, write its colon as \`&#xFF1A;\`.`,
    );
  }
  if (name !== name.trim() || head !== head.trimEnd()) {
    return bad(`the label ${quote(label)} has a space before its colon or inside 〔〕.`, `write ${suggestion} with no space before the colon.`);
  }
  if (colon === ':') {
    return bad(`the label ${quote(label)} ends in a half-width colon.`, `write ${suggestion} with the full-width colon 「：」.`);
  }
  if (speech === '') {
    return bad(
      `the paragraph is only the label ${quote(label)}, with no speech after it.`,
      'put the speech on the same line, after the colon (a turn starts with its label and its first words).',
    );
  }
  return { kind: 'turn', name, attributed: open, speech };
}

/**
 * Whether the first colon of a paragraph's Markdown source is written as a
 * colon, rather than escaped (`\:`) or as a character reference
 * (`&#xFF1A;`, `&#65306;`, `&#x3A;`, `&#58;`, `&colon;`).
 */
export function firstColonIsLiteral(markdown: string): boolean {
  const m = /\\:|&(?:#x0*(?:ff1a|3a)|#0*(?:65306|58)|colon);|[：:]/iu.exec(markdown);
  return m === null || m[0] === '：' || m[0] === ':';
}

/**
 * The name a paragraph would give as a speaker's label, by the same rule, if
 * that name were a speaker: for drafting a new book's speakers from a raw
 * scrape (「Mark Zuckerberg：…」 is a candidate; 「我認爲，…：」 is not).
 */
export function labelCandidate(text: string): string | undefined {
  const opening = readOpening(text, []);
  if (opening.kind !== 'bad-label' || opening.name === '') return undefined;
  const asSpeaker = readOpening(text, [opening.name]);
  return asSpeaker.kind === 'turn' && !asSpeaker.attributed ? asSpeaker.name : undefined;
}
