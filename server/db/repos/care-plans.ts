// Care plan versions from the EHR. A version is valid in [valid_from, valid_to); the current one is valid now, an
// expired one has valid_to in the past. Versions are identified by (source, external_id, version).
import type { Db } from '../open.ts';
import { CarePlanContent } from '../../../shared/api/dossier.ts';
import { preparedStatements } from './prepared.ts';

const stmt = preparedStatements({
  current: `SELECT * FROM care_plans WHERE client_id = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
    ORDER BY valid_from DESC, version DESC LIMIT 1`,
  expired: `SELECT id, client_id, title, version, valid_from, valid_to FROM care_plans
    WHERE client_id = ? AND valid_to IS NOT NULL AND valid_to <= ? ORDER BY valid_from DESC, version DESC`,
  one: `SELECT * FROM care_plans WHERE id = ? AND client_id = ?`,
  synced: `SELECT MAX(synced_at) AS at FROM care_plans WHERE client_id = ?`,
  upsert: `INSERT INTO care_plans (client_id, title, version, valid_from, valid_to, content, source, external_id,
      synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (source, external_id, version) DO UPDATE SET title = excluded.title,
      valid_from = excluded.valid_from, valid_to = excluded.valid_to, content = excluded.content,
      synced_at = excluded.synced_at
    RETURNING id`,
});

export interface CarePlanRow {
  id: number;
  clientId: number;
  title: string;
  version: number;
  validFrom: string;
  validTo: string | null;
  content: CarePlanContent;
  source: string;
  externalId: string;
  syncedAt: string;
}

interface Raw {
  id: number;
  client_id: number;
  title: string;
  version: number;
  valid_from: string;
  valid_to: string | null;
  content: string;
  source: string;
  external_id: string;
  synced_at: string;
}

const EMPTY: CarePlanContent = { mainGoals: [], workPlans: [], evaluations: [] };

function rowToPlan(r: Raw): CarePlanRow {
  // The content was validated on import; a damaged document shows as an empty plan rather than a 500.
  const parsed = CarePlanContent.safeParse(JSON.parse(r.content));
  return {
    id: r.id,
    clientId: r.client_id,
    title: r.title,
    version: r.version,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    content: parsed.success ? parsed.data : EMPTY,
    source: r.source,
    externalId: r.external_id,
    syncedAt: r.synced_at,
  };
}

/** The version valid at `now` (the newest such if the EHR's periods overlap). */
export function currentPlan(db: Db, clientId: number, now: string): CarePlanRow | null {
  const r = stmt(db, 'current').get(clientId, now, now) as Raw | undefined;
  return r ? rowToPlan(r) : null;
}

export type PlanHeaderRow = Omit<CarePlanRow, 'content' | 'source' | 'externalId' | 'syncedAt'>;

/** Expired versions (valid_to in the past), newest first; headers only. */
export function expiredPlans(db: Db, clientId: number, now: string): PlanHeaderRow[] {
  return (
    stmt(db, 'expired').all(clientId, now) as Array<Omit<Raw, 'content' | 'source' | 'external_id' | 'synced_at'>>
  ).map((r) => ({
    id: r.id,
    clientId: r.client_id,
    title: r.title,
    version: r.version,
    validFrom: r.valid_from,
    validTo: r.valid_to,
  }));
}

export function findPlan(db: Db, clientId: number, id: number): CarePlanRow | null {
  const r = stmt(db, 'one').get(id, clientId) as Raw | undefined;
  return r ? rowToPlan(r) : null;
}

export function plansSyncedAt(db: Db, clientId: number): string | null {
  return (
    stmt(db, 'synced').get(clientId) as {
      at: string | null;
    }
  ).at;
}

export interface PlanInput {
  clientId: number;
  title: string;
  version: number;
  validFrom: string;
  validTo: string | null;
  content: CarePlanContent;
  source: string;
  externalId: string;
  syncedAt: string;
}

/** Insert or refresh one plan version by (source, external id, version). */
export function upsertPlan(db: Db, p: PlanInput): number {
  const r = stmt(db, 'upsert').get(
    p.clientId,
    p.title,
    p.version,
    p.validFrom,
    p.validTo,
    JSON.stringify(CarePlanContent.parse(p.content)),
    p.source,
    p.externalId,
    p.syncedAt,
  ) as { id: number };
  return r.id;
}
