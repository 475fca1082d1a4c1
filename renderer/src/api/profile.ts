// Calls of /api/v1/me/*: the user's own preferences, photo and remembered devices.
import {
  ProfilePath,
  type DevicesResponse,
  type PatchPreferencesBody,
  type PhotoResponse,
  type ProfileResponse,
  type RevokedResponse,
} from '../../../shared/api/profile.ts';
import { del, get, http, patch } from './client.ts';
import { uploadType } from './details.ts';

export const profileApi = {
  profile: () => get<ProfileResponse>(ProfilePath.preferences),
  change: (body: PatchPreferencesBody) => patch<ProfileResponse>(ProfilePath.preferences, body),
  async uploadPhoto(file: Blob): Promise<PhotoResponse> {
    const res = await http.put<PhotoResponse>(ProfilePath.photo, file, {
      headers: { 'Content-Type': uploadType(file) },
      timeout: 120_000,
    });
    return res.data;
  },
  removePhoto: () => del(ProfilePath.photo),
  devices: () => get<DevicesResponse>(ProfilePath.devices),
  revokeDevice: (id: number) => del(ProfilePath.device.replace(':deviceId', String(id))),
  async revokeAll(): Promise<RevokedResponse> {
    return (await http.delete<RevokedResponse>(ProfilePath.devices)).data;
  },
};
