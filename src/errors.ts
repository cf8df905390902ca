// The closed set of errors a user can cause. Each carries where (file:line),
// what was found and how to fix it; the CLI prints one line and exits with
// the code below. Anything else is a bug and shows a stack trace.

export type ErrorCode = 'input' | 'usage' | 'browser' | 'tool' | 'check' | 'output' | 'busy';

export const exitCodes: Record<ErrorCode, number> = {
  input: 65, // EX_DATAERR
  usage: 64, // EX_USAGE
  browser: 69, // EX_UNAVAILABLE
  tool: 69, // EX_UNAVAILABLE: another program a writer needs (Ghostscript)
  check: 70,
  /** The machine cannot take the outputs: a read-only or full disk, no permission, a name too long. */
  output: 73, // EX_CANTCREAT
  /** Another build is writing into the same --out: run again when it is done. */
  busy: 75, // EX_TEMPFAIL
};

export interface Place {
  file: string;
  line?: number;
  column?: number;
}

export class BookError extends Error {
  readonly code: ErrorCode;
  readonly place: Place | undefined;
  readonly fix: string;

  constructor(code: ErrorCode, message: string, fix: string, place?: Place) {
    super(message);
    this.name = 'BookError';
    this.code = code;
    this.place = place;
    this.fix = fix;
  }

  /** `file:line:col: message. Fix: …` — the one line the CLI prints. */
  format(): string {
    const where = this.place
      ? [this.place.file, this.place.line, this.place.column].filter((x) => x !== undefined).join(':') + ': '
      : '';
    // One line, whatever the message quotes: a line break in a quoted value is shown, not obeyed.
    return `${where}${this.message} Fix: ${this.fix}`.replace(/\r?\n/g, '⏎');
  }
}

export const inputError = (message: string, fix: string, place?: Place) =>
  new BookError('input', message, fix, place);
