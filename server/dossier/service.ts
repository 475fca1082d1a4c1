// Mijn dossier's use cases for a signed-in caller. Every call checks the Dossier right first (404 stranger, 403 no
// right) and writes exactly one audit row (NEN 7513); the one write and its audit row share a transaction.
import { later, syncedUntil as syncedUntilOf } from '../sync/freshness.ts';
import { allowSection, logFor as log, type Caller, type Input } from '../auth/caller.ts';
import { HttpError } from '../http/errors.ts';
import {
  dossierSyncedAt,
  findDossierItem,
  firstItemAt,
  insertClientReport,
  itemAtBefore,
  itemAtFrom,
  lastItemAt,
  listDossierPage,
  newestReport,
  type DossierRow,
  type PageCursor,
} from '../db/repos/dossier.ts';
import { currentPlan, expiredPlans, findPlan, plansSyncedAt, type CarePlanRow } from '../db/repos/care-plans.ts';
import { dateOf, dayStart } from './days.ts';
import {
  ITEMS_LIMIT_DEFAULT,
  type CarePlan,
  type CurrentPlanResponse,
  type DossierDayResponse,
  type DossierItem,
  type DossierItemsQuery,
  type DossierItemsResponse,
  type DossierOverview,
  type DossierPanel,
  type PlanHistoryResponse,
  type WriteReportBody,
} from '../../shared/api/dossier.ts';

export type { Caller, Input };

function allow(c: Caller, resource: string): void {
  allowSection(c, 'dossier', resource);
}

export function toItem(r: DossierRow): DossierItem {
  return {
    id: r.id,
    kind: r.kind,
    occurredAt: r.occurredAt,
    date: dateOf(r.occurredAt),
    title: r.title,
    text: r.text,
    fields: r.fields,
    author: r.authorName,
    discipline: r.discipline,
    sentToEhrAt: r.sentToEhrAt,
  };
}

/** Reports and forms come with the EHR sync; plans (not synced by it yet) count by their own rows. */
function syncedUntil(c: Caller): string | null {
  const reports = syncedUntilOf(c.deps.db, c.clientId, dossierSyncedAt(c.deps.db, c.clientId));
  return later(reports, plansSyncedAt(c.deps.db, c.clientId));
}

/** The home panel's newest report card; the right was checked (and the read audited) by the home screen. */
export function dossierPanel(c: Caller): DossierPanel {
  const latest = newestReport(c.deps.db, c.clientId);
  return { latest: latest ? toItem(latest) : null, syncedUntil: syncedUntil(c) };
}

export function overviewForCaller(c: Caller): DossierOverview {
  allow(c, 'dossier');
  const first = firstItemAt(c.deps.db, c.clientId);
  const last = lastItemAt(c.deps.db, c.clientId);
  log(c, { action: 'dossier.read', resource: 'dossier:overview', outcome: 'success' });
  return { firstDate: first && dateOf(first), lastDate: last && dateOf(last), syncedUntil: syncedUntil(c) };
}

const encodeCursor = (r: PageCursor) => `${r.occurredAt}_${r.id}`;
function decodeCursor(s: string): PageCursor {
  const i = s.lastIndexOf('_');
  return { occurredAt: s.slice(0, i), id: Number(s.slice(i + 1)) };
}

