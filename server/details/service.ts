// "Mijn gegevens": the client's personal data and contacts as recorded in the EHR (read-only) and the home panel.
// Every call checks the Gegevens right first (404 stranger, 403 no right) and writes one audit row (NEN 7513).
import { allowSection, logFor as log, type Caller, type Input } from '../auth/caller.ts';
import { HttpError } from '../http/errors.ts';
import {
  detailsSyncedAt,
  findClientDetails,
  findClientPhoto,
  listClientContacts,
  type ClientContact,
} from '../db/repos/client-details.ts';
import { newestPost } from '../db/repos/board.ts';
import { findMembership } from '../db/repos/memberships.ts';
import { API_PREFIX } from '../../shared/api/paths.ts';
import { DetailsPath, type DetailsPanel, type DetailsResponse, type PersonalData } from '../../shared/api/details.ts';

export type { Caller, Input };

/** The URL of the client's central photo, as the renderer uses it in an <img> (same origin, session cookie). */
export function clientPhotoUrl(clientId: number): string {
  return API_PREFIX + DetailsPath.photo.replace(':clientId', String(clientId));
}

const dutch = new Intl.Collator('nl', { sensitivity: 'base', ignorePunctuation: true, numeric: true });

/** Alphabetical the Dutch way, by the name as recorded: accents folded ("Ümit" with U), case ignored. */
export function sortContacts<T extends { name: string }>(contacts: readonly T[]): T[] {
  return [...contacts].sort((a, b) => dutch.compare(a.name, b.name));
}

const toContact = (c: ClientContact) => ({
  id: c.id,
  name: c.name,
  relation: c.relation,
  phone: c.phone,
  email: c.email,
});

export function detailsForCaller(c: Caller): DetailsResponse {
  allowSection(c, 'data', 'details');
  const d = findClientDetails(c.deps.db, c.clientId);
  const person: PersonalData | null = d && {
    name: d.fullName,
    birthDate: d.birthDate,
    address: d.address,
    postalCode: d.postalCode,
    city: d.city,
    phone: d.phone,
    clientNumber: d.clientNumber,
    location: d.location,
    ward: d.ward,
    photoUrl: d.hasPhoto ? clientPhotoUrl(c.clientId) : null,
  };
  const contacts = sortContacts(listClientContacts(c.deps.db, c.clientId)).map(toContact);
  log(c, { action: 'details.read', resource: 'details', outcome: 'success' });
  return { person, contacts, syncedUntil: d?.syncedAt ?? null };
}

export function clientPhotoForCaller(c: Caller): { data: Buffer; type: string } {
  allowSection(c, 'data', 'details:photo');
  const photo = findClientPhoto(c.deps.db, c.clientId);
  log(c, {
    action: 'details.photo.read',
    resource: 'details:photo',
    outcome: photo ? 'success' : 'failure',
    ...(photo ? {} : { detail: 'no-photo' }),
  });
  if (!photo) throw new HttpError(404, 'not_found', 'No photo');
  return photo;
}

/** The "Mijn gegevens" panel; the caller's right has been checked (and the read audited) by the home screen. */
export function detailsPanel(c: Caller): DetailsPanel {
  const d = findClientDetails(c.deps.db, c.clientId);
  const post = newestPost(c.deps.db, c.clientId);
  const name =
    d?.fullName ?? findMembership(c.deps.db, c.clientId, c.auth.user.id, c.deps.clock.now())?.clientName ?? '';
  return {
    name,
    photoUrl: d?.hasPhoto ? clientPhotoUrl(c.clientId) : null,
    newestPost: post && {
      author: post.authorName,
      createdAt: post.createdAt,
      textStart: post.text.length > 120 ? `${post.text.slice(0, 119).trimEnd()}…` : post.text,
      mood: post.mood,
      hasPhoto: post.photoId !== null,
    },
    syncedUntil: detailsSyncedAt(c.deps.db, c.clientId),
  };
}
