import fs from 'node:fs/promises';
import path from 'node:path';
import Router from '@koa/router';
import { API_PREFIX, ApiPath } from '../../../shared/api/paths.ts';
import type { PublicInfo } from '../../../shared/api/auth.ts';
import { LOGO_TYPES, type Config } from '../../config.ts';
import { HttpError } from '../errors.ts';

/** The logo is public and changes rarely: browsers may keep it a few minutes (the API's other answers: no-store). */
const LOGO_CACHE = 'public, max-age=300';

/** Public facts about this portal: the login screen and the desktop app's first start show them. */
export function infoRoutes(config: Config): Router {
  const logoFile = config.organisation.logoFile;
  const r = new Router();
  r.get(ApiPath.info, (ctx) => {
    ctx.body = {
      organisationName: config.organisationName,
      supportEmail: config.supportEmail,
      helpVideoUrl: config.helpVideoUrl,
      manualUrl: config.manualUrl,
      logoUrl: logoFile ? `${API_PREFIX}${ApiPath.infoLogo}` : null,
      primaryColor: config.organisation.primaryColor,
      messagesToCareTeam: config.organisation.messagesToCareTeam,
      moodOnBoard: config.organisation.moodOnBoard,
      syncScheduleText: config.organisation.syncScheduleText,
    } satisfies PublicInfo;
  });
  r.get(ApiPath.infoLogo, async (ctx) => {
    if (!logoFile) throw new HttpError(404, 'not_found', 'This organisation has no logo');
    let body: Buffer;
    try {
      // Read per request: an administrator may replace the file without restarting the server.
      body = await fs.readFile(logoFile);
    } catch {
      throw new HttpError(404, 'not_found', 'The logo file cannot be read');
    }
    ctx.type = LOGO_TYPES[path.extname(logoFile).toLowerCase()]!;
    ctx.set('Cache-Control', LOGO_CACHE);
    // An SVG opened on its own must not run scripts.
    if (ctx.type === 'image/svg+xml')
      ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    ctx.body = body;
  });
  return r;
}
