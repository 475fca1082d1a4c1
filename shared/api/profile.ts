// Request and response shapes of the user's own settings (issue 4 §5): preferences, own photo, remembered devices.
// Everything here is about the signed-in user himself, so the paths hang under /me, not under a client.
import { z } from 'zod';

export const ProfilePath = {
  preferences: '/me/preferences',
  photo: '/me/photo',
  devices: '/me/devices',
  device: '/me/devices/:deviceId',
  /** Another member's photo: only for users who share a client with him (else 404). */
  userPhoto: '/users/:userId/photo',
} as const;

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Side length of the stored own photo: square, re-encoded. */
export const OWN_PHOTO_SIDE = 256;

export const Preferences = z
  .object({
    language: z.enum(LANGUAGES, 'invalid_language'),
    largeText: z.boolean('must_be_boolean'),
    /** E-mail notice of new messages: opt-in, default off. The mail never carries the message. */
    emailOnNewMessage: z.boolean('must_be_boolean'),
  })
  .strict();
export type Preferences = z.infer<typeof Preferences>;

/** Only the fields to change; at least one. */
export const PatchPreferencesBody = Preferences.partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'empty' });
export type PatchPreferencesBody = z.infer<typeof PatchPreferencesBody>;

export interface ProfileResponse {
  preferences: Preferences;
  /** The own photo (changes with every upload), or null without one. */
  photoUrl: string | null;
}

export interface PhotoResponse {
  photoUrl: string;
}

export const DEVICE_TYPES = ['browser', 'desktop', 'kiosk'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

export interface DeviceItem {
  id: number;
  /** e.g. "Chrome op Windows" */
  name: string;
  type: DeviceType;
  firstUsedAt: string;
  lastUsedAt: string;
  /** The device this request comes from ("dit apparaat"). */
  current: boolean;
}

export interface DevicesResponse {
  devices: DeviceItem[];
}

export interface RevokedResponse {
  revoked: number;
}

const id = z.coerce
  .number('invalid')
  .int('invalid')
  .positive('invalid')
  .max(2 ** 31, 'invalid');
export const DeviceIdParams = z.object({ deviceId: id });
export const UserIdParams = z.object({ userId: id });
