// `npm run bench:sync [-- --observations 100000 --clients 1000 --page 1000 --skip-peer]`: issue 6 §4. Not a test: it
// prints rows/s of (a) the whole import from a FHIR peer, (b) our mapping and upserts of the same pages already in
// memory, (c) the same rows inserted with plain prepared statements in one transaction, the ratio b/c (target ≥ 0.5),
// and the heap after every page of (b) (it must not grow with the number of pages). For reference also (c′): the same
// plain inserts committed per page, as (b) must commit (one transaction per batch): what a commit per page alone costs.
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

/**
 * (b). `collect`: after each page a forced collection and the live heap, for the memory check. That pass is not timed:
 * a forced collection of this heap (≈ 260 MB of pages) goes on in V8's background threads after gc() returns, and on
 * a machine of two shared cores that slowed the next page's writes and commit about twofold (measured 2026-12-06).
 */
function inMemoryImport(
  db: Db,
  pages: Page[],
  refs: Refs,
  collect: boolean,
): { seconds: number; rows: number; heap: number[] } {
  const heap: number[] = [];
  let rows = 0;
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
    if (collect) {
      // After a collection (npm run bench:sync starts node with --expose-gc): live memory, not garbage not yet swept.
      (globalThis as { gc?: () => void }).gc?.();
      heap.push(process.memoryUsage().heapUsed);
    }
  }
  return { seconds: (performance.now() - started) / 1000, rows, heap };
}

const PLAIN_INSERT = `INSERT INTO dossier_items (client_id, kind, occurred_at, title, body, author_name, discipline,
  source, external_id, synced_at) VALUES (?, 'report', ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The baseline: the rows (b) wrote, as plain inserts of prepared statements in one transaction. */
function plainInsert(db: Db, rows: unknown[][]): number {
  const insert = db.prepare(PLAIN_INSERT);
  const started = performance.now();
  db.transaction(() => {
    for (const r of rows) insert.run(...r);
  })();
  return (performance.now() - started) / 1000;
}

/** (c′): the same plain inserts, in one transaction per page as (b) commits. */
function plainInsertPerPage(db: Db, rows: unknown[][]): number {
  const insert = db.prepare(PLAIN_INSERT);
  const started = performance.now();
  for (let i = 0; i < rows.length; i += PAGE) {
    db.transaction(() => {
      for (let j = i; j < Math.min(i + PAGE, rows.length); j++) insert.run(...rows[j]!);
    })();
  }
  return (performance.now() - started) / 1000;
}

/** (c) and (c′) of the rows (b) wrote; the rows are garbage again when it returns (the heap check comes after). */
function baselines(dir: string, mapped: Db): { rows: number; seconds: number; pagedSeconds: number } {
  const rows = mapped
    .prepare(
      `SELECT client_id, occurred_at, title, body, author_name, discipline, source, external_id, synced_at
       FROM dossier_items ORDER BY id`,
    )
    .all()
    .map((r) => Object.values(r as Record<string, unknown>));
  const plain = portalDb(dir, 'plain');
  const seconds = plainInsert(plain, rows);
  plain.close();
  const paged = portalDb(dir, 'paged');
  const pagedSeconds = plainInsertPerPage(paged, rows);
  paged.close();
  return { rows: rows.length, seconds, pagedSeconds };
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

    const refs = refsFor(patients);
    const mapped = portalDb(dir, 'mapped');
    const b = inMemoryImport(mapped, pages, refs, false);
    const c = baselines(dir, mapped);
    mapped.close();
    const memory = portalDb(dir, 'memory');
    const { heap } = inMemoryImport(memory, pages, refs, true);
    memory.close();

    const bRate = b.rows / b.seconds;
    const cRate = c.rows / c.seconds;
    const cPagedRate = c.rows / c.pagedSeconds;
    const tenth = Math.max(1, Math.floor(heap.length / 10));
    const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const early = avg(heap.slice(0, tenth));
    const late = avg(heap.slice(-tenth));
    process.stdout.write(
      `(b) mapping + upserts uit het geheugen: ${fmt(b.rows)} rijen in ${fmt(b.seconds, 2)} s = ${fmt(bRate)} rijen/s\n` +
        `(c) kale inserts, één transactie:        ${fmt(c.rows)} rijen in ${fmt(c.seconds, 2)} s = ${fmt(cRate)} rijen/s\n` +
        `    verhouding b/c: ${fmt(bRate / cRate, 2)} (doel ≥ 0,5: ${bRate / cRate >= 0.5 ? 'gehaald' : 'niet gehaald'})\n` +
        `(c′) kale inserts, commit per pagina:   ${fmt(c.rows)} rijen in ${fmt(c.pagedSeconds, 2)} s = ${fmt(cPagedRate)} rijen/s` +
        ` (c′/c ${fmt(cPagedRate / cRate, 2)}: wat de commit per pagina alleen al kost; b/c′ ${fmt(bRate / cPagedRate, 2)})\n` +
        `    heap na de pagina's (tweede, ongetimede ronde): eerste tiende gem. ${mb(early)}, laatste tiende gem. ${mb(late)}, max ${mb(Math.max(...heap))}` +
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