export function itemsForCaller(c: Caller, query: Input<DossierItemsQuery>): DossierItemsResponse {
  allow(c, 'dossier');
  const q = query();
  const limit = q.limit ?? ITEMS_LIMIT_DEFAULT;
  const from = dayStart(q.from);
  const to = dayStart(q.to, 1);
  // One row more than asked tells whether another page follows without a COUNT.
  const rows = listDossierPage(c.deps.db, c.clientId, from, to, q.cursor ? decodeCursor(q.cursor) : null, limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  log(c, { action: 'dossier.read', resource: `dossier:${q.from}/${q.to}`, outcome: 'success' });
  return { items: page.map(toItem), nextCursor: more ? encodeCursor(page.at(-1)!) : null };
}

export function itemForCaller(c: Caller, id: number): DossierItem {
  allow(c, `dossier-item:${id}`);
  const r = findDossierItem(c.deps.db, c.clientId, id);
  if (!r) {
    log(c, { action: 'dossier.read', resource: `dossier-item:${id}`, outcome: 'failure', detail: 'not-found' });
    throw new HttpError(404, 'not_found', 'No such dossier item');
  }
  log(c, { action: 'dossier.read', resource: `dossier-item:${id}`, outcome: 'success' });
  return toItem(r);
}

/** One day for Lezen (default: the newest day with items) with the nearest earlier and later dates that have items. */
export function dayForCaller(c: Caller, query: Input<{ date?: string | undefined }>): DossierDayResponse {
  allow(c, 'dossier');
  const db = c.deps.db;
  const asked = query().date;
  const last = asked ? null : lastItemAt(db, c.clientId);
  const date = asked ?? (last && dateOf(last));
  if (date === null) {
    log(c, { action: 'dossier.read', resource: 'dossier-day:none', outcome: 'success' });
    return { date: null, items: [], previousDate: null, nextDate: null };
  }
  const from = dayStart(date);
  const to = dayStart(date, 1);
  // A day holds a handful of items; the page limit only guards against a runaway import.
  const rows = listDossierPage(db, c.clientId, from, to, null, 200);
  const prev = itemAtBefore(db, c.clientId, from);
  const next = itemAtFrom(db, c.clientId, to);
  log(c, { action: 'dossier.read', resource: `dossier-day:${date}`, outcome: 'success' });
  return { date, items: rows.map(toItem), previousDate: prev && dateOf(prev), nextDate: next && dateOf(next) };
}

export function writeReportForCaller(c: Caller, input: Input<WriteReportBody>): DossierItem {
  allow(c, 'dossier-reports');
  const body = input();
  return c.deps.db.transaction(() => {
    const id = insertClientReport(c.deps.db, c.clientId, body.text, c.auth.user.id, c.deps.clock.now().toISOString());
    log(c, { action: 'dossier.create', resource: `dossier-item:${id}`, outcome: 'success' });
    return toItem(findDossierItem(c.deps.db, c.clientId, id)!);
  })();
}

function toPlan(p: CarePlanRow, now: string): CarePlan {
  return {
    id: p.id,
    title: p.title,
    version: p.version,
    validFrom: p.validFrom,
    validTo: p.validTo,
    expired: p.validTo !== null && p.validTo <= now,
    ...p.content,
  };
}

export function currentPlanForCaller(c: Caller): CurrentPlanResponse {
  allow(c, 'care-plan');
  const now = c.deps.clock.now().toISOString();
  const p = currentPlan(c.deps.db, c.clientId, now);
  log(c, { action: 'dossier.read', resource: p ? `care-plan:${p.id}` : 'care-plan:current', outcome: 'success' });
  return { plan: p && toPlan(p, now), syncedUntil: plansSyncedAt(c.deps.db, c.clientId) };
}

export function planHistoryForCaller(c: Caller): PlanHistoryResponse {
  allow(c, 'care-plan');
  const now = c.deps.clock.now().toISOString();
  const versions = expiredPlans(c.deps.db, c.clientId, now).map((p) => ({
    id: p.id,
    title: p.title,
    version: p.version,
    validFrom: p.validFrom,
    validTo: p.validTo,
    expired: true,
  }));
  log(c, { action: 'dossier.read', resource: 'care-plan:history', outcome: 'success' });
  return { versions };
}

export function planForCaller(c: Caller, id: number): CarePlan {
  allow(c, `care-plan:${id}`);
  const p = findPlan(c.deps.db, c.clientId, id);
  if (!p) {
    log(c, { action: 'dossier.read', resource: `care-plan:${id}`, outcome: 'failure', detail: 'not-found' });
    throw new HttpError(404, 'not_found', 'No such care plan');
  }
  log(c, { action: 'dossier.read', resource: `care-plan:${id}`, outcome: 'success' });
  return toPlan(p, c.deps.clock.now().toISOString());
}
