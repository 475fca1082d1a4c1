// Error codes the API returns in `{ error: { code, message, details } }`.
// The renderer maps each code to a Dutch/English text; `message` is an English fallback for logs and tools.
export const ErrorCode = {
  validation: 'validation_failed',
  invalidCredentials: 'invalid_credentials',
  tooManyAttempts: 'too_many_attempts',
  unauthenticated: 'unauthenticated',
  sessionExpired: 'session_expired',
  forbidden: 'forbidden',
  notFound: 'not_found',
  methodNotAllowed: 'method_not_allowed',
  loginExpired: 'login_expired',
  wrongStage: 'wrong_stage',
  invalidCode: 'invalid_code',
  codeExpired: 'code_expired',
  codeTriesExceeded: 'code_tries_exceeded',
  resendTooSoon: 'resend_too_soon',
  tooManyCodes: 'too_many_codes',
  wrongCurrentPassword: 'wrong_current_password',
  weakPassword: 'weak_password',
  linkInvalid: 'link_invalid',
  linkExpired: 'link_expired',
  badOrigin: 'bad_origin',
  unsupportedMediaType: 'unsupported_media_type',
  payloadTooLarge: 'payload_too_large',
  // the client's network (issue 4)
  locked: 'locked',
  settingsNotDelegable: 'settings_not_delegable',
  alreadyMember: 'already_member',
  invitationExists: 'invitation_exists',
  invitationExpired: 'invitation_expired',
  invitationClosed: 'invitation_closed',
  usernameTaken: 'username_taken',
  // ward computers and the assisted first login (issue 5)
  staffOnly: 'staff_only',
  notAWardComputer: 'not_a_ward_computer',
  otherLocation: 'other_location',
  notFirstLogin: 'not_first_login',
  staffMustChangePassword: 'staff_must_change_password',
  /** Desktop app: a ward computer's secret could not be stored (no working keychain). */
  keychainUnavailable: 'keychain_unavailable',
  internal: 'internal_error',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldIssue {
  /** Dotted path of the field, e.g. `newPassword`. */
  path: string;
  /** Machine-readable reason (zod issue code or our own, e.g. `too_short`, `common_password`). */
  code: string;
  message: string;
}

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: { fields?: FieldIssue[]; retryAfterSeconds?: number; attemptsLeft?: number; [k: string]: unknown };
  };
}
