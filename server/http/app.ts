// The Koa application: the error middleware first, then logs and headers, then the API routers, then the web UI.
import Koa from 'koa';
import Router from '@koa/router';
import { API_PREFIX } from '../../shared/api/paths.ts';
import { errorMiddleware } from './middleware/errors.ts';
import { requestLog } from './middleware/request-log.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { jsonBody } from './middleware/json-body.ts';
import { sameOrigin } from './middleware/same-origin.ts';
import { authRoutes } from './routes/auth.ts';
import { infoRoutes } from './routes/info.ts';
import { clientRoutes } from './routes/clients.ts';
import { appointmentRoutes } from './routes/appointments.ts';
import { dossierRoutes } from './routes/dossier.ts';
import { accessLogRoutes } from './routes/access-log.ts';
import { homeRoutes } from './routes/home.ts';
import { healthRoutes } from './routes/health.ts';
import { messageRoutes } from './routes/messages.ts';
import { detailsRoutes } from './routes/details.ts';
import { networkRoutes } from './routes/network.ts';
import { profileRoutes } from './routes/profile.ts';
import { wardRoutes } from './routes/ward.ts';
import { syncRoutes } from './routes/sync.ts';
import { testHookRoutes } from './routes/test-hooks.ts';
import { staticWeb } from './static-web.ts';
import type { AdjustableClock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { AuthDeps } from '../auth/deps.ts';
import type { Logger } from '../log.ts';

export interface AppOptions {
  config: Config;
  deps: AuthDeps;
  log: Logger;
  /** Only with config.testHooks: the clock the test hooks may move. */
  testClock?: AdjustableClock;
}

export function createApp({ config, deps, log, testClock }: AppOptions): Koa {
  const app = new Koa({ proxy: config.trustProxy });
  app.silent = true; // errors are logged by errorMiddleware, not by Koa's default handler
  app.use(requestLog(log));
  app.use(errorMiddleware(log));
  app.use(securityHeaders());
  // The Date header comes from the portal's one clock: the UI's countdowns (code validity, resend) use it.
  app.use((ctx, next) => {
    ctx.set('Date', deps.clock.now().toUTCString());
    return next();
  });
  app.use(sameOrigin(config.publicUrl));
  app.use(jsonBody());

  const api = new Router({ prefix: API_PREFIX });
  // Routers are tried in this order and every miss costs its route matching: the bare baseline route, then the home
  // screen that every visit loads, then the rest.
  const routers = [
    healthRoutes(),
    homeRoutes(deps),
    infoRoutes(config),
    authRoutes(deps),
    clientRoutes(deps, config.organisation),
    appointmentRoutes(deps),
    dossierRoutes(deps),
    accessLogRoutes(deps),
    messageRoutes(deps, config.organisation),
    detailsRoutes(deps, config.organisation),
    networkRoutes(deps, config.organisation),
    profileRoutes(deps),
    wardRoutes(deps),
    syncRoutes(deps, config),
  ];
  for (const r of routers) {
    api.use(r.routes(), r.allowedMethods());
  }
  if (config.testHooks && testClock) {
    const hooks = testHookRoutes(testClock);
    api.use(hooks.routes());
  }
  app.use(api.routes());
  app.use(api.allowedMethods({ throw: false }));
  app.use(staticWeb(config.webDir));
  return app;
}
