// Dossier items: the EHR's reports, forms and notices, and the client reports written in the portal. The table is
// the biggest of the portal, so statements are prepared once per database and every query walks an index.
import type { Db } from '../open.ts';
import type { DossierKind, FormField } from '../../../shared/api/dossier.ts';
import { preparedStatements } from './prepared.ts';

export interface DossierRow {
  id: number;
  clientId: number;
  kind: DossierKind;
  occurredAt: string;
  title: string | null;
  text: string;
  fields: FormField[];
  authorName: string | null;
  discipline: string | null;
  authorUserId: number | null;
  sentToEhrAt: string | null;
  source: string | null;
  externalId: string | null;
  syncedAt: string | null;
}

interface Raw {
  id: number;
  client_id: number;
  kind: DossierKind;
  occurred_at: string;
  title: string | null;
  body: string;
  fields: string | null;
  author_name: string | null;
  discipline: string | null;
  author_user_id: number | null;
  user_name: string | null;
  sent_to_ehr_at: string | null;
  source: string | null;
  external_id: string | null;
  synced_at: string | null;
}

function parseFields(json: string | null): FormField[] {
  if (json === null) return [];
  const v: unknown = JSON.parse(json);
  if (!Array.isArray(v)) return [];
  return v
    .filter((f): f is { label: unknown; value: unknown } => typeof f === 'object' && f !== null)
    .map((f) => ({ label: String(f.label ?? ''), value: String(f.value ?? '') }));
}

function rowToItem(r: Raw): DossierRow {
  return {
    id: r.id,
    clientId: r.client_id,
    kind: r.kind,
    occurredAt: r.occurred_at,
    title: r.title,
    text: r.body,
    fields: parseFields(r.fields),
    // a client report's author is the portal user; his current display name is shown
    authorName: r.author_user_id !== null ? r.user_name : r.author_name,
    discipline: r.discipline,
    authorUserId: r.author_user_id,
    sentToEhrAt: r.sent_to_ehr_at,
    source: r.source,
    externalId: r.external_id,
    syncedAt: r.synced_at,
  };
}

const SELECT = `SELECT d.*, u.display_name AS user_name FROM dossier_items d
  LEFT JOIN users u ON u.id = d.author_user_id`;

const SQL = {
  page: `${SELECT} WHERE d.client_id = ? AND d.occurred_at >= ? AND d.occurred_at < ?
    AND (d.occurred_at > ? OR (d.occurred_at = ? AND d.id > ?))
    ORDER BY d.occurred_at, d.id LIMIT ?`,
  one: `${SELECT} WHERE d.id = ? AND d.client_id = ?`,
  newestOf: `${SELECT} WHERE d.client_id = ? AND d.kind IN ('report', 'client_report')
    ORDER BY d.occurred_at DESC, d.id DESC LIMIT 1`,
  first: `SELECT occurred_at AS at FROM dossier_items WHERE client_id = ? ORDER BY occurred_at, id LIMIT 1`,
  last: `SELECT occurred_at AS at FROM dossier_items WHERE client_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 1`,
  before: `SELECT occurred_at AS at FROM dossier_items WHERE client_id = ? AND occurred_at < ?
    ORDER BY occurred_at DESC, id DESC LIMIT 1`,
  from: `SELECT occurred_at AS at FROM dossier_items WHERE client_id = ? AND occurred_at >= ?
    ORDER BY occurred_at, id LIMIT 1`,
  synced: `SELECT MAX(synced_at) AS at FROM dossier_items WHERE client_id = ?`,
  insertClientReport: `INSERT INTO dossier_items (client_id, kind, occurred_at, body, author_user_id)
    VALUES (?, 'client_report', ?, ?, ?)`,
  upsertEhr: `INSERT INTO dossier_items (client_id, kind, occurred_at, title, body, fields, author_name, discipline,
      source, external_id, synced_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (source, external_id) DO UPDATE SET kind = excluded.kind, occurred_at = excluded.occurred_at,
      title = excluded.title, body = excluded.body, fields = excluded.fields, author_name = excluded.author_name,
      discipline = excluded.discipline, synced_at = excluded.synced_at
    RETURNING id`,
  markSent: `UPDATE dossier_items SET sent_to_ehr_at = ?
    WHERE id = ? AND kind = 'client_report' AND sent_to_ehr_at IS NULL`,
} as const;

