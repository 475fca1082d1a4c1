// Statements prepared once per database: the dossier's queries run on every home screen and timeline scroll, and
// preparing costs about as much as running them.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open.ts';

/** A lookup `(db, key) → Statement` over a fixed map of SQL texts, preparing each on first use per database. */
export function preparedStatements<K extends string>(sql: Record<K, string>): (db: Db, key: K) => Statement {
  const cache = new WeakMap<Db, Map<K, Statement>>();
  return (db, key) => {
    let m = cache.get(db);
    if (!m) cache.set(db, (m = new Map()));
    let s = m.get(key);
    if (!s) m.set(key, (s = db.prepare(sql[key])));
    return s;
  };
}
