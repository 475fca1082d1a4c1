// In-memory portal for unit tests of the sign-in rules: a migrated SQLite database, a fixed clock and a cheap
// hasher (the real cost is tested in the hasher's own test and end to end).
import crypto from 'node:crypto';
import { FixedClock } from '../clock.ts';
import { openDatabase } from '../db/open.ts';
import { scryptHasher } from '../auth/passwords.ts';
import { createClientAccount } from '../accounts/create-account.ts';
import type { AuthDeps, RequestMeta } from '../auth/deps.ts';

export function authFixture() {
  const clock = new FixedClock('2026-11-22T10:00:00Z');
  const deps: AuthDeps = {
    db: openDatabase(':memory:'),
    clock,
    hasher: scryptHasher(10),
    serverSecret: crypto.randomBytes(32),
    config: { organisationName: 'Careyn', publicUrl: 'https://portaal.example.nl', supportEmail: 'help@example.nl' },
  };
  const meta = (over: Partial<RequestMeta> = {}): RequestMeta => ({
    ip: '192.0.2.10',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0',
    deviceSecrets: [],
    deviceKind: 'browser',
    ...over,
  });
  const createTruus = (mustChangePassword = false) =>
    createClientAccount(
      deps,
      { name: 'Truus van Dorp', username: 'truus', email: 'truus@example.nl', mobile: '0612345678' },
      'Zonnebloem-Truus-1947',
      { mustChangePassword },
    );
  /** The codes in the outbox, newest last (the payload still holds the text until the worker sends it). */
  const smsCodes = (): string[] =>
    (
      deps.db.prepare(`SELECT payload FROM outbox WHERE channel = 'sms' ORDER BY id`).all() as { payload: string }[]
    ).map((r) => /\b(\d{6})\b/.exec(JSON.parse(r.payload).body as string)![1]!);
  return { deps, clock, meta, createTruus, smsCodes };
}
