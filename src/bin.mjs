#!/usr/bin/env node
// The `transcript-press` command (package.json "bin"): the TypeScript CLI,
// run in this process through tsx's loader (a runtime dependency), so that
// `npx transcript-press`, a global install and `npm ci --omit=dev` all work
// without a folder of compiled output.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
