import { test as base, expect } from '@playwright/test';
import { startPortalServer, type PortalServer } from './portal-server.ts';

/**
 * One portal server per spec file, stopped afterwards. Playwright keeps a worker (and its worker fixtures) for the next
 * file only when the worker options are equal; every spec file sets its own `portalFor` (`test.use({ portalFor: … })`),
 * so each file runs in a fresh worker with a fresh server and demo data. Without this the files shared one server
 * and, for instance, the fifth sign-in of the demo client within the hour met the SMS limit.
 */
export const test = base.extend<Record<never, never>, { portal: PortalServer; portalFor: string }>({
  portalFor: ['unset', { scope: 'worker', option: true }],
  portal: [
    async ({ portalFor }, use) => {
      if (portalFor === 'unset') throw new Error('call test.use({ portalFor: "<spec name>" }) in the spec file');
      const portal = await startPortalServer();
      await use(portal);
      await portal.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect };
