import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; integration tests (real SQLite file, real SMTP server, local Twilio endpoint,
// the real HTTP server) live in tests/integration. Playwright's e2e tests are run by `playwright test`.
export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'server/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.ts',
      'tests/integration/**/*.test.ts',
    ],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
