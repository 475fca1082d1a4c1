// /api/v1/auth/*: the sign-in of DESIGN §3. Handlers only parse, call the auth services and set cookies.
import Router from '@koa/router';
import { ApiPath, Cookie } from '../../../shared/api/paths.ts';
import {
  ChangePasswordBody,
  EmptyBody,
  ForgotPasswordBody,
  LoginBody,
  ResetCheckBody,
  ResetPasswordBody,
  VerifyDeviceBody,
  type ForgotPasswordResponse,
  type MeResponse,
  type ResendCodeResponse,
  type ResetCheckResponse,
  type ResetPasswordResponse,
} from '../../../shared/api/auth.ts';
import { login, loginState, resendCode, verifyDevice } from '../../auth/sign-in.ts';
import { changePassword, checkResetLink, forgotPassword, resetPassword } from '../../auth/password-flows.ts';
import { authenticate, endSession, toMe } from '../../auth/sessions.ts';
import { applyStepCookies, clearSessionCookies, readCookie, requestMeta, sessionToken } from '../cookies.ts';
import { parse } from '../validate.ts';
import type { AuthDeps } from '../../auth/deps.ts';

export function authRoutes(deps: AuthDeps): Router {
  const r = new Router();

  r.post(ApiPath.login, async (ctx) => {
    const body = parse(LoginBody, ctx.request.body);
    const meta = requestMeta(ctx);
    const result = await login(deps, body, meta);
    applyStepCookies(ctx, result, meta, deps.clock.now());
    ctx.body = result.step;
  });

  r.get(ApiPath.loginState, (ctx) => {
    ctx.body = loginState(deps, readCookie(ctx, Cookie.login));
  });

  r.post(ApiPath.verifyDevice, (ctx) => {
    const body = parse(VerifyDeviceBody, ctx.request.body);
    const meta = requestMeta(ctx);
    const result = verifyDevice(deps, readCookie(ctx, Cookie.login), body.code, meta);
    applyStepCookies(ctx, result, meta, deps.clock.now());
    ctx.body = result.step;
  });

  r.post(ApiPath.resendCode, (ctx) => {
    parse(EmptyBody, ctx.request.body);
    ctx.body = {
      verification: resendCode(deps, readCookie(ctx, Cookie.login), requestMeta(ctx)),
    } satisfies ResendCodeResponse;
  });

  r.post(ApiPath.changePassword, async (ctx) => {
    const body = parse(ChangePasswordBody, ctx.request.body);
    const meta = requestMeta(ctx);
    const tokens = { loginToken: readCookie(ctx, Cookie.login), sessionToken: sessionToken(ctx) };
    const result = await changePassword(deps, tokens, body, meta);
    applyStepCookies(ctx, result, meta, deps.clock.now());
    ctx.body = result.step;
  });

  r.post(ApiPath.forgotPassword, (ctx) => {
    const body = parse(ForgotPasswordBody, ctx.request.body);
    forgotPassword(deps, body, requestMeta(ctx));
    ctx.status = 202;
    ctx.body = { accepted: true } satisfies ForgotPasswordResponse;
  });

  r.post(ApiPath.resetCheck, (ctx) => {
    const body = parse(ResetCheckBody, ctx.request.body);
    checkResetLink(deps, body.token);
    ctx.body = { valid: true } satisfies ResetCheckResponse;
  });

  r.post(ApiPath.resetPassword, async (ctx) => {
    const body = parse(ResetPasswordBody, ctx.request.body);
    await resetPassword(deps, body, requestMeta(ctx));
    clearSessionCookies(ctx);
    ctx.body = { done: true } satisfies ResetPasswordResponse;
  });

  r.post(ApiPath.logout, (ctx) => {
    parse(EmptyBody, ctx.request.body);
    const meta = requestMeta(ctx);
    try {
      endSession(deps, authenticate(deps, sessionToken(ctx), meta), meta);
    } finally {
      // Also an expired session leaves the browser without cookies.
      clearSessionCookies(ctx);
    }
    ctx.status = 204;
  });

  r.get(ApiPath.me, (ctx) => {
    const a = authenticate(deps, sessionToken(ctx), requestMeta(ctx));
    ctx.body = { me: toMe(a.user), session: a.info } satisfies MeResponse;
  });

  return r;
}
