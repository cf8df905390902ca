#!/usr/bin/env node
// The command line: parse options, run, print progress and errors. A user's
// mistake is one line and an exit code; a stack trace only with --debug.
import { BookError, exitCodes } from './errors.js';
import { helpText, parseCli } from './cli-args.js';
import { runBuild } from './build.js';
import { runClean } from './clean/run-clean.js';

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const options = parseCli(argv);
    if (options === 'help') {
      console.log(helpText);
      return 0;
    }
    if (options.command === 'clean') {
      const { edits } = await runClean(options.content);
      console.log(`clean: ${options.content}/manuscript.md written, ${edits} edits recorded in edits.json`);
      return 0;
    }
    await runBuild(options, (line) => console.log(line));
    return 0;
  } catch (e) {
    if (e instanceof BookError) {
      console.error(`error: ${e.format()}`);
      if (debug) console.error(e.stack);
      return exitCodes[e.code];
    }
    console.error(debug ? e : `internal error: ${(e as Error).message} (run again with --debug for the stack trace, and report it)`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
