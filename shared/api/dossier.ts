// /api/v1/clients/:clientId/dossier…: "Mijn dossier" (DESIGN §3): reports, forms and notices from the EHR, the
// reports the client (or a member with the Dossier right) writes himself, and the versioned care plans.
import { z } from 'zod';
import { ClientIdParams } from './clients.ts';

const base = '/clients/:clientId/dossier';

/** The dossier routes. Not in ApiPath: each feature declares its own paths. */
export const DossierPath = {
  overview: base,
  items: `${base}/items`,
  item: `${base}/items/:itemId`,
  day: `${base}/day`,
  reports: `${base}/reports`,
  currentPlan: `${base}/plans/current`,
  planHistory: `${base}/plans/history`,
  plan: `${base}/plans/:planId`,
} as const;

export const DOSSIER_KINDS = ['report', 'form', 'notice', 'client_report'] as const;
export type DossierKind = (typeof DOSSIER_KINDS)[number];

export const REPORT_TEXT_MAX = 5000;
/** The most items one page of GET items holds; the renderer asks for small date ranges well below it. */
export const ITEMS_LIMIT_MAX = 500;
export const ITEMS_LIMIT_DEFAULT = 200;
/** The longest date range one GET items request may cover. */
export const ITEMS_RANGE_MAX_DAYS = 400;

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31);

/** A calendar date in Europe/Amsterdam, 'YYYY-MM-DD', that exists. */
export const LocalDateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    const t = new Date(Date.UTC(y!, m! - 1, d!));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m! - 1 && t.getUTCDate() === d && y! >= 1900;
  }, 'invalid_date');

export const DossierItemParams = ClientIdParams.extend({ itemId: id });
export const PlanParams = ClientIdParams.extend({ planId: id });

const daysBetween = (a: string, b: string) =>
  (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

/**
 * Items of the Amsterdam dates [from, to] (both inclusive), oldest first, one page at a time: `cursor` is the
 * `nextCursor` of the page before (opaque to the caller).
 */
export const DossierItemsQuery = z
  .strictObject({
    from: LocalDateString,
    to: LocalDateString,
    limit: z.coerce.number().int().min(1).max(ITEMS_LIMIT_MAX).optional(),
    cursor: z
      .string()
      .regex(/^[0-9TZ:.-]{10,40}_\d{1,12}$/, 'invalid_cursor')
      .optional(),
  })
  .refine((q) => q.to >= q.from, { path: ['to'], message: 'ends_before_start' })
  .refine((q) => daysBetween(q.from, q.to) <= ITEMS_RANGE_MAX_DAYS, { path: ['to'], message: 'range_too_long' });
export type DossierItemsQuery = z.infer<typeof DossierItemsQuery>;

/** One day for the Lezen tab; without a date the newest day that has items. */
export const DossierDayQuery = z.strictObject({ date: LocalDateString.optional() });

export const WriteReportBody = z.strictObject({
  text: z.string().trim().min(1, 'required').max(REPORT_TEXT_MAX, 'too_long'),
});
export type WriteReportBody = z.infer<typeof WriteReportBody>;

export interface FormField {
  label: string;
  value: string;
}

export interface DossierItem {
  id: number;
  kind: DossierKind;
  /** UTC ISO instant; the UI shows it in Europe/Amsterdam. */
  occurredAt: string;
  /** The Amsterdam calendar date of occurredAt, 'YYYY-MM-DD' (the timeline's and Lezen's day). */
  date: string;
  /** "Bijzonderheden" for a report, "Afspraak = afspraak" for a form, "Plan is gewijzigd" for a notice. */
  title: string | null;
  text: string;
  /** A form's fields in order; empty for other kinds. */
  fields: FormField[];
  /** Who wrote it: the staff member of an EHR row, the portal user of a client report. */
  author: string | null;
  /** "EVV'er", "Fysiotherapeut", …; null for client reports. */
  discipline: string | null;
  /** Client reports only: when the nightly sync sent it to the EHR; null while it still waits. */
  sentToEhrAt: string | null;
}

export interface DossierItemsResponse {
  items: DossierItem[];
  /** Pass as `cursor` for the next page of the same range; null on the last page. */
  nextCursor: string | null;
}

export interface DossierOverview {
  /** The Amsterdam dates of the oldest and newest item; null for an empty dossier. */
  firstDate: string | null;
  lastDate: string | null;
  syncedUntil: string | null;
}

export interface DossierDayResponse {
  /** The day shown; null when the dossier is empty. */
  date: string | null;
  items: DossierItem[];
  /** The nearest earlier / later dates that have items (the Lezen arrows). */
  previousDate: string | null;
  nextDate: string | null;
}

export interface CarePlanWorkPlan {
  discipline: string;
  goals: string[];
  actions: string[];
}

export interface CarePlanEvaluation {
  /** 'YYYY-MM-DD'. */
  date: string;
  text: string;
}

/** The content of one plan version as the EHR sends it (validated on import and on read). */
export const CarePlanContent = z.object({
  mainGoals: z.array(z.string()),
  workPlans: z.array(z.object({ discipline: z.string(), goals: z.array(z.string()), actions: z.array(z.string()) })),
  evaluations: z.array(z.object({ date: z.string(), text: z.string() })),
});
export type CarePlanContent = z.infer<typeof CarePlanContent>;

export interface CarePlanHeader {
  id: number;
  title: string;
  version: number;
  /** UTC ISO instants; validTo null = open-ended. */
  validFrom: string;
  validTo: string | null;
  /** validTo lies in the past. */
  expired: boolean;
}

export interface CarePlan extends CarePlanHeader, CarePlanContent {}

export interface CurrentPlanResponse {
  plan: CarePlan | null;
  syncedUntil: string | null;
}

export interface PlanHistoryResponse {
  /** Expired versions, newest first. */
  versions: CarePlanHeader[];
}

/** The "Mijn dossier" home panel: the newest report card. */
export interface DossierPanel {
  latest: DossierItem | null;
  syncedUntil: string | null;
}
