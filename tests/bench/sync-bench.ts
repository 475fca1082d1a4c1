// `npm run bench:sync [-- --observations 100000 --clients 1000 --page 1000 --skip-peer]`: issue 6 §4. Not a test: it
// prints rows/s of (a) the whole import from a FHIR peer, (b) our mapping and upserts of the same pages already in
// memory, (c) the same rows inserted with plain prepared statements in one transaction, the ratio b/c (target ≥ 0.5),
// and the heap after every page of (b) (it must not grow with the number of pages).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Db } from '../../server/db/open.ts';
import { linkClientToEhr, writeCursor } from '../../server/db/repos/sync-runs.ts';
import { insertClient } from '../../server/db/repos/clients.ts';
import { applyBatch } from '../../server/sync/apply-batch.ts';
import { mapResource, parseResource } from '../../server/sync/fhir-mapping.ts';
import { fhirAdapter } from '../../server/sync/fhir-adapter.ts';
import { runPull } from '../../server/sync/run-pull.ts';
import { systemClock } from '../../server/clock.ts';
import type { ImportRecord } from '../../server/sync/adapter.ts';
import type { Refs } from '../../server/sync/fhir-lookups.ts';
import { startFhirServer } from '../helpers/fhir-server.ts';
import { closeAll } from '../helpers/cleanup.ts';
import { fixtureResources, loadBulk, makeObservations, makePatients } from '../fixtures/fhir/load.ts';

const { values } = parseArgs({
  options: {
    observations: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '1000' },
    page: { type: 'string', default: '1000' },
    'skip-peer': { type: 'boolean', default: false },
  },
});
const N = Number(values.observations);
const CLIENTS = Number(values.clients);
const PAGE = Number(values.page);
const SOURCE = 'bench';
const fmt = (n: number, digits = 0) => n.toLocaleString('nl-NL', { maximumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20, 1)} MB`;

/** A portal database with the clients linked to the generated Patients' client numbers (900001 …). */
function portalDb(dir: string, name: string): Db {
  const db = openDatabase(path.join(dir, `${name}.sqlite`));
  db.transaction(() => {
    for (let i = 1; i <= CLIENTS; i++) {
      const id = insertClient(db, null, `Cliënt ${i}`, '2026-12-01T00:00:00Z');
      linkClientToEhr(db, SOURCE, String(900_000 + i), id, '2026-12-01T00:00:00Z');
    }
  })();
  return db;
}

/** A search page as fetch() hands it over: parsed JSON (JSON.parse is part of fetching, so not of (b)). */
type Page = { entry: Array<{ resource: object }> };

/** The mapping's view of the references: Patient ids to client numbers, as the adapter's lookups would have them. */
function refsFor(patients: ReturnType<typeof makePatients>): Refs {
  const clientOf = new Map(patients.map((p) => [`Patient/${p.id}`, p.identifier![1]!.value!]));
  return {
    clientOf: (ref) => (ref?.reference ? (clientOf.get(ref.reference) ?? null) : null),
    practitioner: () => undefined,
    questionnaireTitle: () => null,
  };
}

function inMemoryImport(db: Db, pages: Page[], refs: Refs): { seconds: number; rows: number; heap: number[] } {
  const heap: number[] = [];
  let rows = 0;
  let gcMs = 0;
  const started = performance.now();
  for (const [i, bundle] of pages.entries()) {
    const records: ImportRecord[] = [];
    for (const { resource } of bundle.entry) {
      const parsed = parseResource('Observation', resource);
      if (!('resource' in parsed)) throw new Error(parsed.problem.message);
      const mapped = mapResource(parsed.resource, resource, refs);
      if (mapped && 'record' in mapped) records.push(mapped.record);
    }
    const at = new Date().toISOString();
    db.transaction(() => {
      rows += records.length;
      applyBatch(db, SOURCE, records, `page ${i + 1}`, at);
      writeCursor(db, SOURCE, `page ${i + 1}`, at);
    })();
    // After a collection (npm run bench:sync starts node with --expose-gc): live memory, not garbage not yet swept.
    // The forced collection itself is not counted in the import's time.
    const gcStart = performance.now();
    (globalThis as { gc?: () => void }).gc?.();
    gcMs += performance.now() - gcStart;
    heap.push(process.memoryUsage().heapUsed);
  }
  return { seconds: (performance.now() - started - gcMs) / 1000, rows, heap };
}

/** The baseline: the rows (b) wrote, as plain inserts of prepared statements in one transaction. */
function plainInsert(db: Db, rows: unknown[][]): number {
  const insert = db.prepare(
    `INSERT INTO dossier_items (client_id, kind, occurred_at, title, body, author_name, discipline, source, external_id,
       synced_at) VALUES (?, 'report', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const started = performance.now();
  db.transaction(() => {
    for (const r of rows) insert.run(...r);
  })();
  return (performance.now() - started) / 1000;
}

