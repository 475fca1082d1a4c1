import { describe, expect, it } from 'vitest';
import { scryptHasher, temporaryPassword } from './passwords.ts';

describe('password hashing', () => {
  it('uses scrypt with OWASP parameters by default and verifies', async () => {
    const h = scryptHasher();
    const stored = await h.hash('blauwe-fiets-regen-7');
    expect(stored).toMatch(/^scrypt\$17\$8\$1\$/);
    expect(await h.verify('blauwe-fiets-regen-7', stored)).toBe(true);
    expect(await h.verify('blauwe-fiets-regen-8', stored)).toBe(false);
  });

  it('salts every hash and verifies hashes made with other parameters', async () => {
    const cheap = scryptHasher(10);
    const a = await cheap.hash('same');
    expect(a).not.toBe(await cheap.hash('same'));
    expect(await scryptHasher().verify('same', a)).toBe(true);
    expect(await cheap.verify('same', 'garbage')).toBe(false);
  });

  it('makes readable temporary passwords without look-alike characters', () => {
    const p = temporaryPassword();
    expect(p).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
    expect(p).not.toMatch(/[01lIO]/);
  });
});
