// The portal's FHIR adapter pointed at a test FHIR peer, as the sync tests use it: the portal's clock, the hard-delete
// sweep on every run (sweepEveryMs 0) over the test portal's own ids.
import { fhirAdapter, type FhirAdapterOptions } from '../../server/sync/fhir-adapter.ts';
import type { EhrAdapter } from '../../server/sync/adapter.ts';
import { portalIdsOf } from '../../server/sync/fhir-sweep.ts';
import type { TestFhirServer } from './fhir-server.ts';
import type { TestPortal } from './portal.ts';

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
