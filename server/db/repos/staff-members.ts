// Care staff as known from the EHR: only what an appointment shows (name, discipline, photo thumbnail).
import type { Db } from '../open.ts';

export type PhotoType = 'image/png' | 'image/jpeg';

export interface StaffMemberInput {
  displayName: string;
  role: string | null;
  photo: { data: Buffer; type: PhotoType } | null;
  source: string;
  externalId: string;
  syncedAt: string;
}

/** Insert or refresh by (source, external id), so a repeated sync or seed never duplicates a person. */
export function upsertStaffMember(db: Db, s: StaffMemberInput): number {
  const r = db
    .prepare(
      `INSERT INTO staff_members (display_name, role, photo, photo_type, source, external_id, synced_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source, external_id) DO UPDATE SET display_name = excluded.display_name, role = excluded.role,
         photo = excluded.photo, photo_type = excluded.photo_type, synced_at = excluded.synced_at
       RETURNING id`,
    )
    .get(s.displayName, s.role, s.photo?.data ?? null, s.photo?.type ?? null, s.source, s.externalId, s.syncedAt) as {
    id: number;
  };
  return r.id;
}
