// The one error middleware, first in the chain: every failure becomes `{ error: { code, message, details } }`,
// and a 5xx never shows internals.
import type Koa from 'koa';
import { HttpError } from '../errors.ts';
import type { Logger } from '../../log.ts';
import type { ApiErrorBody } from '../../../shared/api/errors.ts';

export function errorMiddleware(log: Logger): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.body === undefined && ctx.path.startsWith('/api/')) {
        if (ctx.status === 404) throw new HttpError(404, 'not_found', 'No such endpoint');
        if (ctx.status === 405) throw new HttpError(405, 'method_not_allowed', 'Method not allowed here');
      }
    } catch (err) {
      const e = toHttpError(err);
      if (e.status >= 500) {
        log.error('request failed', {
          requestId: ctx.state.requestId,
          method: ctx.method,
          path: ctx.path,
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        });
      }
      const body: ApiErrorBody = { error: { code: e.code, message: e.message } };
      if (e.details) body.error.details = e.details;
      ctx.status = e.status;
      ctx.body = body;
      if (e.details && typeof e.details.retryAfterSeconds === 'number') {
        ctx.set('Retry-After', String(e.details.retryAfterSeconds));
      }
    }
  };
}

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  // Koa's own errors (ctx.throw, body limits) carry an `expose`d status below 500.
  const status = (err as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(status, status === 404 ? 'not_found' : 'validation_failed', (err as Error).message);
  }
  return new HttpError(500, 'internal_error', 'Internal server error');
}
