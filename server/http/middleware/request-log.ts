// One structured log line per request: no query strings, bodies or cookies (they may hold personal data or tokens).
import crypto from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from '../../log.ts';

export function requestLog(log: Logger): Koa.Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    ctx.state.requestId = crypto.randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId as string);
    try {
      await next();
    } finally {
      log.info('request', {
        requestId: ctx.state.requestId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        ms: Math.round(performance.now() - started),
      });
    }
  };
}
