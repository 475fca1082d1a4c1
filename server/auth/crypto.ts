// Random tokens and their hashes. Tokens (sessions, devices, logins, reset links) have 256 bits, so a plain
// SHA-256 is enough to store them; the 6-digit SMS codes get an HMAC with the server's secret, because a plain
// hash of a million possibilities would be reversed in a second by anyone holding the database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** Every signed-in request hashes its token: the one-shot form skips building a Hash object each time. */
export function hashToken(token: string): string {
  return crypto.hash('sha256', token, 'hex');
}

export function randomSmsCode(): string {
  return crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** Binds the code to its login attempt, so a code can never be replayed on another attempt. */
export function hashSmsCode(secret: Buffer, attemptId: number, code: string): string {
  return crypto.createHmac('sha256', secret).update(`${attemptId}:${code}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** The server's own secret (HMAC key), created once per data directory and readable only by the server's user. */
export function loadOrCreateServerSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, 'server-secret');
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = crypto.randomBytes(32);
    fs.writeFileSync(file, secret.toString('base64url'), { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
