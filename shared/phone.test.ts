import { describe, expect, it } from 'vitest';
import { maskMobile, toDutchMobileE164 } from './phone.ts';

describe('Dutch mobile numbers', () => {
  it.each([
    ['0612345678', '+31612345678'],
    ['06-12345678', '+31612345678'],
    ['06 1234 5678', '+31612345678'],
    ['+31 6 12345678', '+31612345678'],
    ['+31612345678', '+31612345678'],
    ['0031612345678', '+31612345678'],
  ])('accepts %s as %s', (input, e164) => expect(toDutchMobileE164(input)).toBe(e164));

  it.each(['010-1234567', '0201234567', '+3120123456', '061234567', '06123456789', '+4915112345678', '', 'abc'])(
    'refuses %s (not a Dutch mobile number)',
    (input) => expect(toDutchMobileE164(input)).toBeNull(),
  );

  it('masks all but the first two and last two digits', () => {
    expect(maskMobile('+31612345678')).toBe('06******78');
  });
});
