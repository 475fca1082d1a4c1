import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { describeDetailsError, photoProblem } from './details-errors.ts';

describe('describeDetailsError', () => {
  it('uses the Gegevens texts for field reasons and codes that mean something else here', () => {
    const field = new ApiError(400, 'validation_failed', 'x', {
      fields: [{ path: 'mobile', code: 'not_mobile', message: 'not_mobile' }],
    });
    expect(describeDetailsError(field)).toEqual({ key: 'details.fieldErrors.not_mobile' });
    expect(describeDetailsError(new ApiError(400, 'code_tries_exceeded', 'x'))).toEqual({
      key: 'details.errors.code_tries_exceeded',
    });
    expect(describeDetailsError(new ApiError(400, 'link_expired', 'x'))).toEqual({
      key: 'details.errors.link_expired',
    });
  });

  it('falls back to the general texts', () => {
    expect(describeDetailsError(new ApiError(403, 'forbidden', 'x'))).toEqual({ key: 'errors.forbidden' });
    expect(describeDetailsError(new Error('boom'))).toEqual({ key: 'errors.generic' });
  });
});

describe('photoProblem', () => {
  it('accepts JPEG and PNG up to the limit only', () => {
    expect(photoProblem({ type: 'image/jpeg', size: 10 }, 100)).toBeNull();
    expect(photoProblem({ type: 'image/png', size: 100 }, 100)).toBeNull();
    expect(photoProblem({ type: 'image/gif', size: 10 }, 100)).toEqual({ key: 'details.fieldErrors.unsupported_type' });
    expect(photoProblem({ type: 'image/png', size: 101 }, 100)).toEqual({ key: 'details.fieldErrors.too_large' });
  });
});
