// `npm run web` / `npm run serve`: starts the portal server (API + web UI) on the configured address.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { startPortal } from './start.ts';
import { DEMO_LOGINS, seedDemo } from './demo/seed.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  if (config.testHooks)
    log.warn('PORTAL_TEST_HOOKS is on: the clock can be moved over HTTP. Never use this in production.');
  const portal = await startPortal(config, { log });
  if (values.demo) {
    const created = await seedDemo(portal.deps);
    if (created.length > 0) log.info('demo accounts created', { usernames: created });
  }
  const lines = [
    '',
    `Cliëntportaal van ${config.organisationName} draait op ${config.publicUrl}`,
    `Gegevens: ${config.dataDir}`,
    config.sms.kind === 'file'
      ? `SMS-codes (demo): ${config.outboxDir}/sms.jsonl en hieronder in het log`
      : 'SMS via Twilio',
    config.smtpUrl ? 'E-mail via SMTP' : `E-mail (demo): ${config.outboxDir}/mail/*.eml`,
  ];
  if (values.demo) {
    lines.push('Demo-logins (gebruikersnaam wachtwoord):');
    for (const l of DEMO_LOGINS) lines.push(`  ${l.username} ${l.password}`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');

  const shutdown = (signal: string) => {
    log.info('stopping', { signal });
    portal.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write('Het adres is al in gebruik: draait het portaal al? Kies anders een andere PORTAL_PORT.\n');
    process.exit(1);
  }
  process.stderr.write(
    (err instanceof ConfigError ? err.message : err instanceof Error ? err.stack : String(err)) + '\n',
  );
  process.exit(1);
});
