// Which text to show for an API error. Pure: returns a message descriptor, the caller translates it.
import type { FieldIssue } from '../../../shared/api/errors.ts';
import { ApiError } from '../api/api-error.ts';
import { nl } from './nl.ts';

export interface MessageDescriptor {
  key: string;
  named?: Record<string, string | number>;
  /** Chooses the vue-i18n plural form. */
  plural?: number;
}

export const GENERIC_ERROR: MessageDescriptor = { key: 'errors.generic' };

/** Seconds → whole minutes, rounded up, at least 1 ("Probeer het over 1 minuut opnieuw" rather than 0). */
export function minutesFromSeconds(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

export function describeError(error: unknown): MessageDescriptor {
  if (!(error instanceof ApiError)) return GENERIC_ERROR;
  const { code, details } = error;
  switch (code) {
    case 'network':
      return { key: 'errors.network' };
    case 'unknown':
      return GENERIC_ERROR;
    case 'too_many_attempts': {
      if (details.retryAfterSeconds === undefined) return { key: 'errors.too_many_attempts_later' };
      const n = minutesFromSeconds(details.retryAfterSeconds);
      return { key: 'errors.too_many_attempts', named: { n }, plural: n };
    }
    case 'invalid_code': {
      if (details.attemptsLeft === undefined) return { key: 'errors.invalid_code_plain' };
      const n = details.attemptsLeft;
      return { key: 'errors.invalid_code', named: { n }, plural: n };
    }
    case 'resend_too_soon': {
      if (details.retryAfterSeconds === undefined) return { key: 'errors.resend_too_soon_plain' };
      const n = Math.max(1, Math.ceil(details.retryAfterSeconds));
      return { key: 'errors.resend_too_soon', named: { n }, plural: n };
    }
    case 'too_many_codes': {
      if (details.retryAfterSeconds === undefined) return { key: 'errors.too_many_codes' };
      const n = minutesFromSeconds(details.retryAfterSeconds);
      return { key: 'errors.too_many_codes_minutes', named: { n }, plural: n };
    }
    default:
      return code in nl.errors ? { key: `errors.${code}` } : GENERIC_ERROR;
  }
}

const FIELD_KEYS = new Set(Object.keys(nl.fieldErrors));

/** Text for one field issue of a 400 answer. Our own codes first; zod's custom messages ('required', …) second. */
export function describeFieldIssue(issue: Pick<FieldIssue, 'path' | 'code' | 'message'>): MessageDescriptor {
  const isPassword = /password$/i.test(issue.path);
  for (const candidate of [issue.code, issue.message]) {
    if (candidate === 'too_long' && isPassword) return { key: 'fieldErrors.password_too_long' };
    if (FIELD_KEYS.has(candidate)) return { key: `fieldErrors.${candidate}` };
  }
  return { key: 'fieldErrors.invalid' };
}
