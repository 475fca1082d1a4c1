// Only mounted with PORTAL_TEST_HOOKS=1: lets end-to-end tests move the server's clock (5-minute codes, 90 days)
// instead of waiting. Never enabled in production; main.ts warns loudly when it is.
import Router from '@koa/router';
import { z } from 'zod';
import { parse } from '../validate.ts';
import type { AdjustableClock } from '../../clock.ts';

const AdvanceBody = z
  .object({
    seconds: z
      .number()
      .int()
      .min(1)
      .max(400 * 24 * 3600),
  })
  .strict();

export function testHookRoutes(clock: AdjustableClock): Router {
  const r = new Router();
  r.post('/test/clock/advance', (ctx) => {
    const { seconds } = parse(AdvanceBody, ctx.request.body);
    clock.advance(seconds * 1000);
    ctx.body = { now: clock.now().toISOString() };
  });
  return r;
}
