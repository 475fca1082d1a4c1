// /api/v1/clients/:clientId/dossier…: Mijn dossier. The session comes first (401), then the client id, then the
// Dossier right (in the service), and only then query and body: a stranger learns nothing from validation errors.
import Router from '@koa/router';
import { callerOf } from '../../auth/caller.ts';
import {
  DossierDayQuery,
  DossierItemParams,
  DossierItemsQuery,
  DossierPath,
  PlanParams,
  WriteReportBody,
} from '../../../shared/api/dossier.ts';
import {
  currentPlanForCaller,
  dayForCaller,
  itemForCaller,
  itemsForCaller,
  overviewForCaller,
  planForCaller,
  planHistoryForCaller,
  writeReportForCaller,
  type Caller,
} from '../../dossier/service.ts';
import { requireSession, type SessionState } from '../middleware/require-session.ts';
import { parse } from '../validate.ts';
import type { AuthDeps } from '../../auth/deps.ts';
import type { ParameterizedContext } from 'koa';

type Ctx = ParameterizedContext<SessionState> & { params: Record<string, string> };

export function dossierRoutes(deps: AuthDeps): Router<SessionState> {
  const r = new Router<SessionState>();
  const caller = (ctx: Ctx): Caller => callerOf(deps, ctx);

  r.get(DossierPath.overview, requireSession(deps), (ctx) => {
    ctx.body = overviewForCaller(caller(ctx));
  });

  r.get(DossierPath.items, requireSession(deps), (ctx) => {
    ctx.body = itemsForCaller(caller(ctx), () => parse(DossierItemsQuery, ctx.query));
  });

  r.get(DossierPath.item, requireSession(deps), (ctx) => {
    const c = caller(ctx);
    ctx.body = itemForCaller(c, parse(DossierItemParams, ctx.params).itemId);
  });

  r.get(DossierPath.day, requireSession(deps), (ctx) => {
    ctx.body = dayForCaller(caller(ctx), () => parse(DossierDayQuery, ctx.query));
  });

  r.post(DossierPath.reports, requireSession(deps), (ctx) => {
    ctx.body = writeReportForCaller(caller(ctx), () => parse(WriteReportBody, ctx.request.body));
    ctx.status = 201;
  });

  // 'current' and 'history' are declared before ':planId' so they are never taken for an id.
  r.get(DossierPath.currentPlan, requireSession(deps), (ctx) => {
    ctx.body = currentPlanForCaller(caller(ctx));
  });

  r.get(DossierPath.planHistory, requireSession(deps), (ctx) => {
    ctx.body = planHistoryForCaller(caller(ctx));
  });

  r.get(DossierPath.plan, requireSession(deps), (ctx) => {
    const c = caller(ctx);
    ctx.body = planForCaller(c, parse(PlanParams, ctx.params).planId);
  });
  return r;
}
