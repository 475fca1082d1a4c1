import { defineConfig } from '@playwright/test';

// The desktop app itself, driven by Playwright's `_electron` (npm run test:electron, after electron-vite build). Needs
// the Electron binary, which cannot be downloaded on the development sandbox (ELECTRON_SKIP_BINARY_DOWNLOAD): there the
// spec skips itself, and it is not part of `npm test` (playwright.config.ts only looks at tests/e2e).
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results/electron',
  use: { trace: 'retain-on-failure' },
});
