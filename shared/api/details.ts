// /api/v1/clients/:clientId/details and …/board: "Mijn gegevens" (DESIGN §3). The client's data and contacts as
// recorded in the EHR (read-only), the caller's own mobile number and e-mail (changed only after confirmation),
// and the Prikbord: posts with an optional photo and (per organisation) a mood smiley, and reactions.
import { z } from 'zod';
import { ClientIdParams } from './clients.ts';

const base = '/clients/:clientId';
export const DetailsPath = {
  details: `${base}/details`,
  photo: `${base}/details/photo`,
  me: `${base}/details/me`,
  mobile: `${base}/details/me/mobile`,
  mobileConfirm: `${base}/details/me/mobile/confirm`,
  email: `${base}/details/me/email`,
  /** The link in the e-mail carries the token; it alone proves the change (like the password-reset link). */
  emailConfirm: '/details/email/confirm',
} as const;

export const BoardPath = {
  posts: `${base}/board/posts`,
  post: `${base}/board/posts/:postId`,
  reactions: `${base}/board/posts/:postId/reactions`,
  reaction: `${base}/board/posts/:postId/reactions/:reactionId`,
  photos: `${base}/board/photos`,
  photo: `${base}/board/photos/:photoId`,
} as const;

/** The renderer route the e-mail link opens (the token travels in the fragment, never to a server log). */
export const EMAIL_CONFIRM_ROUTE = '/gegevens/e-mail-bevestigen';

export const POST_TEXT_MAX = 1000;
export const REACTION_TEXT_MAX = 500;
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export const BOARD_PAGE_SIZE = 20;
/** The smileys of SVRZ's prikbord ("hoe hij zich voelt"), only when the organisation has moodOnBoard. */
export const MOODS = ['happy', 'okay', 'sad', 'tired'] as const;
export type Mood = (typeof MOODS)[number];

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31);

export const PostIdParams = ClientIdParams.extend({ postId: id });
export const ReactionIdParams = PostIdParams.extend({ reactionId: id });
export const PhotoIdParams = ClientIdParams.extend({ photoId: id });

export const BoardQuery = z.object({ before: id.optional() });

export const CreatePostBody = z
  .strictObject({
    text: z.string().trim().max(POST_TEXT_MAX, 'too_long').default(''),
    photoId: id.nullable().optional(),
    mood: z.enum(MOODS).nullable().optional(),
  })
  .refine((b) => b.text !== '' || (b.photoId ?? null) !== null, { path: ['text'], message: 'required' });
export type CreatePostBody = z.input<typeof CreatePostBody>;

export const CreateReactionBody = z.strictObject({
  text: z.string().trim().min(1, 'required').max(REACTION_TEXT_MAX, 'too_long'),
});
export type CreateReactionBody = z.infer<typeof CreateReactionBody>;

export const ChangeMobileBody = z.strictObject({ mobile: z.string().trim().min(1, 'required').max(40, 'too_long') });
export const ConfirmMobileBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'six_digits') });
export const ChangeEmailBody = z.strictObject({
  email: z.string().trim().max(254, 'too_long').pipe(z.email('invalid_email')),
});
export const ConfirmEmailBody = z.strictObject({
  token: z
    .string()
    .min(40, 'link_invalid')
    .max(100, 'link_invalid')
    .regex(/^[A-Za-z0-9_-]+$/, 'link_invalid'),
});

export interface PersonalData {
  name: string;
  /** YYYY-MM-DD, or null when the EHR has none. */
  birthDate: string | null;
  address: string | null;
  postalCode: string | null;
  city: string | null;
  phone: string | null;
  clientNumber: string | null;
  location: string | null;
  ward: string | null;
  /** The authenticated photo URL (relative to the API prefix), or null. */
  photoUrl: string | null;
}

export interface ContactPerson {
  id: number;
  name: string;
  relation: string | null;
  phone: string | null;
  email: string | null;
}

export interface DetailsResponse {
  /** Null until the EHR sync delivered the client's data. */
  person: PersonalData | null;
  /** Alphabetical by name (Dutch collation). */
  contacts: ContactPerson[];
  syncedUntil: string | null;
}

export interface OwnContactDetails {
  name: string;
  mobile: string;
  email: string;
  /** An e-mail change waiting for its link to be opened. */
  pendingEmail: string | null;
}

export interface MobileChangeStarted {
  /** The new number, masked ("06******78"). */
  sentTo: string;
  codeExpiresAt: string;
}

export interface EmailChangeStarted {
  sentTo: string;
}

export interface Author {
  userId: number;
  name: string;
}

export interface ReactionItem {
  id: number;
  author: Author;
  text: string;
  createdAt: string;
  mine: boolean;
}

export interface PostItem {
  id: number;
  author: Author;
  text: string;
  photoUrl: string | null;
  mood: Mood | null;
  createdAt: string;
  mine: boolean;
  reactions: ReactionItem[];
}

export interface BoardResponse {
  posts: PostItem[];
  /** Pass as `before` for the next (older) page; null when there is none. */
  nextBefore: number | null;
}

export interface PhotoUploaded {
  photoId: number;
  photoUrl: string;
}

export interface DetailsPanel {
  name: string;
  photoUrl: string | null;
  newestPost: { author: string; createdAt: string; textStart: string; mood: Mood | null; hasPhoto: boolean } | null;
  syncedUntil: string | null;
}
