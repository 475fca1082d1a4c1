import Router from '@koa/router';
import { ApiPath } from '../../../shared/api/paths.ts';
import type { PublicInfo } from '../../../shared/api/auth.ts';
import type { Config } from '../../config.ts';

/** Public facts about this portal: the login screen and the desktop app's first start show them. */
export function infoRoutes(config: Config): Router {
  const r = new Router();
  r.get(ApiPath.info, (ctx) => {
    ctx.body = {
      organisationName: config.organisationName,
      supportEmail: config.supportEmail,
      helpVideoUrl: config.helpVideoUrl,
      manualUrl: config.manualUrl,
      primaryColor: config.organisation.primaryColor,
      messagesToCareTeam: config.organisation.messagesToCareTeam,
      moodOnBoard: config.organisation.moodOnBoard,
      syncScheduleText: config.organisation.syncScheduleText,
    } satisfies PublicInfo;
  });
  return r;
}
