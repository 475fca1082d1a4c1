// Dutch mobile numbers: users type 06-12345678, +31 6 1234 5678 or 0031612345678; we store E.164 (+316xxxxxxxx).
// Only mobile numbers are accepted: the number receives the SMS code.

const SEPARATORS = /[\s\-().]/g;

export function toDutchMobileE164(input: string): string | null {
  const compact = input.replace(SEPARATORS, '');
  let national: string | null = null;
  if (/^06\d{8}$/.test(compact)) national = compact.slice(1);
  else if (/^\+316\d{8}$/.test(compact)) national = compact.slice(3);
  else if (/^00316\d{8}$/.test(compact)) national = compact.slice(4);
  return national ? `+31${national}` : null;
}

/** "+31612345678" → "06******78": enough for a user to recognise his own number, useless to others. */
export function maskMobile(e164: string): string {
  const national = e164.startsWith('+31') ? `0${e164.slice(3)}` : e164;
  return national.slice(0, 2) + '*'.repeat(Math.max(0, national.length - 4)) + national.slice(-2);
}
