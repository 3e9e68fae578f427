import { defineConfig } from 'vitest/config';

// End-to-end: the built app in Debian's headless Chromium against the real API on the offline snapshot.
// One file at a time: the machine has two cores and the API runs beside the browser.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The first answers wait for the offline snapshot to load (seconds on a loaded machine).
    expect: { poll: { timeout: 20_000 } },
  },
});
