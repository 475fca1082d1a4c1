import { test as base, expect } from '@playwright/test';
import { startPortalServer, type PortalServer } from './portal-server.ts';

/** One portal server per test file (worker), stopped afterwards. */
export const test = base.extend<Record<never, never>, { portal: PortalServer }>({
  portal: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern for fixtures
    async ({}, use) => {
      const portal = await startPortalServer();
      await use(portal);
      await portal.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect };
