// Databases in a fresh temp folder for tests, closed and removed after each test. Several handles on one file stand
// for several processes (the server, the admin CLI, the maintenance worker).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../db/open.ts';

const opened: Db[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new database file (migrated) and a function opening more handles on it. */
export function tempDatabase(prefix: string): { file: string; db: Db; open: () => Db } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  dirs.push(dir);
  const file = path.join(dir, 'p.sqlite');
  const open = () => {
    const db = openDatabase(file);
    opened.push(db);
    return db;
  };
  return { file, db: open(), open };
}
