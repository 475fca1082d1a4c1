// `npm run admin -- <command>`: staff commands against the same PORTAL_DATA_DIR as the server.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { systemClock } from '../clock.ts';
import { scryptHasher, temporaryPassword } from '../auth/passwords.ts';
import { AccountError, createClientAccount, createStaffAccount } from '../accounts/create-account.ts';
import { ensureLocation, setClientLocation } from '../db/repos/locations.ts';
import { runSyncCommand, SYNC_USAGE, SyncCliError } from './sync-commands.ts';
import type { ProgressStream } from './sync-progress.ts';
import { findUserByUsername } from '../db/repos/users.ts';
import { revokeDevices } from '../db/repos/devices.ts';
import { clearFailures, accountKey } from '../auth/throttle.ts';
import { audit } from '../audit/audit.ts';
import { flushAuditQueue } from '../db/repos/audit-log.ts';
import { seedDemo, DEMO_LOGINS } from '../demo/seed.ts';
import { findClientByUserId } from '../db/repos/clients.ts';
import { buildScaleDemo, SCALE_PASSWORD, scaleUsername } from '../demo/scale/build.ts';
import { progressPrinter } from '../demo/scale/progress.ts';
import { findMemberRow, setRights } from '../db/repos/memberships.ts';
import { SECTIONS, type Rights, type Section } from '../../shared/sections.ts';

const USAGE = `Gebruik: npm run admin -- <opdracht> [opties]

Opdrachten:
  client:create --name "Truus van Dorp" --username truus --email truus@example.nl --mobile 0612345678
                [--location "De Linde"]
        Maakt een cliënt met een eigen login; toont eenmalig een tijdelijk wachtwoord. Met --location kunnen
        medewerkers van die locatie hem helpen bij de eerste keer inloggen op hun afdelings-pc.
  client:location --username truus --location "De Linde"
        Legt vast op welke locatie een cliënt woont.
  staff:create --name "Anna de Zorg" --username anna --email anna@example.nl --mobile 0611111111 --location "De Linde"
        Maakt een medewerker van een locatie (de locatie wordt zo nodig aangemaakt); toont eenmalig een tijdelijk
        wachtwoord. Een medewerker registreert afdelings-pc's en helpt bewoners bij de eerste keer inloggen.
  user:reset-devices --username X   Vergeet alle onthouden apparaten (volgende login vraagt een SMS-code).
  user:unlock --username X          Heft de tijdelijke blokkade na te veel mislukte inlogpogingen op.
  member:rights --client truus --username annie --sections afspraken,berichten
        Zet de rechten van een contactpersoon bij een cliënt (berichten, afspraken, dossier, gegevens,
        instellingen; "geen" haalt alle rechten weg). Normaal doet de cliënt dit zelf in Gebruikersbeheer.
${SYNC_USAGE}  demo:seed                         Maakt de demo-accounts (truus, annie) als ze nog niet bestaan.
  demo:seed --clients 1000 --years 5
        Bouwt daarnaast een grote, realistische database (schaal-0001 … met elk twee contactpersonen,
        rapportages, afspraken, plannen, berichten en prikbordberichten) voor metingen, met voortgangsbalk.
`;

export class CliError extends Error {}

const stderr: ProgressStream = {
  write: (s) => process.stderr.write(s),
  isTTY: process.stderr.isTTY === true,
  columns: process.stderr.columns,
};

