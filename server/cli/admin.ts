// `npm run admin -- <command>`: staff commands against the same PORTAL_DATA_DIR as the server.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { systemClock } from '../clock.ts';
import { scryptHasher, temporaryPassword } from '../auth/passwords.ts';
import { AccountError, createClientAccount } from '../accounts/create-account.ts';
import { findUserByUsername } from '../db/repos/users.ts';
import { revokeDevices } from '../db/repos/devices.ts';
import { clearFailures, accountKey } from '../auth/throttle.ts';
import { audit } from '../audit/audit.ts';
import { seedDemo, DEMO_LOGINS } from '../demo/seed.ts';

const USAGE = `Gebruik: npm run admin -- <opdracht> [opties]

Opdrachten:
  client:create --name "Truus van Dorp" --username truus --email truus@example.nl --mobile 0612345678
        Maakt een cliënt met een eigen login; toont eenmalig een tijdelijk wachtwoord.
  user:reset-devices --username X   Vergeet alle onthouden apparaten (volgende login vraagt een SMS-code).
  user:unlock --username X          Heft de tijdelijke blokkade na te veel mislukte inlogpogingen op.
  demo:seed                         Maakt de demo-accounts (truus, annie) als ze nog niet bestaan.
`;

export class CliError extends Error {}

export async function runAdmin(argv: string[], out: (s: string) => void): Promise<void> {
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
        const v = options(rest, ['name', 'username', 'email', 'mobile']);
        const password = temporaryPassword();
        const created = await createClientAccount(
          deps,
          { name: v.name, username: v.username, email: v.email, mobile: v.mobile },
          password,
          { mustChangePassword: true },
        );
        out(`Cliënt aangemaakt: ${v.name} (gebruikersnaam ${v.username}, cliëntnummer ${created.clientId})`);
        out(`Tijdelijk wachtwoord (wordt maar één keer getoond): ${password}`);
        out('Bij de eerste keer inloggen kiest de cliënt een nieuw wachtwoord.');
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
      case 'demo:seed': {
        options(rest, []);
        const created = await seedDemo(deps);
        out(created.length ? `Aangemaakt: ${created.join(', ')}` : 'De demo-accounts bestonden al.');
        for (const l of DEMO_LOGINS) out(`  ${l.username} ${l.password}`);
        return;
      }
      default:
        out(USAGE);
        throw new CliError(`Onbekende opdracht: ${command}`);
    }
  } finally {
    db.close();
  }
}

function options<K extends string>(args: string[], required: K[]): Record<K, string> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      options: Object.fromEntries(required.map((k) => [k, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const missing = required.filter((k) => typeof values[k] !== 'string' || (values[k] as string).trim() === '');
  if (missing.length) throw new CliError(`Ontbrekende optie(s): ${missing.map((m) => `--${m}`).join(', ')}`);
  return values as Record<K, string>;
}

function requireUser(db: ReturnType<typeof openDatabase>, username: string) {
  const user = findUserByUsername(db, username);
  if (!user) throw new CliError(`Gebruiker "${username}" bestaat niet.`);
  return user;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  runAdmin(process.argv.slice(2), (s) => process.stdout.write(s + '\n')).catch((err) => {
    const known = err instanceof CliError || err instanceof AccountError || err instanceof ConfigError;
    process.stderr.write(`Fout: ${known ? err.message : err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(2);
  });
}
