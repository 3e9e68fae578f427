import { defineConfig } from 'vitest/config';

// Unit tests of the app's own logic (no browser): URL state, timeline grouping, error wording.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
});
