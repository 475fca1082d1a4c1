import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { ErrorCode } from '../../../shared/api/errors.ts';
import { ApiError } from '../api/api-error.ts';
import { describeError, describeFieldIssue, minutesFromSeconds, type MessageDescriptor } from './error-text.ts';
import { nl } from './nl.ts';
import { en } from './en.ts';

const i18n = createI18n({ legacy: false, locale: 'nl', fallbackLocale: 'nl', messages: { nl, en } });
function text(m: MessageDescriptor, locale: 'nl' | 'en' = 'nl'): string {
  i18n.global.locale.value = locale;
  return m.plural === undefined ? i18n.global.t(m.key, m.named ?? {}) : i18n.global.t(m.key, m.named ?? {}, m.plural);
}
function has(tree: object, key: string): boolean {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

describe('describeError', () => {
  it.each(Object.values(ErrorCode))('has a Dutch and an English text for %s', (code) => {
    const m = describeError(new ApiError(400, code, ''));
    expect(has(nl, m.key)).toBe(true);
    expect(has(en, m.key)).toBe(true);
    expect(m.key).not.toBe('errors.generic');
  });

  it('says exactly what the manuals say for a wrong password', () => {
    expect(text(describeError(new ApiError(401, 'invalid_credentials', '')))).toBe(
      'Gebruikersnaam of wachtwoord is onjuist.',
    );
  });

  it('rounds the lock-out up to whole minutes', () => {
    expect(minutesFromSeconds(1)).toBe(1);
    expect(minutesFromSeconds(60)).toBe(1);
    expect(minutesFromSeconds(61)).toBe(2);
    expect(minutesFromSeconds(0)).toBe(1);
    const e = new ApiError(429, 'too_many_attempts', '', { retryAfterSeconds: 299 });
    expect(text(describeError(e))).toBe('Te veel pogingen. Probeer het over 5 minuten opnieuw.');
    const one = new ApiError(429, 'too_many_attempts', '', { retryAfterSeconds: 30 });
    expect(text(describeError(one))).toBe('Te veel pogingen. Probeer het over 1 minuut opnieuw.');
    expect(text(describeError(e), 'en')).toBe('Too many attempts. Try again in 5 minutes.');
  });

  it('tells how many code tries are left', () => {
    const e = new ApiError(400, 'invalid_code', '', { attemptsLeft: 3 });
    expect(text(describeError(e))).toBe('De code is onjuist. U kunt het nog 3 keer proberen.');
    expect(text(describeError(new ApiError(400, 'invalid_code', '')))).toBe('De code is onjuist.');
  });

  it('uses the manual text for an expired code', () => {
    expect(text(describeError(new ApiError(400, 'code_expired', '')))).toBe(
      'De code is verlopen. Vraag een nieuwe code aan.',
    );
  });

  it('falls back to the generic text', () => {
    const generic = 'Er ging iets mis. Probeer het later opnieuw.';
    expect(text(describeError(new Error('x')))).toBe(generic);
    expect(text(describeError(new ApiError(500, 'unknown', '')))).toBe(generic);
    expect(text(describeError(new ApiError(500, 'internal_error', '')))).toBe(generic);
  });
});

describe('describeFieldIssue', () => {
  it('maps password problems and zod messages', () => {
    expect(describeFieldIssue({ path: 'newPassword', code: 'too_short', message: '' }).key).toBe(
      'fieldErrors.too_short',
    );
    expect(describeFieldIssue({ path: 'newPassword', code: 'too_long', message: '' }).key).toBe(
      'fieldErrors.password_too_long',
    );
    expect(describeFieldIssue({ path: 'username', code: 'too_small', message: 'required' }).key).toBe(
      'fieldErrors.required',
    );
    expect(describeFieldIssue({ path: 'email', code: 'invalid_format', message: 'invalid_email' }).key).toBe(
      'fieldErrors.invalid_email',
    );
    expect(describeFieldIssue({ path: 'x', code: 'custom', message: 'whatever' }).key).toBe('fieldErrors.invalid');
  });
});
