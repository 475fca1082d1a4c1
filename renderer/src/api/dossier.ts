// Calls of /api/v1/clients/:clientId/dossier…: "Mijn dossier".
import {
  DossierPath,
  type CarePlan,
  type CurrentPlanResponse,
  type DossierDayResponse,
  type DossierItem,
  type DossierItemsResponse,
  type DossierOverview,
  type PlanHistoryResponse,
} from '../../../shared/api/dossier.ts';
import { get, post } from './client.ts';

const path = (p: string, clientId: number, extra: Record<string, string | number> = {}) => {
  let out = p.replace(':clientId', String(clientId));
  for (const [k, v] of Object.entries(extra)) out = out.replace(`:${k}`, String(v));
  return out;
};
const qs = (q: Record<string, string | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

export const dossierApi = {
  overview: (clientId: number) => get<DossierOverview>(path(DossierPath.overview, clientId)),
  items: (clientId: number, from: string, to: string, cursor?: string) =>
    get<DossierItemsResponse>(`${path(DossierPath.items, clientId)}${qs({ from, to, cursor })}`),
  item: (clientId: number, itemId: number) => get<DossierItem>(path(DossierPath.item, clientId, { itemId })),
  day: (clientId: number, date?: string) =>
    get<DossierDayResponse>(`${path(DossierPath.day, clientId)}${qs({ date })}`),
  writeReport: (clientId: number, text: string) => post<DossierItem>(path(DossierPath.reports, clientId), { text }),
  currentPlan: (clientId: number) => get<CurrentPlanResponse>(path(DossierPath.currentPlan, clientId)),
  planHistory: (clientId: number) => get<PlanHistoryResponse>(path(DossierPath.planHistory, clientId)),
  plan: (clientId: number, planId: number) => get<CarePlan>(path(DossierPath.plan, clientId, { planId })),
};
