// The portal's FHIR adapter pointed at a test FHIR peer, as the sync tests use it: the portal's clock, the hard-delete
// sweep on every run (sweepEveryMs 0) over the test portal's own ids; and the world most of them start from.
import { fhirAdapter, type FhirAdapterOptions } from '../../server/sync/fhir-adapter.ts';
import type { EhrAdapter } from '../../server/sync/adapter.ts';
import { portalIdsOf } from '../../server/sync/fhir-sweep.ts';
import { linkClientToEhr } from '../../server/db/repos/sync-runs.ts';
import { FIXTURE_CLIENTS, loadFixtures } from '../fixtures/fhir/load.ts';
import { startFhirServer, type TestFhirServer } from './fhir-server.ts';
import type { HttpClient } from './http-client.ts';
import { signIn, startTestPortal, type TestPortal } from './portal.ts';

export function peerAdapter(
  tp: TestPortal,
  fhir: TestFhirServer,
  source: string,
  o: Partial<FhirAdapterOptions> = {},
): EhrAdapter {
  return fhirAdapter({
    source,
    url: fhir.url,
    token: fhir.token,
    now: () => tp.clock.now(),
    portalIds: portalIdsOf(tp.portal.db, source),
    sweepEveryMs: 0,
    ...o,
  });
}

export interface FixtureWorld {
  fhir: TestFhirServer;
  tp: TestPortal;
  /** Truus' client id in the portal. */
  clientId: number;
  /** Truus, signed in. */
  c: HttpClient;
}

/**
 * The FHIR peer loaded with the fixtures, and a portal where Truus and Kees are linked to their fixture Patients
 * under `source`, Truus signed in. Both are stopped by closeAll.
 */
export async function fixtureWorld(source: string): Promise<FixtureWorld> {
  const fhir = await startFhirServer();
  await loadFixtures(fhir);
  const tp = await startTestPortal({ PORTAL_SYNC_SOURCE: source });
  const truus = await tp.createUser({ username: 'truus' });
  const kees = await tp.createUser({ username: 'kees', name: 'Kees Jansen', mobile: '+31611111111' });
  tp.portal.db.transaction(() => {
    linkClientToEhr(tp.portal.db, source, FIXTURE_CLIENTS.truus.ehrId, truus.clientId, 't');
    linkClientToEhr(tp.portal.db, source, FIXTURE_CLIENTS.kees.ehrId, kees.clientId, 't');
  })();
  const c = tp.client();
  await signIn(tp, c, truus);
  return { fhir, tp, clientId: truus.clientId, c };
}
