import { test as base, expect } from '@playwright/test';
import { startPortalServer, type PortalServer } from './portal-server.ts';

/**
 * One portal server per worker, stopped afterwards. With one worker the spec files share it (and its demo data), one
 * after the other, and a failure starts a fresh worker: a spec that changes shared data puts it back, and one that
 * needs data the others must not see starts its own server (see dossier-five-years.spec.ts).
 */
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
