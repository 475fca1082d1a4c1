// The configured EHR adapter, or null when the organisation has none connected.
import fs from 'node:fs';
import type { Config } from '../config.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/open.ts';
import type { EhrAdapter } from './adapter.ts';
import { fhirAdapter } from './fhir-adapter.ts';
import { portalIdsOf } from './fhir-sweep.ts';
import { fileDropAdapter } from './file-drop-adapter.ts';

/**
 * `db` lets the FHIR adapter compare the portal's ids with the EHR's to find hard deletes (fhir-sweep.ts); without it
 * a resource deleted in the EHR (rather than set to entered-in-error) stays in the portal.
 */
export function configuredAdapter(config: Pick<Config, 'sync'>, clock: Clock, db?: Db): EhrAdapter | null {
  const sync = config.sync;
  switch (sync.adapter) {
    case 'none':
      return null;
    case 'file-drop':
      fs.mkdirSync(sync.dropDir, { recursive: true });
      return fileDropAdapter({ dir: sync.dropDir, source: sync.source, now: () => clock.now() });
    case 'fhir':
      return fhirAdapter({
        source: sync.source,
        url: sync.url,
        token: sync.token,
        pageSize: sync.pageSize,
        clientIdSystem: sync.clientIdSystem,
        now: () => clock.now(),
        sweepEveryMs: sync.sweepHours * 60 * 60 * 1000,
        ...(db ? { portalIds: portalIdsOf(db, sync.source) } : {}),
      });
  }
}