/** `out` gets the results (stdout); `progress` the progress displays (stderr, or a test's own sink). */
export async function runAdmin(
  argv: string[],
  out: (s: string) => void,
  progress: ProgressStream = stderr,
): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    out(USAGE);
    if (!command) throw new CliError('Geen opdracht gegeven.');
    return;
  }
  const config = loadConfig();
  const db = openDatabase(config.dbFile);
  const deps = { db, clock: systemClock, hasher: scryptHasher() };
  try {
    switch (command) {
      case 'client:create': {
        const v = options(rest, ['name', 'username', 'email', 'mobile'], ['location']);
        const password = temporaryPassword();
        const created = await createClientAccount(
          deps,
          { name: v.name, username: v.username, email: v.email, mobile: v.mobile },
          password,
          { mustChangePassword: true, ...(v.location !== undefined ? { location: v.location } : {}) },
        );
        out(`Cliënt aangemaakt: ${v.name} (gebruikersnaam ${v.username}, cliëntnummer ${created.clientId})`);
        out(`Tijdelijk wachtwoord (wordt maar één keer getoond): ${password}`);
        out('Bij de eerste keer inloggen kiest de cliënt een nieuw wachtwoord.');
        return;
      }
      case 'client:location': {
        const v = options(rest, ['username', 'location']);
        const user = requireUser(db, v.username);
        const client = user.kind === 'client' ? findClientByUserId(db, user.id) : null;
        if (!client) throw new CliError(`${v.username} is geen cliënt.`);
        const name = v.location.trim();
        if (name.length < 2 || name.length > 120) throw new CliError('--location: 2 tot 120 tekens.');
        const location = db.transaction(() => {
          const at = systemClock.now().toISOString();
          const found = ensureLocation(db, name, at).location;
          setClientLocation(db, client.id, found.id);
          audit(deps, null, {
            userId: user.id,
            username: user.username,
            clientId: client.id,
            action: 'admin.client-location',
            outcome: 'success',
            detail: found.name,
          });
          return found;
        })();
        out(`${client.displayName} woont op locatie ${location.name}.`);
        return;
      }
      case 'staff:create': {
        const v = options(rest, ['name', 'username', 'email', 'mobile', 'location']);
        const password = temporaryPassword();
        const created = await createStaffAccount(
          deps,
          { name: v.name, username: v.username, email: v.email, mobile: v.mobile, location: v.location },
          password,
          { mustChangePassword: true },
        );
        out(
          `Medewerker aangemaakt: ${v.name} (gebruikersnaam ${v.username}), locatie ${created.location}` +
            (created.locationCreated ? ' (nieuwe locatie)' : ''),
        );
        out(`Tijdelijk wachtwoord (wordt maar één keer getoond): ${password}`);
        out('De medewerker logt één keer in op het portaal (met SMS-code) en kiest een eigen wachtwoord.');
        return;
      }
      case 'user:reset-devices': {
        const user = requireUser(db, options(rest, ['username']).username);
        const n = db.transaction(() => {
          const count = revokeDevices(db, user.id, systemClock.now().toISOString());
          audit(deps, null, {
            userId: user.id,
            username: user.username,
            action: 'admin.reset-devices',
            outcome: 'success',
            detail: `revoked ${count}`,
          });
          return count;
        })();
        out(`${n} onthouden apparaat/apparaten vergeten voor ${user.username}. De volgende login vraagt een SMS-code.`);
        return;
      }
      case 'user:unlock': {
        const user = requireUser(db, options(rest, ['username']).username);
        db.transaction(() => {
          clearFailures(db, accountKey(user.username));
          audit(deps, null, { userId: user.id, username: user.username, action: 'admin.unlock', outcome: 'success' });
        })();
        out(`${user.username} kan weer inloggen.`);
        return;
      }
      case 'member:rights': {
        const v = options(rest, ['client', 'username', 'sections']);
        const clientUser = requireUser(db, v.client);
        const client = findClientByUserId(db, clientUser.id);
        const member = requireUser(db, v.username);
        const membership = client ? findMemberRow(db, client.id, member.id) : null;
        if (!client || !membership) throw new CliError(`${v.username} hoort niet bij het netwerk van ${v.client}.`);
        if (membership.role !== 'contact')
          throw new CliError(`${v.username} heeft als cliënt of vertegenwoordiger altijd alle rechten.`);
        const wanted = parseSections(v.sections);
        const rights = Object.fromEntries(SECTIONS.map((s) => [s, wanted.includes(s)])) as Rights;
        db.transaction(() => {
          setRights(db, client.id, member.id, rights);
          audit(deps, null, {
            userId: member.id,
            username: member.username,
            clientId: client.id,
            action: 'admin.member-rights',
            outcome: 'success',
            detail: wanted.join(',') || 'none',
          });
        })();
        out(
          `Rechten van ${member.username} bij ${client.displayName}: ${wanted.map((s) => SECTION_WORDS_NL[s]).join(', ') || 'geen'}.`,
        );
        return;
      }
      case 'demo:seed': {
        const scale = scaleOptions(rest);
        const created = await seedDemo(deps);
        out(created.length ? `Aangemaakt: ${created.join(', ')}` : 'De demo-accounts bestonden al.');
        for (const l of DEMO_LOGINS) out(`  ${l.username} ${l.password}`);
        if (scale) {
          const started = performance.now();
          const result = await buildScaleDemo(deps, {
            ...scale,
            progress: progressPrinter(
              (s) => progress.write(s),
              progress.isTTY,
              () => performance.now() - started,
            ),
          });
          out(
            `Schaaldata: ${scale.clients} cliënten over ${scale.years} jaar, ${result.rows.toLocaleString('nl-NL')} rijen` +
              (result.skipped ? ` (${result.skipped} cliënten bestonden al)` : '') +
              ` in ${Math.round((performance.now() - started) / 1000)} s.`,
          );
          out(`  Inloggen als ${scaleUsername(1)} … ${scaleUsername(scale.clients)} met wachtwoord ${SCALE_PASSWORD}`);
        }
        return;
      }
      default: {
        const ctx = {
          db,
          clock: systemClock,
          config,
          options: (required: string[]) => options(rest, required) as Record<string, string>,
          out,
          progress,
        };
        if (await runSyncCommand(command, ctx)) return;
        out(USAGE);
        throw new CliError(`Onbekende opdracht: ${command}`);
      }
    }
  } finally {
    flushAuditQueue(db);
    db.close();
  }
}

