// Password hashing with scrypt at OWASP's parameters (N=2^17, r=8, p=1): built into Node, no native addon to
// maintain. The parameters are stored in the hash, so they can be raised later without breaking old hashes.
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

const KEY_LENGTH = 32;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** A hash of a random password, verified against when the user does not exist, so both cases cost the same. */
  readonly dummyHash: Promise<string>;
}

export function scryptHasher(logN = 17, r = 8, p = 1): PasswordHasher {
  const params = (n: number, rr: number, pp: number): crypto.ScryptOptions => ({
    N: 2 ** n,
    r: rr,
    p: pp,
    maxmem: 2 * 128 * 2 ** n * rr + 1024 * 1024,
  });
  const hash = async (password: string) => {
    const salt = crypto.randomBytes(16);
    const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, params(logN, r, p));
    return `scrypt$${logN}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  };
  let dummy: Promise<string> | null = null;
  return {
    hash,
    async verify(password, stored) {
      const parts = stored.split('$');
      if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
      const [, n, rr, pp, salt, key] = parts as [string, string, string, string, string, string];
      const expected = Buffer.from(key, 'base64url');
      const actual = await scrypt(
        password.normalize('NFKC'),
        Buffer.from(salt, 'base64url'),
        expected.length,
        params(Number(n), Number(rr), Number(pp)),
      );
      return crypto.timingSafeEqual(expected, actual);
    },
    get dummyHash() {
      dummy ??= hash(crypto.randomBytes(16).toString('hex'));
      return dummy;
    },
  };
}

/** A readable temporary password for a new account (printed once by the admin CLI): four groups of letters. */
export function temporaryPassword(): string {
  // No 0/O, 1/l/I: staff read it aloud or write it on paper.
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[crypto.randomInt(alphabet.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}
