// GET /api/v1/sync/status (staff only).
import { ApiPath } from '../../../shared/api/paths.ts';
import type { SyncStatusResponse } from '../../../shared/api/sync.ts';
import { get } from './client.ts';

export const syncApi = {
  status: () => get<SyncStatusResponse>(ApiPath.syncStatus),
};
