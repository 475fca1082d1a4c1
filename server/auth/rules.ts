// The numbers of the sign-in rules (DESIGN §3 and §7) in one place.
import { DAY, HOUR, MINUTE, SECOND } from '../clock.ts';

export const SignInRules = {
  /** An SMS code works 5 minutes (manuals: "De code is 5 minuten beschikbaar"). */
  codeTtlMs: 5 * MINUTE,
  codeMaxTries: 5,
  resendAfterMs: 60 * SECOND,
  maxCodesPerHour: 5,
  /** After more than 90 days without login the device must be verified again. */
  deviceIdleMs: 90 * DAY,
  /** A half-done login (between password and SMS/password change) is kept this long. */
  loginAttemptTtlMs: 15 * MINUTE,
  sessionIdleMs: 30 * MINUTE,
  /**
   * last_seen_at is refreshed at most this often: each refresh is a durable write, and once in 30 s is plenty for a
   * 30-minute idle limit. The session then ends up to 30 s before, never after, 30 minutes without a request.
   */
  sessionTouchIntervalMs: 30 * SECOND,
  sessionAbsoluteMs: 12 * HOUR,
  /** The reset link in the e-mail works 5 minutes (Careyn manual). */
  resetTtlMs: 5 * MINUTE,
  maxResetMailsPerHour: 3,
  /** Per account: after 5 failures a delay that doubles with each further failure: 1, 2, 4 … 60 minutes. */
  accountFreeFailures: 5,
  /** Per address: more room (a ward PC serves many residents), same doubling. */
  addressFreeFailures: 20,
  lockBaseMs: 1 * MINUTE,
  lockMaxMs: 60 * MINUTE,
  /** Failures older than this are forgotten. */
  failureMemoryMs: 24 * HOUR,
  /** The remembered-device cookie outlives the 90-day rule; the server decides whether it still counts. */
  deviceCookieMaxAgeMs: 400 * DAY,
} as const;
