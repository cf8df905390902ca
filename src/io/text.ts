import { inputError } from '../errors.js';

/**
 * Decode bytes as UTF-8, refusing anything else: a scrape saved in Big5 or
 * GB18030 would otherwise turn into mojibake that no later stage can detect.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const line = countLines(bytes, bad);
    const hex = Array.from(bytes.slice(bad, bad + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw inputError(
      `not UTF-8: invalid byte sequence ${hex} at byte ${bad}.`,
      'convert the file to UTF-8 (for example `iconv -f BIG5 -t UTF-8`) and run again.',
      { file, line },
    );
  }
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return i;
}
