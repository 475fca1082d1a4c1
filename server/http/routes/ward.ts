// /api/v1/ward/*: ward computers and the assisted first login of issue 5 §3. The ward computer proves itself with
// the secret its desktop app presents in a header (RequestMeta.wardSecret); a browser never has one.
import Router from '@koa/router';
import { ApiPath, Cookie, WARD_COMPUTER_SECRET_HEADER } from '../../../shared/api/paths.ts';
import { AssistedLoginBody, RegisterWardComputerBody, StaffConfirmBody } from '../../../shared/api/ward.ts';
import { authenticate } from '../../auth/sessions.ts';
import { registerWardComputer, unregisterWardComputer, wardStatus } from '../../ward/computers.ts';
import { confirmByStaff, startAssistedLogin } from '../../ward/assisted-login.ts';
import { applyStepCookies, readCookie, requestMeta, sessionToken } from '../cookies.ts';
import { parse } from '../validate.ts';
import type { AuthDeps } from '../../auth/deps.ts';

export function wardRoutes(deps: AuthDeps): Router {
  const r = new Router();

  r.get(ApiPath.wardComputer, (ctx) => {
    ctx.body = wardStatus(deps, requestMeta(ctx));
  });

  r.post(ApiPath.wardComputer, (ctx) => {
    const body = parse(RegisterWardComputerBody, ctx.request.body);
    const meta = requestMeta(ctx);
    const result = registerWardComputer(deps, authenticate(deps, sessionToken(ctx), meta), body.label, meta);
    ctx.set(WARD_COMPUTER_SECRET_HEADER, result.secret);
    ctx.status = 201;
    ctx.body = result.status;
  });

  r.delete(ApiPath.wardComputer, (ctx) => {
    const meta = requestMeta(ctx);
    ctx.body = unregisterWardComputer(deps, authenticate(deps, sessionToken(ctx), meta), meta);
  });

  r.post(ApiPath.assistedLogin, async (ctx) => {
    const body = parse(AssistedLoginBody, ctx.request.body);
    const meta = requestMeta(ctx);
    const result = await startAssistedLogin(deps, body, meta);
    applyStepCookies(ctx, result, meta, deps.clock.now());
    ctx.body = result.step;
  });

  r.post(ApiPath.assistedLoginConfirm, async (ctx) => {
    const body = parse(StaffConfirmBody, ctx.request.body);
    const meta = requestMeta(ctx);
    const result = await confirmByStaff(deps, readCookie(ctx, Cookie.login), body, meta);
    applyStepCookies(ctx, result, meta, deps.clock.now());
    ctx.body = result.step;
  });

  return r;
}
