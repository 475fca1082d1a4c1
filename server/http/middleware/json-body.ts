// Reads a JSON request body with a size limit. Only application/json is accepted for writes: a cross-site HTML
// form cannot send it, which (with SameSite=Strict cookies and the origin check) closes CSRF.
import type Koa from 'koa';
import { HttpError } from '../errors.ts';

const LIMIT_BYTES = 64 * 1024;

export function jsonBody(): Koa.Middleware {
  return async (ctx, next) => {
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method) || !ctx.path.startsWith('/api/')) return next();
    const length = Number(ctx.get('content-length') || 0);
    const hasBody = length > 0 || ctx.get('transfer-encoding') !== '';
    if (!hasBody) {
      ctx.request.body = {};
      return next();
    }
    if (!ctx.is('application/json')) {
      throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json');
    }
    if (length > LIMIT_BYTES) throw new HttpError(413, 'payload_too_large', 'Request body too large');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > LIMIT_BYTES) throw new HttpError(413, 'payload_too_large', 'Request body too large');
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      ctx.request.body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw new HttpError(400, 'validation_failed', 'Body is not valid JSON', {
        fields: [{ path: '', code: 'invalid_json', message: 'invalid_json' }],
      });
    }
    return next();
  };
}

declare module 'koa' {
  interface Request {
    body?: unknown;
  }
}
