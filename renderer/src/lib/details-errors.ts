// Error texts of the Gegevens page. A few server codes mean something else here than at sign-in (a wrong code does
// not ask to log in again; a bad link does not point to "Wachtwoord vergeten?"), and the photo and phone fields have
// reasons of their own. Everything else falls back to the general texts.
import { ApiError } from '../api/api-error.ts';
import { describeError, type MessageDescriptor } from '../i18n/error-text.ts';

const OWN_CODES = new Set(['code_expired', 'code_tries_exceeded', 'link_invalid', 'link_expired', 'too_many_codes']);
const OWN_FIELD_CODES = new Set(['not_mobile', 'same_as_current', 'too_large', 'unsupported_type', 'not_allowed']);

export function describeDetailsError(error: unknown): MessageDescriptor {
  if (error instanceof ApiError) {
    for (const f of error.fields) {
      if (OWN_FIELD_CODES.has(f.code)) return { key: `details.fieldErrors.${f.code}` };
    }
    if (OWN_CODES.has(error.code)) return { key: `details.errors.${error.code}` };
  }
  return describeError(error);
}

/** Checked before uploading: the server checks again by the real format. */
export function photoProblem(file: { type: string; size: number }, maxBytes: number): MessageDescriptor | null {
  if (file.type !== 'image/jpeg' && file.type !== 'image/png') return { key: 'details.fieldErrors.unsupported_type' };
  if (file.size > maxBytes) return { key: 'details.fieldErrors.too_large' };
  return null;
}
