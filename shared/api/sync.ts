// GET /api/v1/sync/status: the EHR sync log for staff (issue 6 §2), the same as `npm run admin -- sync:status`.
// Schemas rather than bare interfaces: the integration tests parse the server's answer with them, so the route and
// the renderer cannot drift apart unnoticed.
import { z } from 'zod';

const Counts = z.object({ created: z.number(), updated: z.number(), deleted: z.number(), skipped: z.number() });

export const SyncRunView = z.object({
  id: z.number().int(),
  direction: z.enum(['pull', 'push']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.enum(['running', 'succeeded', 'failed']),
  /** Per resource (report, form, appointment, staff, person, contact, plan, notice, client_report). */
  counts: z.record(z.string(), Counts),
  /** The first problems of the run (unlinked clients, refused files …). */
  problems: z.array(z.object({ where: z.string(), message: z.string() })),
  problemCount: z.number().int(),
  error: z.string().nullable(),
});
export type SyncRunView = z.infer<typeof SyncRunView>;

/**
 * Whether the EHR answers now (the adapter's health check, with a short timeout): `not-configured` without a
 * connection; `unreachable` with the adapter's reason (English, technical: for whoever fixes the connection).
 */
export const SyncHealth = z.discriminatedUnion('state', [
  z.object({ state: z.literal('not-configured') }),
  z.object({ state: z.literal('reachable'), checkedAt: z.string() }),
  z.object({ state: z.literal('unreachable'), reason: z.string(), checkedAt: z.string() }),
]);
export type SyncHealth = z.infer<typeof SyncHealth>;

export const SyncStatusResponse = z.object({
  /** Which EHR connection is configured: none, a folder (file-drop) or a FHIR server. */
  adapter: z.string(),
  source: z.string(),
  health: SyncHealth,
  /** The end of the last successful pull: "bijgewerkt tot" of the linked clients. */
  lastSuccessAt: z.string().nullable(),
  /** When the schedule pulls next (null without a connection). */
  nextPullAt: z.string().nullable(),
  runs: z.array(SyncRunView),
});
export type SyncStatusResponse = z.infer<typeof SyncStatusResponse>;
