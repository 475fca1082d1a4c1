// Reads a JSON request body with a size limit. Only application/json is accepted for writes: a cross-site HTML
// form cannot send it, which (with SameSite=Strict cookies and the origin check) closes CSRF.
import type { IncomingMessage } from 'node:http';
import type Koa from 'koa';
import { fieldError, HttpError } from '../errors.ts';

const LIMIT_BYTES = 64 * 1024;

export function jsonBody(): Koa.Middleware {
  return async (ctx, next) => {
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method) || !ctx.path.startsWith('/api/')) return next();
    const length = Number(ctx.get('content-length') || 0);
    const hasBody = length > 0 || ctx.get('transfer-encoding') !== '';
    // Photo uploads (Prikbord) are read by their own route with its own limit. A cross-site form cannot send
    // these content types either, so the CSRF reasoning above still holds.
    if (hasBody && ctx.is(['image/jpeg', 'image/png'])) return next();
    if (!hasBody) {
      ctx.request.body = {};
      return next();
    }
    if (!ctx.is('application/json')) {
      throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json');
    }
    if (length > LIMIT_BYTES) throw new HttpError(413, 'payload_too_large', 'Request body too large');
    const text = await readLimited(ctx.req, LIMIT_BYTES);
    try {
      ctx.request.body = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      throw fieldError('validation_failed', 'Body is not valid JSON', '', 'invalid_json');
    }
    return next();
  };
}

/**
 * Reads the whole body as UTF-8. Past the limit it keeps reading but throws the data away and then answers 413:
 * leaving a streamed (chunked) upload half-read destroys the socket, and the client gets a connection reset
 * instead of the 413. The server's requestTimeout bounds how long such an upload can go on.
 */
function readLimited(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once('end', () => {
      if (size > limit) reject(new HttpError(413, 'payload_too_large', 'Request body too large'));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    // A client that gives up half-way is not a server error.
    const incomplete = () => reject(new HttpError(400, 'validation_failed', 'Request body incomplete'));
    req.once('error', incomplete);
    req.once('close', incomplete);
  });
}

declare module 'koa' {
  interface Request {
    body?: unknown;
  }
}
