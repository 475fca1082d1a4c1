// Write-if-different for EHR rows: read the stored values by the row's key, write only when something differs. A
// repeated import then changes nothing (no synced_at, no data_version bump, no rebuilt caches) and the run counts
// created / updated / unchanged. Table and column names are constants of the callers (ehr-import.ts), never input.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open.ts';

export type SqlValue = string | number | Buffer | null;
export type WriteOutcome = 'created' | 'updated' | 'unchanged';

const cache = new WeakMap<Db, Map<string, Statement>>();
function prepared(db: Db, sql: string): Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

function same(a: unknown, b: SqlValue): boolean {
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  return a === b;
}

/**
 * `key` finds the row; `values` are compared and written; `stamp` (e.g. synced_at) is written with any write but never
 * compared; `insertOnly` (e.g. created_at) only with the insert. Returns the row id and what happened.
 */
export function writeCompared(
  db: Db,
  table: string,
  key: Record<string, SqlValue>,
  values: Record<string, SqlValue>,
  stamp: Record<string, SqlValue> = {},
  insertOnly: Record<string, SqlValue> = {},
): { id: number; outcome: WriteOutcome } {
  const keyCols = Object.keys(key);
  const valueCols = Object.keys(values);
  // Insert first: most rows of an import are new, and then one statement does it (the conflict target is the key's
  // unique index, so any other constraint still fails loudly). Only a row that exists is read and compared.
  const cols = [...keyCols, ...valueCols, ...Object.keys(stamp), ...Object.keys(insertOnly)];
  const inserted = prepared(
    db,
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
     ON CONFLICT (${keyCols.join(', ')}) DO NOTHING`,
  ).run(...Object.values(key), ...Object.values(values), ...Object.values(stamp), ...Object.values(insertOnly));
  if (inserted.changes === 1) return { id: Number(inserted.lastInsertRowid), outcome: 'created' };
  const where = keyCols.map((c) => `${c} = ?`).join(' AND ');
  const old = prepared(db, `SELECT rowid AS id, ${valueCols.join(', ')} FROM ${table} WHERE ${where}`).get(
    ...Object.values(key),
  ) as Record<string, unknown>;
  const id = old.id as number;
  if (valueCols.every((c) => same(old[c], values[c]!))) return { id, outcome: 'unchanged' };
  const set = [...valueCols, ...Object.keys(stamp)].map((c) => `${c} = ?`).join(', ');
  prepared(db, `UPDATE ${table} SET ${set} WHERE rowid = ?`).run(...Object.values(values), ...Object.values(stamp), id);
  return { id, outcome: 'updated' };
}
