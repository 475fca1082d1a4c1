// The benchmark's database: built once by the same code as `demo:seed --clients N --years Y` and kept under
// .portal-data/ (git-ignored), so repeated runs measure the server, not the build.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../../server/db/open.ts';
import { systemClock } from '../../server/clock.ts';
import { scryptHasher } from '../../server/auth/passwords.ts';
import { buildScaleDemo } from '../../server/demo/scale/build.ts';
import { progressPrinter } from '../../server/demo/scale/progress.ts';
import { SCALE_SEEDERS } from '../../server/demo/scale/seeders.ts';

export interface ScaleDb {
  dataDir: string;
  db: Db;
}

export async function scaleDatabase(clients: number, years: number, fresh: boolean): Promise<ScaleDb> {
  const dataDir = path.resolve(`.portal-data/bench-${clients}x${years}`);
  const file = path.join(dataDir, 'portal.sqlite');
  const done = path.join(dataDir, 'complete');
  // A database built before a feature's seeder existed lacks that feature's data: build it again.
  const signature = `seeders: ${SCALE_SEEDERS.map((x) => x.name).join(', ')}`;
  const stale = fs.existsSync(done) && !fs.readFileSync(done, 'utf8').includes(signature);
  if (fresh || stale) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(file);
  if (!fs.existsSync(done)) {
    const started = performance.now();
    process.stderr.write(`Database bouwen: ${clients} cliënten over ${years} jaar …\n`);
    const r = await buildScaleDemo(
      { db, clock: systemClock, hasher: scryptHasher() },
      {
        clients,
        years,
        progress: progressPrinter(
          (s) => process.stderr.write(s),
          process.stderr.isTTY === true,
          () => performance.now() - started,
        ),
      },
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('ANALYZE');
    fs.writeFileSync(done, `${signature}\n${r.rows} rows in ${Math.round(performance.now() - started)} ms\n`);
    process.stderr.write(
      `Klaar: ${r.rows.toLocaleString('nl-NL')} rijen in ${Math.round((performance.now() - started) / 1000)} s\n`,
    );
  }
  return { dataDir, db };
}
