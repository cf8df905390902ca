#!/usr/bin/env node
// The `transcript-press` command (package.json "bin"): the TypeScript CLI,
// run in this process through tsx (a runtime dependency), so that
// `npx transcript-press`, a global install and `npm ci --omit=dev` all work
// without a folder of compiled output.
//
// tsx's ES module loader runs its hooks in a thread of their own, which takes
// a fifth of a second to start. `--help` and `--version` (and `help`) need
// only the option definitions (./cli-args.ts, which imports nothing heavy):
// they are read through tsx's CommonJS hook, in this thread, and answered
// from there; anything else the parser says goes to ./cli.ts, which parses
// again and runs it (a usage error included, so there is one error path).
const argv = process.argv.slice(2);
const asksHelpOrVersion = argv.length === 0 || argv[0] === 'help' || argv.some((a) => ['--help', '-h', '--version', '-V'].includes(a));

let answered = false;
if (asksHelpOrVersion) {
  const [{ register }, { createRequire }] = await Promise.all([import('tsx/cjs/api'), import('node:module')]);
  // tsx's global CommonJS hook (its `require` API would name every run anew, and miss its cache of compiled files).
  const unregister = register();
  /** @type {typeof import('./cli-args.ts')} */
  let cli;
  try {
    cli = createRequire(import.meta.url)('./cli-args.ts');
  } catch {
    // Whatever went wrong here, ./cli.ts says it properly.
  } finally {
    unregister();
  }
  if (cli) {
    let parsed;
    try {
      parsed = cli.parseCli(argv);
    } catch {
      // A usage error: ./cli.ts reports it.
    }
    if (parsed?.command === 'help') {
      process.stdout.write(`${cli.helpText(parsed.topic)}\n`);
      answered = true;
    } else if (parsed?.command === 'version') {
      process.stdout.write(`${cli.versionText()}\n`);
      answered = true;
    }
  }
}

if (!answered) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
