// /api/v1/health: is the server up. It touches neither session nor database, which makes it the baseline route
// the benchmark compares the panels endpoint with (same middleware stack, no work of its own).
import Router from '@koa/router';
import { ApiPath } from '../../../shared/api/paths.ts';

export function healthRoutes(): Router {
  const r = new Router();
  r.get(ApiPath.health, (ctx) => {
    ctx.body = { ok: true };
  });
  return r;
}
