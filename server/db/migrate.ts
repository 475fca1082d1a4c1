// Numbered migrations tracked by SQLite's user_version. Each runs in its own transaction: a failing migration
// leaves the database at the previous version.
import type Database from 'better-sqlite3';
import { migrations } from './migrations/index.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function currentVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database.Database, upTo: number = Number.POSITIVE_INFINITY): number {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (const m of sorted) {
    if (m.version > upTo || m.version <= currentVersion(db)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return currentVersion(db);
}
