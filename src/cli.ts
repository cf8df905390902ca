// The command line: parse, then load only what the command needs and run it.
// A user's mistake is one line and an exit code; a stack trace only with
// --debug. `--help` and `--version` load nothing heavy and answer at once.
import { BookError, exitCodes } from './errors.js';
import { helpText, parseCli, versionText, type Options } from './cli-args.js';

async function run(options: Options): Promise<number> {
  switch (options.command) {
    case 'build': {
      const { runBuild } = await import('./build.js');
      await runBuild(options);
      return 0;
    }
    case 'clean': {
      const { runClean } = await import('./clean/run-clean.js');
      const { edits } = await runClean(options.content);
      if (options.verbosity !== 'quiet') process.stderr.write(`clean: ${options.content}/manuscript.md written, ${edits} edits recorded in edits.json\n`);
      return 0;
    }
    case 'new': {
      const { runNew } = await import('./new-book.js');
      await runNew(options);
      return 0;
    }
    case 'preview': {
      const { runPreview } = await import('./preview/server.js');
      await runPreview(options);
      return 0;
    }
  }
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const parsed = parseCli(argv);
    if (parsed.command === 'help') {
      process.stdout.write(`${helpText(parsed.topic)}\n`);
      return 0;
    }
    if (parsed.command === 'version') {
      process.stdout.write(`${versionText()}\n`);
      return 0;
    }
    return await run(parsed);
  } catch (caught) {
    // A disk that is full or read-only is the user's to fix, not a bug: one line, like bad input.
    const e = caught instanceof BookError ? caught : ((await import('./io/fs-errors.js')).fileSystemError(caught) ?? caught);
    if (e instanceof BookError) {
      process.stderr.write(`error: ${e.format()}\n`);
      if (debug) process.stderr.write(`${(caught as Error).stack}\n`);
      return exitCodes[e.code];
    }
    process.stderr.write(debug ? `${(e as Error).stack ?? e}\n` : `internal error: ${(e as Error).message} (run again with --debug for the stack trace, and report it)\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