/** `--clients N --years Y` (both or neither); null without them. */
function scaleOptions(args: string[]): { clients: number; years: number } | null {
  const v = options(args, [], ['clients', 'years']);
  if (v.clients === undefined && v.years === undefined) return null;
  const clients = Number(v.clients ?? '');
  const years = Number(v.years ?? '1');
  if (!Number.isInteger(clients) || clients < 1 || clients > 100_000)
    throw new CliError('--clients moet een geheel getal van 1 tot en met 100000 zijn.');
  if (!Number.isInteger(years) || years < 1 || years > 20)
    throw new CliError('--years moet een geheel getal van 1 tot en met 20 zijn.');
  return { clients, years };
}

function options<K extends string, O extends string = never>(
  args: string[],
  required: K[],
  optional: O[] = [],
): Record<K, string> & Partial<Record<O, string>> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      options: Object.fromEntries([...required, ...optional].map((k) => [k, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const missing = required.filter((k) => typeof values[k] !== 'string' || (values[k] as string).trim() === '');
  if (missing.length) throw new CliError(`Ontbrekende optie(s): ${missing.map((m) => `--${m}`).join(', ')}`);
  return values as Record<K, string> & Partial<Record<O, string>>;
}

const SECTION_WORDS_NL: Record<Section, string> = {
  messages: 'berichten',
  appointments: 'afspraken',
  dossier: 'dossier',
  data: 'gegevens',
  settings: 'instellingen',
};

function parseSections(text: string): Section[] {
  const words = text
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  if (words.length === 1 && words[0] === 'geen') return [];
  const byWord = new Map(SECTIONS.flatMap((s) => [[SECTION_WORDS_NL[s], s] as const, [s, s] as const]));
  const unknown = words.filter((w) => !byWord.has(w));
  if (unknown.length > 0 || words.length === 0) {
    throw new CliError(
      `Onbekend onderdeel: ${unknown.join(', ') || '(leeg)'}. Kies uit: ${Object.values(SECTION_WORDS_NL).join(', ')} of geen.`,
    );
  }
  return [...new Set(words.map((w) => byWord.get(w)!))];
}

function requireUser(db: ReturnType<typeof openDatabase>, username: string) {
  const user = findUserByUsername(db, username);
  if (!user) throw new CliError(`Gebruiker "${username}" bestaat niet.`);
  return user;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  runAdmin(process.argv.slice(2), (s) => process.stdout.write(s + '\n')).catch((err) => {
    const known =
      err instanceof CliError ||
      err instanceof AccountError ||
      err instanceof ConfigError ||
      err instanceof SyncCliError;
    process.stderr.write(`Fout: ${known ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(2);
  });
}
