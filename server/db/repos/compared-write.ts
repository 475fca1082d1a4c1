// Write-if-different for EHR rows: read the stored values by the row's key, write only when something differs. A
// repeated import then changes nothing (no synced_at, no data_version bump, no rebuilt caches) and the run counts
// created / updated / unchanged. Table and column names are constants of the callers (ehr-import.ts), never input.
//
// An import writes up to a hundred thousand rows in one run (issue 6 §4), so the SQL of each table is built and
// prepared once per database, and a row's values are passed as one array in the columns' order: no statement text,
// named-parameter object or spread per row.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open.ts';

export type SqlValue = string | number | Buffer | null;
export type WriteOutcome = 'created' | 'updated' | 'unchanged';

/**
 * One kind of EHR row. `key` finds the row; `values` are compared and written; `stamp` (e.g. synced_at) is written
 * with any write but never compared; `insertOnly` (e.g. created_at) only with the insert.
 */
export interface ComparedTable {
  table: string;
  key: readonly string[];
  values: readonly string[];
  stamp: readonly string[];
  insertOnly?: readonly string[];
}

/** Writes one row: `row` holds the values of key, values, stamp and insertOnly, in that order. */
export type ComparedWriter = (row: readonly SqlValue[]) => { id: number; outcome: WriteOutcome };

function same(a: unknown, b: SqlValue): boolean {
  if (Buffer.isBuffer(a) || Buffer.isBuffer(b)) return Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b);
  return a === b;
}

/** The writer of a table, prepared on first use per database. */
export function comparedWriter(t: ComparedTable): (db: Db) => ComparedWriter {
  const insertOnly = t.insertOnly ?? [];
  const cols = [...t.key, ...t.values, ...t.stamp, ...insertOnly];
  const keyEnd = t.key.length;
  const valuesEnd = keyEnd + t.values.length;
  const writtenEnd = valuesEnd + t.stamp.length;
  // Insert first: most rows of an import are new, and then one statement does it (the conflict target is the key's
  // unique index, so any other constraint still fails loudly). Only a row that exists is read and compared.
  const insertSql = `INSERT INTO ${t.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
     ON CONFLICT (${t.key.join(', ')}) DO NOTHING`;
  const where = t.key.map((c) => `${c} = ?`).join(' AND ');
  const selectSql = `SELECT rowid AS id, ${t.values.join(', ')} FROM ${t.table} WHERE ${where}`;
  const set = [...t.values, ...t.stamp].map((c) => `${c} = ?`).join(', ');
  const updateSql = `UPDATE ${t.table} SET ${set} WHERE rowid = ?`;

  const writers = new WeakMap<Db, ComparedWriter>();
  return (db) => {
    let writer = writers.get(db);
    if (writer) return writer;
    const insert: Statement = db.prepare(insertSql);
    const select: Statement = db.prepare(selectSql);
    const update: Statement = db.prepare(updateSql);
    writer = (row) => {
      // A row of the wrong length would bind its values to the wrong columns without any error from SQLite.
      if (row.length !== cols.length) throw new Error(`${t.table}: ${row.length} values for ${cols.length} columns`);
      const inserted = insert.run(row);
      if (inserted.changes === 1) return { id: Number(inserted.lastInsertRowid), outcome: 'created' };
      const old = select.get(row.slice(0, keyEnd)) as Record<string, unknown>;
      const id = old.id as number;
      let changed = false;
      for (let i = keyEnd; i < valuesEnd && !changed; i++) changed = !same(old[cols[i]!], row[i]!);
      if (!changed) return { id, outcome: 'unchanged' };
      const written: SqlValue[] = row.slice(keyEnd, writtenEnd);
      written.push(id);
      update.run(written);
      return { id, outcome: 'updated' };
    };
    writers.set(db, writer);
    return writer;
  };
}
