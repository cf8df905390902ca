// The closed set of errors a user can cause. Each carries where (file:line),
// what was found and how to fix it; the CLI prints one line and exits with
// the code below. Anything else is a bug and shows a stack trace.

export type ErrorCode = 'input' | 'usage' | 'browser' | 'tool' | 'check';

export const exitCodes: Record<ErrorCode, number> = {
  input: 65, // EX_DATAERR
  usage: 64, // EX_USAGE
  browser: 69, // EX_UNAVAILABLE
  tool: 69, // EX_UNAVAILABLE: another program a writer needs (Ghostscript)
  check: 70,
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
    return `${where}${this.message} Fix: ${this.fix}`;
  }
}

export const inputError = (message: string, fix: string, place?: Place) =>
  new BookError('input', message, fix, place);
