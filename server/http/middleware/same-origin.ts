// Refuses state-changing requests whose Origin is not the portal itself (defence in depth beside SameSite=Strict).
import type Koa from 'koa';
import { HttpError } from '../errors.ts';

export function sameOrigin(publicUrl: string, extraOrigins: string[] = []): Koa.Middleware {
  const allowed = new Set([new URL(publicUrl).origin, ...extraOrigins]);
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD' && ctx.path.startsWith('/api/')) {
      const origin = ctx.get('origin');
      // Not ctx.origin: since Koa 3 that is the Origin request header itself, so comparing with it allowed everything.
      const self = `${ctx.protocol}://${ctx.host}`;
      if (origin && !allowed.has(origin) && origin !== self) {
        throw new HttpError(403, 'bad_origin', 'Cross-origin request refused');
      }
    }
    return next();
  };
}
