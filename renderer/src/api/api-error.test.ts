import { describe, expect, it } from 'vitest';
import { ApiError, toApiError } from './api-error.ts';

describe('toApiError', () => {
  it('reads the server error shape', () => {
    const e = toApiError(429, {
      error: { code: 'too_many_attempts', message: 'Too many attempts', details: { retryAfterSeconds: 125 } },
    });
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(429);
    expect(e.code).toBe('too_many_attempts');
    expect(e.details.retryAfterSeconds).toBe(125);
  });

  it('keeps well-formed field issues only', () => {
    const e = toApiError(400, {
      error: {
        code: 'weak_password',
        message: 'weak',
        details: { fields: [{ path: 'newPassword', code: 'too_weak', message: 'x' }, { nonsense: true }, null] },
      },
    });
    expect(e.fields).toEqual([{ path: 'newPassword', code: 'too_weak', message: 'x' }]);
    expect(e.field('newPassword')?.code).toBe('too_weak');
    expect(e.field('username')).toBeUndefined();
  });

  it('drops nonsensical numbers', () => {
    const e = toApiError(400, { error: { code: 'invalid_code', message: '', details: { attemptsLeft: -1 } } });
    expect(e.details.attemptsLeft).toBeUndefined();
  });

  it('maps no answer to network, unknown codes and non-JSON bodies to unknown/internal', () => {
    expect(toApiError(0, undefined).code).toBe('network');
    expect(toApiError(400, { error: { code: 'brand_new_code', message: '' } }).code).toBe('unknown');
    expect(toApiError(502, '<html>Bad gateway</html>').code).toBe('internal_error');
    expect(toApiError(404, '').code).toBe('unknown');
  });
});
