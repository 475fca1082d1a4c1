// `npm run bench [-- --clients 1000 --years 5 --duration 10 --rounds 3 --fresh]`: issue 3 §7. Not a test: it prints figures
// and their ratio to a baseline measured in the same run, and says whether the targets are met.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { scaleDatabase } from './scale-db.ts';
import { randomSessions } from './sessions.ts';
import { startServerProcess } from './server-process.ts';
import { httpBench, type HttpFigures } from './http-bench.ts';
import { browserBench } from './browser-bench.ts';
import { ensureWebBuild } from './web-build.ts';
import { ensureAuditHistory } from './audit-history.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    years: { type: 'string', default: '5' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    fresh: { type: 'boolean', default: false },
  },
});
const clients = Number(values.clients);
const years = Number(values.years);
const duration = Number(values.duration);
const rounds = Number(values.rounds);

const fmt = (n: number, digits = 0) => n.toLocaleString('nl-NL', { maximumFractionDigits: digits });

function table(rows: HttpFigures[]): string {
  const lines = rows.map(
    (r) =>
      `  ${r.name.padEnd(26)} ${fmt(r.requestsPerSecond).padStart(8)} req/s   p50 ${fmt(r.p50, 1).padStart(5)} ms   p99 ${fmt(r.p99, 1).padStart(5)} ms` +
      (r.non2xx || r.errors ? `   (${r.non2xx} niet-2xx, ${r.errors} fouten)` : ''),
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `Machine: ${cpu}, ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
  );
  const { dataDir, db } = await scaleDatabase(clients, years, values.fresh);
  const history = ensureAuditHistory(db);
  if (history > 0) process.stderr.write(`Auditlog aangevuld met ${fmt(history)} eerdere bezoeken\n`);
  const sessions = randomSessions(db, clients, 200);
  const [reader] = randomSessions(db, clients, 1, { clientOnly: true });
  const items = (
    db.prepare('SELECT COUNT(*) AS n FROM dossier_items WHERE client_id = ?').get(reader!.clientId) as { n: number }
  ).n;
  db.close();
  ensureWebBuild();
  const server = await startServerProcess(dataDir);
  try {
    const http = await httpBench(server.url, sessions, duration, rounds);
    const { panels, ratio } = http.median;
    process.stdout.write(
      `\nHTTP, 50 verbindingen, ${duration} s per meting, ${sessions.length} willekeurige gebruikers, ` +
        `${rounds} rondes (bare en panels steeds na elkaar):\n`,
    );
    http.rounds.forEach((r, n) => {
      process.stdout.write(`  ronde ${n + 1}:\n${table([r.bare, r.panels])}\n`);
    });
    process.stdout.write(
      `  mediane ronde: verhouding panels/bare ${fmt(ratio, 2)} (doel ≥ 0,5: ${ratio >= 0.5 ? 'gehaald' : 'NIET gehaald'}); ` +
        `p99 panels ${fmt(panels.p99, 1)} ms (doel ≤ 20 ms: ${panels.p99 <= 20 ? 'gehaald' : 'NIET gehaald'})\n`,
    );
    if (http.rounds.some((r) => r.panels.non2xx > 0))
      process.stdout.write('  LET OP: het panels-endpoint gaf niet-2xx-antwoorden.\n');

    const ui = await browserBench(server.url, reader!.token);
    process.stdout.write(
      `\nChromium (1024×768), Mijn dossier van ${reader!.username} met ${fmt(items)} dossierstukken, van klik op het tabblad tot getekend:\n`,
    );
    for (const t of ui.tabs) {
      process.stdout.write(
        `  ${t.tab.padEnd(10)} mediaan ${fmt(t.medianMs).padStart(4)} ms, max ${fmt(t.maxMs).padStart(4)} ms over ${t.runs} keer ` +
          `(doel ≤ 300 ms: ${t.medianMs <= 300 ? 'gehaald' : 'NIET gehaald'})\n`,
      );
    }
    process.stdout.write(`  kaarten van de tijdslijn in de pagina: ${ui.timelineCards} (alleen het zichtbare deel)\n`);
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
