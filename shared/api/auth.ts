// Request and response shapes of /api/v1/auth/*. Server parses every body with these schemas; the renderer
// uses the same types, so a renamed field breaks the build instead of the sign-in.
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../password-limits.ts';

const username = z.string().trim().min(1, 'required').max(64, 'too_long');
// The length rules of a *new* password are judged by judgePassword (with a field-level reason); here only the
// hard cap, so a megabyte of input never reaches the hash function.
const anyPassword = z
  .string()
  .min(1, 'required')
  .max(PASSWORD_MAX_LENGTH * 4, 'too_long');

/** Endpoints that take no input (resend-code, logout) still refuse unexpected fields. */
export const EmptyBody = z.object({}).strict();

export const LoginBody = z.object({ username, password: anyPassword }).strict();
export type LoginBody = z.infer<typeof LoginBody>;

export const VerifyDeviceBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'six_digits'),
  })
  .strict();
export type VerifyDeviceBody = z.infer<typeof VerifyDeviceBody>;

export const ChangePasswordBody = z.object({ currentPassword: anyPassword, newPassword: anyPassword }).strict();
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

export const ForgotPasswordBody = z
  .object({ username, email: z.string().trim().max(254, 'too_long').email('invalid_email') })
  .strict();
export type ForgotPasswordBody = z.infer<typeof ForgotPasswordBody>;

/** Reset tokens are 43 base64url characters (256 bits). */
export const ResetToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'invalid_token');

export const ResetCheckBody = z.object({ token: ResetToken }).strict();
export type ResetCheckBody = z.infer<typeof ResetCheckBody>;

export const ResetPasswordBody = z.object({ token: ResetToken, username, newPassword: anyPassword }).strict();
export type ResetPasswordBody = z.infer<typeof ResetPasswordBody>;

/** The signed-in user as the renderer sees him. */
export interface Me {
  id: number;
  username: string;
  displayName: string;
  kind: 'client' | 'contact' | 'staff';
}

export interface SessionInfo {
  /** ISO time at which the session ends when nothing happens (idle timeout). */
  idleExpiresAt: string;
  /** ISO time at which the session ends regardless of activity. */
  absoluteExpiresAt: string;
}

export interface VerificationInfo {
  /** "06******78" */
  maskedMobile: string;
  /** ISO time the current code stops working (5 minutes after it was sent). */
  codeExpiresAt: string;
  /** ISO time from which "Nieuwe code sturen" is allowed (60 s after the last send). */
  resendAvailableAt: string;
}

/**
 * What the client must do next after a sign-in step. The pending login is carried by an HttpOnly cookie
 * (`cp_login`), the session by `cp_session`, the remembered device by `cp_device`.
 */
export type AuthStep =
  | { next: 'verify-device'; verification: VerificationInfo }
  | { next: 'change-password' }
  /** Assisted first login on a ward computer: a staff member of `location` confirms who the resident is. */
  | { next: 'staff-confirm'; location: string }
  | { next: 'done'; me: Me; session: SessionInfo };

export interface MeResponse {
  me: Me;
  session: SessionInfo;
}

export interface ResendCodeResponse {
  verification: VerificationInfo;
}

export interface ResetCheckResponse {
  valid: true;
}

export interface ResetPasswordResponse {
  done: true;
}

export interface ForgotPasswordResponse {
  /** Always true: the answer is the same whether or not the account exists. */
  accepted: true;
}

export interface PublicInfo {
  organisationName: string;
  supportEmail: string;
  /** Link to the help video, shown on the Informatie page. */
  helpVideoUrl: string | null;
  manualUrl: string | null;
  /** The organisation's logo (GET /info/logo), or null when it has none: then the name is shown alone. */
  logoUrl: string | null;
  /** Main colour of the organisation's style (#rrggbb). */
  primaryColor: string;
  /** May clients and their network send messages to the care team ("zorgteam")? Pluryn, Hilverzorg, SVRZ: yes. */
  messagesToCareTeam: boolean;
  /** May the client post how he feels with a smiley on the prikbord? (SVRZ) */
  moodOnBoard: boolean;
  /** When the EHR data is synchronised, in the organisation's words (shown on the Informatie page). */
  syncScheduleText: string;
}