async function viaPeer(dir: string, patients: ReturnType<typeof makePatients>, observations: object[]) {
  const peer = await startFhirServer({ pageSize: PAGE });
  const practitioners = fixtureResources().filter((r) => r.resourceType === 'Practitioner');
  process.stdout.write(`(a) FHIR-peer vullen met ${fmt(N)} Observations …\n`);
  await loadBulk(peer, [...practitioners, ...patients, ...(observations as never[])]);
  const db = portalDb(dir, 'peer');
  const adapter = fhirAdapter({
    source: SOURCE,
    url: peer.url,
    token: peer.token,
    pageSize: PAGE,
    now: () => new Date(),
  });
  const started = performance.now();
  let pagesDone = 0;
  const result = await runPull({ db, clock: systemClock }, adapter, () => {
    pagesDone++;
    if (pagesDone % 10 === 0) process.stdout.write(`    ${pagesDone} pagina's\n`);
  });
  const seconds = (performance.now() - started) / 1000;
  const rows = (db.prepare('SELECT COUNT(*) AS n FROM dossier_items').get() as { n: number }).n;
  db.close();
  if (result.status !== 'succeeded') throw new Error(`import via the peer failed: ${result.error}`);
  return { seconds, rows };
}

async function main(): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(`Machine: ${cpu}, ${os.cpus().length} cores, Node ${process.version}\n`);
  process.stdout.write(`${fmt(N)} Observations voor ${fmt(CLIENTS)} cliënten, pagina's van ${fmt(PAGE)}\n`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sync-'));
  try {
    const patients = makePatients(CLIENTS);
    const observations = makeObservations(
      N,
      patients.map((p) => p.id!),
    ).map((o, i) => ({ ...o, meta: { lastUpdated: new Date(Date.parse('2026-12-01T00:00:00Z') + i).toISOString() } }));
    const pages: Page[] = [];
    for (let i = 0; i < N; i += PAGE) {
      // Serialised and parsed again, so every page is a fresh object tree as from the wire.
      const bundle = {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: observations.slice(i, i + PAGE).map((resource) => ({ resource })),
      };
      pages.push(JSON.parse(JSON.stringify(bundle)) as Page);
    }

    const mapped = portalDb(dir, 'mapped');
    const b = inMemoryImport(mapped, pages, refsFor(patients));
    const rows = mapped
      .prepare(
        `SELECT client_id, occurred_at, title, body, author_name, discipline, source, external_id, synced_at
         FROM dossier_items ORDER BY id`,
      )
      .all()
      .map((r) => Object.values(r as Record<string, unknown>));
    mapped.close();
    const plain = portalDb(dir, 'plain');
    const cSeconds = plainInsert(plain, rows);
    plain.close();

    const bRate = b.rows / b.seconds;
    const cRate = rows.length / cSeconds;
    const tenth = Math.max(1, Math.floor(b.heap.length / 10));
    const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const early = avg(b.heap.slice(0, tenth));
    const late = avg(b.heap.slice(-tenth));
    process.stdout.write(
      `(b) mapping + upserts uit het geheugen: ${fmt(b.rows)} rijen in ${fmt(b.seconds, 2)} s = ${fmt(bRate)} rijen/s\n` +
        `(c) kale inserts, één transactie:        ${fmt(rows.length)} rijen in ${fmt(cSeconds, 2)} s = ${fmt(cRate)} rijen/s\n` +
        `    verhouding b/c: ${fmt(bRate / cRate, 2)} (doel ≥ 0,5: ${bRate / cRate >= 0.5 ? 'gehaald' : 'niet gehaald'})\n` +
        `    heap na de pagina's: eerste tiende gem. ${mb(early)}, laatste tiende gem. ${mb(late)}, max ${mb(Math.max(...b.heap))}` +
        ` (${late <= early * 1.5 + 32 * 2 ** 20 ? 'groeit niet met het aantal pagina’s' : 'GROEIT'})\n`,
    );
    if (!values['skip-peer']) {
      const a = await viaPeer(dir, patients, observations);
      process.stdout.write(
        `(a) hele import via de FHIR-peer: ${fmt(a.rows)} rijen in ${fmt(a.seconds, 1)} s = ${fmt(a.rows / a.seconds)} rijen/s\n`,
      );
    }
  } finally {
    await closeAll();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
