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
  immediateTransactions(db);
  if (options.migrate !== false) migrate(db);
  cacheStatements(db);
  return db;
}

/**
 * Every transaction takes the write lock when it begins (BEGIN IMMEDIATE). A deferred one that reads first and writes
 * later fails at once with SQLITE_BUSY when another connection committed in between (its snapshot is stale, and SQLite
 * does not wait in that case); other connections write all the time: the maintenance worker moving audit rows, the
 * admin CLI. Waiting for the lock up front (busy_timeout) is what turns them into a short queue instead of an error.
 * `.deferred` stays available on the returned function for a transaction that only reads.
 */
function immediateTransactions(db: Db): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: Parameters<Db['transaction']>[0]) => {
    const t = transaction(fn);
    const immediate = ((...args: unknown[]) => {
      if (!db.inTransaction) beforeWriting.get(db)?.();
      return t.immediate(...args);
    }) as typeof t;
    return Object.assign(immediate, {
      default: immediate,
      deferred: t.deferred,
      immediate,
      exclusive: t.exclusive,
    });
  }) as Db['transaction'];
}

const beforeWriting = new WeakMap<Db, () => void>();

/**
 * Runs `hook` before each outermost write transaction of this connection takes the write lock (null: none). The
 * audit rows handed to the maintenance worker are settled there: a change writes its own audit row in its
 * transaction, and the rows of the reads before it must get the lower ids (repos/audit-log.ts).
 */
export function beforeEachWriteTransaction(db: Db, hook: (() => void) | null): void {
  if (hook) beforeWriting.set(db, hook);
  else beforeWriting.delete(db);
}

/** Enough for every distinct SQL text of the server; a runaway of generated SQL only evicts the oldest. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Compiling SQL costs more than running a small indexed query, and every repo function prepares its SQL on each
 * call; so the handle keeps the statement of each SQL text. Safe because nothing runs concurrently on a handle
 * (better-sqlite3 is synchronous) and no statement's mode is changed (lint forbids pluck/raw/expand in server/).
 * better-sqlite3's own pragma and transaction helpers prepare through the native handle, not through this method.
 */
function cacheStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(source, statement);
    }
    return statement;
  }) as Db['prepare'];
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
