// Applies one batch of import records. Call inside the batch's transaction (run-pull.ts): every row of a batch
// commits together with the cursor after it, or none does. A record about a client the portal cannot match is
// skipped and reported, never guessed (issue 6 §1).
import type { Db } from '../db/open.ts';
import {
  deleteEhrAppointment,
  deleteEhrItem,
  linkedClient,
  writeEhrAppointment,
  writeEhrItem,
  writeEhrStaff,
  type WriteOutcome,
} from '../db/repos/ehr-import.ts';
import type { SyncCounts, SyncProblem } from '../db/repos/sync-runs.ts';
import type { ImportRecord } from './adapter.ts';

export interface BatchTally {
  counts: SyncCounts;
  problems: SyncProblem[];
}

export function emptyTally(): BatchTally {
  return { counts: {}, problems: [] };
}

function count(t: BatchTally, resource: string, what: 'created' | 'updated' | 'deleted' | 'skipped'): void {
  const c = (t.counts[resource] ??= { created: 0, updated: 0, deleted: 0, skipped: 0 });
  c[what]++;
}

const COUNTED: Record<WriteOutcome, 'created' | 'updated' | 'skipped'> = {
  created: 'created',
  updated: 'updated',
  unchanged: 'skipped',
};

export function applyBatch(db: Db, source: string, records: ImportRecord[], label: string, at: string): BatchTally {
  const t = emptyTally();
  for (const r of records) {
    if (r.type === 'delete') {
      const gone =
        r.resource === 'appointment'
          ? deleteEhrAppointment(db, source, r.id, at)
          : deleteEhrItem(db, source, r.id, r.resource);
      count(t, r.resource, gone ? 'deleted' : 'skipped');
      continue;
    }
    const clientId = linkedClient(db, source, r.client);
    if (clientId === null) {
      count(t, r.type, 'skipped');
      t.problems.push({ where: `${label}: ${r.type} ${r.id}`, message: `client ${r.client} is not linked` });
      continue;
    }
    if (r.type === 'appointment') {
      let staffMemberId: number | null = null;
      if (r.staff) {
        const photo =
          r.staff.photo === undefined
            ? undefined
            : r.staff.photo && { data: Buffer.from(r.staff.photo.base64, 'base64'), type: r.staff.photo.type };
        const staff = writeEhrStaff(
          db,
          source,
          r.staff.id,
          { displayName: r.staff.name, role: r.staff.role ?? null, photo },
          at,
        );
        staffMemberId = staff.id;
        count(t, 'staff', COUNTED[staff.outcome]);
      }
      const outcome = writeEhrAppointment(
        db,
        source,
        r.id,
        {
          clientId,
          startsAt: r.start,
          endsAt: r.end,
          description: r.description,
          location: r.location ?? null,
          staffMemberId,
        },
        at,
      );
      count(t, 'appointment', COUNTED[outcome]);
      continue;
    }
    const outcome = writeEhrItem(
      db,
      source,
      r.id,
      {
        clientId,
        kind: r.type,
        occurredAt: r.occurredAt,
        title: r.title ?? null,
        body: r.type === 'report' ? r.text : '',
        fields: r.type === 'form' ? JSON.stringify(r.fields) : null,
        authorName: r.author ?? null,
        discipline: r.discipline ?? null,
      },
      at,
    );
    count(t, r.type, COUNTED[outcome]);
  }
  return t;
}

/** Adds a batch's tally to the run's. */
export function addTally(into: BatchTally, t: BatchTally): void {
  for (const [resource, c] of Object.entries(t.counts)) {
    const total = (into.counts[resource] ??= { created: 0, updated: 0, deleted: 0, skipped: 0 });
    total.created += c.created;
    total.updated += c.updated;
    total.deleted += c.deleted;
    total.skipped += c.skipped;
  }
  into.problems.push(...t.problems);
}
