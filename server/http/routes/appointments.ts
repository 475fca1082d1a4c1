// /api/v1/clients/:clientId/appointments: the agenda. The session comes first (401), then the client id, then the
// Afspraken right (in the service), and only then query and body: a stranger learns nothing from validation errors.
import Router from '@koa/router';
import { callerOf } from '../../auth/caller.ts';
import {
  AppointmentIdParams,
  AppointmentPath,
  AppointmentsQuery,
  CreateAppointmentBody,
  UpdateAppointmentBody,
} from '../../../shared/api/appointments.ts';
import {
  createForCaller,
  deleteForCaller,
  listForCaller,
  updateForCaller,
  upcomingForCaller,
  type Caller,
} from '../../appointments/service.ts';
import { requireSession, type SessionState } from '../middleware/require-session.ts';
import { parse } from '../validate.ts';
import type { AuthDeps } from '../../auth/deps.ts';
import type { ParameterizedContext } from 'koa';

type Ctx = ParameterizedContext<SessionState> & { params: Record<string, string> };

export function appointmentRoutes(deps: AuthDeps): Router<SessionState> {
  const r = new Router<SessionState>();
  const caller = (ctx: Ctx): Caller => callerOf(deps, ctx);

  r.get(AppointmentPath.list, requireSession(deps), (ctx) => {
    ctx.body = listForCaller(caller(ctx), () => parse(AppointmentsQuery, ctx.query));
  });

  r.get(AppointmentPath.upcoming, requireSession(deps), (ctx) => {
    ctx.body = upcomingForCaller(caller(ctx));
  });

  r.post(AppointmentPath.list, requireSession(deps), (ctx) => {
    ctx.body = createForCaller(caller(ctx), () => parse(CreateAppointmentBody, ctx.request.body));
    ctx.status = 201;
  });

  r.patch(AppointmentPath.one, requireSession(deps), (ctx) => {
    const { appointmentId } = parse(AppointmentIdParams, ctx.params);
    ctx.body = updateForCaller(caller(ctx), appointmentId, () => parse(UpdateAppointmentBody, ctx.request.body));
  });

  r.delete(AppointmentPath.one, requireSession(deps), (ctx) => {
    const { appointmentId } = parse(AppointmentIdParams, ctx.params);
    deleteForCaller(caller(ctx), appointmentId);
    ctx.status = 204;
  });
  return r;
}
