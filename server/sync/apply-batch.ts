// Applies one batch of import records. Call inside the batch's transaction (run-pull.ts): every row of a batch
// commits together with the cursor after it, or none does. A record about a client the portal cannot match is
// skipped and reported, never guessed (issue 6 §1).
import type { Db } from '../db/open.ts';
import {
  deleteEhrAppointment,
  deleteEhrContact,
  deleteEhrItem,
  deleteEhrPlan,
  linkedClients,
  writeEhrAppointment,
  writeEhrContact,
  writeEhrItem,
  writeEhrPerson,
  writeEhrPlanVersion,
  writeEhrStaff,
  type Photo,
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

const photoOf = (p: { type: 'image/png' | 'image/jpeg'; base64: string } | null | undefined): Photo | undefined =>
  p === undefined ? undefined : p && { data: Buffer.from(p.base64, 'base64'), type: p.type };

function applyDelete(db: Db, source: string, r: Extract<ImportRecord, { type: 'delete' }>, at: string): boolean {
  switch (r.resource) {
    case 'appointment':
      return deleteEhrAppointment(db, source, r.id, at);
    case 'contact':
      return deleteEhrContact(db, source, r.id);
    case 'plan':
      return deleteEhrPlan(db, source, r.id, r.version, at);
    default:
      return deleteEhrItem(db, source, r.id, r.resource);
  }
}

type LinkedRecord = Exclude<ImportRecord, { type: 'delete' }>;

/** Writes one record of a linked client; returns what happened to it (and to its staff member). */
function applyRecord(db: Db, source: string, r: LinkedRecord, clientId: number, at: string, t: BatchTally): void {
  switch (r.type) {
    case 'appointment': {
      let staffMemberId: number | null = null;
      if (r.staff) {
        const staff = writeEhrStaff(
          db,
          source,
          r.staff.id,
          { displayName: r.staff.name, role: r.staff.role ?? null, photo: photoOf(r.staff.photo) },
          at,
        );
        staffMemberId = staff.id;
        count(t, 'staff', COUNTED[staff.outcome]);
      }
      const appointment = {
        clientId,
        startsAt: r.start,
        endsAt: r.end,
        description: r.description,
        location: r.location ?? null,
        staffMemberId,
      };
      count(t, 'appointment', COUNTED[writeEhrAppointment(db, source, r.id, appointment, at)]);
      return;
    }
    case 'person': {
      const person = {
        fullName: r.name,
        birthDate: r.birthDate ?? null,
        address: r.address ?? null,
        postalCode: r.postalCode ?? null,
        city: r.city ?? null,
        phone: r.phone ?? null,
        clientNumber: r.clientNumber ?? null,
        location: r.location ?? null,
        ward: r.ward ?? null,
        photo: photoOf(r.photo),
      };
      count(t, 'person', COUNTED[writeEhrPerson(db, source, r.id, clientId, person, at)]);
      return;
    }
    case 'contact': {
      const contact = {
        clientId,
        name: r.name,
        relation: r.relation ?? null,
        phone: r.phone ?? null,
        email: r.email ?? null,
      };
      count(t, 'contact', COUNTED[writeEhrContact(db, source, r.id, contact, at)]);
      return;
    }
    case 'plan': {
      const plan = {
        clientId,
        version: r.version,
        title: r.title,
        validFrom: r.validFrom,
        validTo: r.validTo ?? null,
        content: JSON.stringify(r.content),
      };
      const { outcome, newest } = writeEhrPlanVersion(db, source, r.id, plan, at);
      count(t, 'plan', COUNTED[outcome]);
      // A later version than the first: the dossier says so, once per version (DESIGN §3 "plan is gewijzigd").
      if (newest && r.version > 1) {
        const notice = {
          clientId,
          kind: 'notice' as const,
          occurredAt: r.validFrom,
          title: 'Plan is gewijzigd',
          body: `Er is een nieuwe versie van "${r.title}" (versie ${r.version}). De vorige versie staat onder Historie.`,
          fields: null,
          authorName: null,
          discipline: null,
        };
        count(t, 'notice', COUNTED[writeEhrItem(db, source, `${r.id}#v${r.version}`, notice, at)]);
      }
      return;
    }
    default: {
      const item = {
        clientId,
        kind: r.type,
        occurredAt: r.occurredAt,
        title: r.title ?? null,
        body: r.type === 'report' ? r.text : '',
        fields: r.type === 'form' ? JSON.stringify(r.fields) : null,
        authorName: r.author ?? null,
        discipline: r.discipline ?? null,
      };
      count(t, r.type, COUNTED[writeEhrItem(db, source, r.id, item, at)]);
    }
  }
}

export function applyBatch(db: Db, source: string, records: ImportRecord[], label: string, at: string): BatchTally {
  const t = emptyTally();
  // The links of all the batch's clients at once: a page of reports names up to a thousand of them.
  const clients = new Set<string>();
  for (const r of records) if (r.type !== 'delete') clients.add(r.client);
  const links = linkedClients(db, source, clients);
  for (const r of records) {
    if (r.type === 'delete') {
      count(t, r.resource, applyDelete(db, source, r, at) ? 'deleted' : 'skipped');
      continue;
    }
    const clientId = links.get(r.client);
    if (clientId === undefined) {
      count(t, r.type, 'skipped');
      t.problems.push({ where: `${label}: ${r.type} ${r.id}`, message: `client ${r.client} is not linked` });
      continue;
    }
    applyRecord(db, source, r, clientId, at, t);
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
