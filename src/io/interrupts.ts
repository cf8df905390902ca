// Ctrl-C (SIGINT), kill (SIGTERM) and a closed terminal (SIGHUP): a build
// that is stopped stops its browser and removes its temporary folders and
// its lock before it exits, so that nothing of it is left behind. Node's
// default would exit at once and skip every `finally`. (SIGKILL cannot be
// caught: for that, Chromium is started so that it dies with the build, see
// io/browser.ts, and the next build removes what is left in --out.)

/** What to undo, synchronously: there is no waiting once a signal has come. */
export type Cleanup = () => void;

const cleanups = new Set<Cleanup>();
const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
type Handled = keyof typeof signalNumbers;

function onSignal(signal: Handled): void {
  // Last registered, first undone: a folder inside another goes before it.
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // Undo what can be undone; one failure must not keep the rest.
    }
  }
  cleanups.clear();
  process.stderr.write(`stopped by ${signal}: the browser is stopped, temporary files are removed, and nothing in --out was replaced.\n`);
  process.exit(128 + signalNumbers[signal]);
}

const handlers = new Map<Handled, () => void>();

/** Run `cleanup` if the process is stopped by a signal; the returned function unregisters it. */
export function onInterrupt(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  if (handlers.size === 0) {
    for (const signal of Object.keys(signalNumbers) as Handled[]) {
      const handler = () => onSignal(signal);
      handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }
  return () => {
    cleanups.delete(cleanup);
    // With nothing to undo, the signals get their default meaning back.
    if (cleanups.size === 0) {
      for (const [signal, handler] of handlers) process.off(signal, handler);
      handlers.clear();
    }
  };
}
