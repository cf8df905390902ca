// Failures of the machine rather than of the book (a read-only or full disk,
// a name too long, no permission): a user's problem with a cause and a fix,
// in one line, not an internal error with a stack trace.
import { BookError } from '../errors.js';

const causes: Record<string, { what: string; fix: string }> = {
  EACCES: { what: 'permission denied', fix: 'choose a folder you can write to with --out, or change its permissions.' },
  EPERM: { what: 'operation not permitted', fix: 'choose a folder you can write to with --out, or change its permissions.' },
  EROFS: { what: 'the file system is read-only', fix: 'choose --out on a disk that can be written to.' },
  ENOSPC: { what: 'the disk is full', fix: 'free some space, or choose --out on another disk.' },
  EDQUOT: { what: 'the disk quota is used up', fix: 'free some space, or choose --out on another disk.' },
  EFBIG: { what: 'the file is too large for the file system', fix: 'choose --out on another disk.' },
  ENAMETOOLONG: { what: 'a file name is too long for the file system', fix: 'choose a shorter path with --out (or --manuscript).' },
  ENOTDIR: { what: 'part of the path is a file, not a folder', fix: 'check the path given with --out (or --manuscript).' },
  ELOOP: { what: 'the path goes round in a loop of symbolic links', fix: 'check the path given with --out (or --manuscript).' },
  EMFILE: { what: 'too many files are open', fix: 'raise the limit (`ulimit -n`) or close other programs, and run again.' },
  ENFILE: { what: 'the system has too many files open', fix: 'close other programs, and run again.' },
  EIO: { what: 'the disk reported an input/output error', fix: 'check the disk, or choose --out on another one.' },
};

/** What an errno means for the user, and what to do, if it is the machine's doing. */
export const errnoCause = (code: string | undefined): { what: string; fix: string } | undefined => (code === undefined ? undefined : causes[code]);

/** The errno of a failed file operation, if `e` is one. */
const codeOf = (e: unknown): string | undefined => (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' ? (e as NodeJS.ErrnoException).code : undefined);

/** One line for a file system failure caused by the machine, or undefined for anything else (a bug keeps its stack trace). */
export function fileSystemError(e: unknown): BookError | undefined {
  const code = codeOf(e);
  const cause = code === undefined ? undefined : causes[code];
  if (!cause) return undefined;
  const err = e as NodeJS.ErrnoException & { dest?: string };
  const path = err.path ?? err.dest;
  return new BookError('output', `${err.syscall ? `${err.syscall} ` : ''}failed: ${cause.what} (${code}).`, `${cause.fix} Earlier outputs are as they were.`, path ? { file: path } : { file: 'file system' });
}
