import { describe, expect, it } from 'vitest';
import { judgePassword } from './password-rules.ts';

describe('password rules', () => {
  it('needs at least 10 characters, counting code points', () => {
    expect(judgePassword('kort').problems).toContain('too_short');
    expect(judgePassword('🌷🌷🌷🌷🌷🌷🌷🌷🌷').problems).toContain('too_short');
  });

  it('allows up to 128 characters', () => {
    expect(judgePassword('a1b2c3d4e5'.repeat(12) + 'xyzwvuts').ok).toBe(true);
    expect(judgePassword('x'.repeat(129)).problems).toContain('too_long');
  });

  it('refuses common and Dutch dictionary passwords', () => {
    for (const p of ['wachtwoord1', 'Welkom12345', 'Wachtwoord2026', 'qwertyuiop12']) {
      expect(judgePassword(p).problems, p).toContain('too_weak');
    }
  });

  it('refuses a password that contains the username', () => {
    expect(judgePassword('truusvandorp1947!', ['truus']).problems).toContain('contains_username');
  });

  it('accepts a passphrase without composition rules', () => {
    expect(judgePassword('blauwe fiets in de regen')).toMatchObject({ ok: true, problems: [] });
  });
});
