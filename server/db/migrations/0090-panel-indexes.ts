import type { Migration } from '../migrate.ts';

// Indexes for the home screen, which every visit loads (issue 3 §7: five years of data must not slow it down):
// "coming appointments" seeks by end time instead of walking a client's whole history, and "bijgewerkt tot" reads
// the newest sync time from an index instead of scanning every EHR row of the client.
export const m0090: Migration = {
  version: 90,
  name: 'panel-indexes',
  sql: `
CREATE INDEX appointments_client_end ON appointments(client_id, ends_at) WHERE deleted_at IS NULL;
CREATE INDEX appointments_client_synced ON appointments(client_id, synced_at) WHERE source IS NOT NULL;
`,
};
