// Serves the built renderer in web mode, with the SPA fallback to index.html for the portal's own routes.
import fs from 'node:fs';
import path from 'node:path';
import type Koa from 'koa';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

export function staticWeb(webDir: string): Koa.Middleware {
  const root = path.resolve(webDir);
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(ctx.path);
    } catch {
      return next();
    }
    const file = path.resolve(root, '.' + rel);
    // Never outside the web root, whatever the path says.
    const inside = file === root || file.startsWith(root + path.sep);
    if (inside && path.extname(file) && isFile(file)) {
      return send(ctx, file, rel.startsWith('/assets/'));
    }
    // Paths without an extension are routes of the single-page app.
    if (!path.extname(rel)) {
      const index = path.join(root, 'index.html');
      if (isFile(index)) return send(ctx, index, false);
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'De gebruikersinterface is nog niet gebouwd: voer `npm run build:web` uit.';
      return;
    }
    return next();
  };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function send(ctx: Koa.Context, file: string, immutable: boolean): void {
  ctx.type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  // Vite puts a content hash in every asset name; index.html must always be fresh.
  ctx.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  ctx.body = fs.createReadStream(file);
}
