// Prepared statements kept per database handle. Compiling SQL costs more than running a small indexed query, so
// the statements of every request's hot path (session, membership, panels, audit) are compiled once.
// Only for statements used with plain run/get/all: a cached statement shares its pluck/raw mode with every user.
import type Database from 'better-sqlite3';
import type { Db } from './open.ts';

const caches = new WeakMap<Db, Map<string, Database.Statement>>();

export function cached(db: Db, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = db.prepare(sql)));
  return st;
}
