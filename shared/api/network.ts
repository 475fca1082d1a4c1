// The client's network (issue 4 §1–§3): Gebruikersbeheer (the permission grid), invitations by e-mail, and accepting
// them (a new person from the link in the e-mail; a person with an account under Uitnodigingen).
import { z } from 'zod';
import { ClientIdParams } from './clients.ts';
import { ResetToken } from './auth.ts';
import type { MemberRole, Rights } from '../sections.ts';

const base = '/clients/:clientId';
export const NetworkPath = {
  network: `${base}/network`,
  member: `${base}/network/:userId`,
  invitations: `${base}/invitations`,
  invitation: `${base}/invitations/:invitationId`,
  resend: `${base}/invitations/:invitationId/resend`,
  /** Public: the token from the e-mail is the proof. */
  lookup: '/invitations/lookup',
  acceptNew: '/invitations/accept-new',
  /** Signed in: the invitations addressed to the caller's own e-mail address. */
  mine: '/me/invitations',
  accept: '/me/invitations/:invitationId/accept',
  decline: '/me/invitations/:invitationId/decline',
} as const;

/** The renderer route the e-mail link opens; the token travels in the fragment (`#token=…`), like the reset link. */
export const INVITATION_ROUTE = '/uitnodiging';

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31);

export const MemberParams = ClientIdParams.extend({ userId: id });
export const InvitationParams = ClientIdParams.extend({ invitationId: id });
export const MyInvitationParams = z.object({ invitationId: id });

/** A calendar date (Europe/Amsterdam): access lasts through the end of that day. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'invalid_date');

const RightsPatch = z
  .strictObject({
    messages: z.boolean(),
    appointments: z.boolean(),
    dossier: z.boolean(),
    data: z.boolean(),
    settings: z.boolean(),
  })
  .partial();

/** One click in the grid: some rights and/or the end date (null removes it). */
export const UpdateMemberBody = z
  .strictObject({
    rights: RightsPatch.optional(),
    accessUntil: isoDate.nullable().optional(),
  })
  .refine((b) => b.rights !== undefined || b.accessUntil !== undefined, { path: ['rights'], message: 'required' });
export type UpdateMemberBody = z.input<typeof UpdateMemberBody>;

const name = z.string().trim().min(1, 'required').max(60, 'too_long');

/** Gebruiker toevoegen. The mobile number is checked for being a Dutch mobile by the server (field reason). */
export const CreateInvitationBody = z.strictObject({
  email: z.string().trim().min(1, 'required').max(254, 'too_long').email('invalid_email'),
  firstName: name,
  lastName: name,
  relation: z.string().trim().min(1, 'required').max(80, 'too_long'),
  mobile: z.string().trim().min(1, 'required').max(30, 'too_long'),
});
export type CreateInvitationBody = z.input<typeof CreateInvitationBody>;

/** Invitation tokens have the shape of reset tokens: 43 base64url characters (256 bits). */
export const InvitationTokenBody = z.strictObject({ token: ResetToken });
export type InvitationTokenBody = z.infer<typeof InvitationTokenBody>;

export const AcceptNewBody = z.strictObject({
  token: ResetToken,
  username: z
    .string()
    .trim()
    .min(3, 'too_short')
    .max(64, 'too_long')
    .regex(/^[a-zA-Z0-9._-]+$/, 'invalid_username'),
  // The rules of a new password (length, strength) are judged on the server with a field reason; here the hard cap.
  password: z.string().min(1, 'required').max(512, 'too_long'),
});
export type AcceptNewBody = z.infer<typeof AcceptNewBody>;

export interface NetworkRow {
  userId: number;
  name: string;
  role: MemberRole;
  /** "Eerste relatie/contactpersoon", … for a contact; the UI shows "Cliënt" / "Wettelijk vertegenwoordiger" by role. */
  relation: string | null;
  /** The "slotje": cannot be removed or lose rights (client, representative, contacts registered in the EHR). */
  locked: boolean;
  rights: Rights;
  /** Last day of access (YYYY-MM-DD, Amsterdam), or null: no end. */
  accessUntil: string | null;
  /** The end date has passed: access stopped ("verlopen"). */
  expired: boolean;
  /** This row is the caller. */
  me: boolean;
}

export interface NetworkResponse {
  rows: NetworkRow[];
  /** False when the organisation forbids giving contacts the Instellingen right (SVRZ). */
  settingsDelegable: boolean;
}

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'expired';

export interface InvitationItem {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  relation: string;
  /** "06******78" */
  maskedMobile: string;
  status: InvitationStatus;
  createdAt: string;
  sentAt: string;
  expiresAt: string;
  invitedBy: string;
}

export interface InvitationsResponse {
  invitations: InvitationItem[];
}

export interface InvitationLookupResponse {
  clientName: string;
  email: string;
  firstName: string;
  /** An account with this e-mail exists: the UI offers "Inloggen" (then Uitnodigingen) besides creating one. */
  existingAccount: boolean;
}

export interface AcceptNewResponse {
  /** Sign in with it; the first login verifies the device by SMS to the mobile number in the invitation. */
  username: string;
}

export interface MyInvitation {
  id: number;
  clientName: string;
  relation: string;
  invitedBy: string;
  expiresAt: string;
}

export interface MyInvitationsResponse {
  invitations: MyInvitation[];
}

export interface AcceptResponse {
  clientId: number;
}
