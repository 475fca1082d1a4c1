// Opens the portal database with the pragmas of DESIGN §6 and brings its schema up to date.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.ts';

export type Db = Database.Database;

export function openDatabase(file: string, options: { migrate?: boolean } = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a committed sign-in, code or outbox row survives a power cut; the portal writes little, so it costs little.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (options.migrate !== false) migrate(db);
  return db;
}

/**
 * Runs a small write that needs to survive a crash of the portal but not necessarily a power cut of the machine
 * (an audit row of a read): under WAL, synchronous=NORMAL commits without an fsync, and the next FULL commit or
 * checkpoint makes it durable too. better-sqlite3 is synchronous, so nothing else runs while the setting is relaxed.
 */
export function withoutFsync<T>(db: Db, write: () => T): T {
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
