// The contract between the large demo database builder (`demo:seed --clients N --years Y`) and each feature's
// bulk generator. The driver creates clients, users and networks; each feature fills its own tables for one client
// at a time, inside the driver's transaction, with statements it prepares once per database.
import type { Db } from '../../db/open.ts';

export interface ScaleWorld {
  db: Db;
  /** Seeded: the same arguments build the same database. Returns [0, 1). */
  rng: () => number;
  /** The clock's now: generated history ends here, planned appointments go a few weeks beyond. */
  now: Date;
  /** now minus the requested number of years: where generated history starts. */
  from: Date;
  /** Staff members (staff_members rows) that care rows may name. */
  staff: ReadonlyArray<{ id: number; name: string }>;
}

export interface ScaleClient {
  clientId: number;
  /** The client's own user account. */
  clientUserId: number;
  clientName: string;
  /** The client's contacts (users with a membership), with all section rights. */
  contactUserIds: readonly number[];
}

/** Fills one feature's tables for one client; returns the number of rows written (for the progress line). */
export type ScaleSeeder = (w: ScaleWorld, c: ScaleClient) => number;