const stmt = preparedStatements(SQL);

export interface PageCursor {
  occurredAt: string;
  id: number;
}

/** Items with occurred_at in [from, to), after the cursor, oldest first; `limit` of them at most. */
export function listDossierPage(
  db: Db,
  clientId: number,
  from: string,
  to: string,
  after: PageCursor | null,
  limit: number,
): DossierRow[] {
  // Without a cursor, "after" is the start of the range itself (occurred_at = from with id > 0 is included).
  const a = after ?? { occurredAt: from, id: 0 };
  const rows = stmt(db, 'page').all(clientId, from, to, a.occurredAt, a.occurredAt, a.id, limit) as Raw[];
  return rows.map(rowToItem);
}

export function findDossierItem(db: Db, clientId: number, id: number): DossierRow | null {
  const r = stmt(db, 'one').get(id, clientId) as Raw | undefined;
  return r ? rowToItem(r) : null;
}

/** The newest report (EHR or client report): the home panel's card. */
export function newestReport(db: Db, clientId: number): DossierRow | null {
  const r = stmt(db, 'newestOf').get(clientId) as Raw | undefined;
  return r ? rowToItem(r) : null;
}

const at = (r: unknown) => (r as { at: string } | undefined)?.at ?? null;

export function firstItemAt(db: Db, clientId: number): string | null {
  return at(stmt(db, 'first').get(clientId));
}

export function lastItemAt(db: Db, clientId: number): string | null {
  return at(stmt(db, 'last').get(clientId));
}

/** The time of the newest item before `instant`: the Lezen "previous date" arrow. */
export function itemAtBefore(db: Db, clientId: number, instant: string): string | null {
  return at(stmt(db, 'before').get(clientId, instant));
}

/** The time of the oldest item at or after `instant`: the Lezen "next date" arrow. */
export function itemAtFrom(db: Db, clientId: number, instant: string): string | null {
  return at(stmt(db, 'from').get(clientId, instant));
}

/** The newest sync time of the client's dossier rows (client reports have none). */
export function dossierSyncedAt(db: Db, clientId: number): string | null {
  return (stmt(db, 'synced').get(clientId) as { at: string | null }).at;
}

export function insertClientReport(db: Db, clientId: number, text: string, userId: number, at: string): number {
  return Number(stmt(db, 'insertClientReport').run(clientId, at, text, userId).lastInsertRowid);
}

export interface EhrItemInput {
  clientId: number;
  kind: Exclude<DossierKind, 'client_report'>;
  occurredAt: string;
  title: string | null;
  text: string;
  fields: FormField[] | null;
  authorName: string | null;
  discipline: string | null;
  source: string;
  externalId: string;
  syncedAt: string;
}

/** Insert or refresh an EHR item by (source, external id): imports are idempotent. */
export function upsertEhrItem(db: Db, i: EhrItemInput): number {
  const r = stmt(db, 'upsertEhr').get(
    i.clientId,
    i.kind,
    i.occurredAt,
    i.title,
    i.text,
    i.kind === 'form' ? JSON.stringify(i.fields ?? []) : null,
    i.authorName,
    i.discipline,
    i.source,
    i.externalId,
    i.syncedAt,
  ) as { id: number };
  return r.id;
}

/** Issue 6's nightly push marks a client report as sent; false when it was already sent or is no client report. */
export function markClientReportSent(db: Db, id: number, at: string): boolean {
  return stmt(db, 'markSent').run(at, id).changes === 1;
}
