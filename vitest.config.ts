import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Building PDFs and running epubcheck take seconds, not milliseconds.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    // The builds several files read, made once per run (test/helpers/shared-build.ts).
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
