// /api/v1/me/* and /users/:userId/photo: the user's own settings (issue 4 §5). Every route needs a session; the body
// is parsed after it, so a signed-out caller learns nothing from validation errors.
import Router from '@koa/router';
import {
  DeviceIdParams,
  PatchPreferencesBody,
  ProfilePath,
  UserIdParams,
  type RevokedResponse,
} from '../../../shared/api/profile.ts';
import { EmptyBody } from '../../../shared/api/auth.ts';
import { changePreferences, readProfile } from '../../profile/preferences.ts';
import { removeOwnPhoto, uploadOwnPhoto, userPhotoForCaller } from '../../profile/own-photo.ts';
import { listOwnDevices, revokeAllOwnDevices, revokeOwnDevice } from '../../profile/devices.ts';
import { requireSession, type SessionState } from '../middleware/require-session.ts';
import { parse } from '../validate.ts';
import { photoBody, sendImage, type Ctx } from './details.ts';
import type { OwnCaller } from '../../profile/own-caller.ts';
import type { AuthDeps } from '../../auth/deps.ts';

export function profileRoutes(deps: AuthDeps): Router<SessionState> {
  const r = new Router<SessionState>();
  const session = requireSession(deps);
  const own = (ctx: Ctx): OwnCaller => ({ deps, auth: ctx.state.auth, meta: ctx.state.meta });

  r.get(ProfilePath.preferences, session, (ctx) => {
    ctx.body = readProfile(own(ctx));
  });
  r.patch(ProfilePath.preferences, session, (ctx) => {
    ctx.body = changePreferences(own(ctx), parse(PatchPreferencesBody, ctx.request.body));
  });

  r.put(ProfilePath.photo, session, async (ctx) => {
    ctx.body = await uploadOwnPhoto(own(ctx), () => photoBody(ctx));
  });
  r.delete(ProfilePath.photo, session, (ctx) => {
    parse(EmptyBody, ctx.request.body);
    removeOwnPhoto(own(ctx));
    ctx.status = 204;
  });
  r.get(ProfilePath.userPhoto, session, (ctx) => {
    const { userId } = parse(UserIdParams, ctx.params);
    sendImage(ctx, userPhotoForCaller(own(ctx), userId));
  });

  r.get(ProfilePath.devices, session, (ctx) => {
    ctx.body = listOwnDevices(own(ctx));
  });
  r.delete(ProfilePath.devices, session, (ctx) => {
    parse(EmptyBody, ctx.request.body);
    ctx.body = revokeAllOwnDevices(own(ctx)) satisfies RevokedResponse;
  });
  r.delete(ProfilePath.device, session, (ctx) => {
    const { deviceId } = parse(DeviceIdParams, ctx.params);
    revokeOwnDevice(own(ctx), deviceId);
    ctx.status = 204;
  });
  return r;
}
