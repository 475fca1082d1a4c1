// GET /api/v1/clients/:clientId/access-log: "Wie heeft mijn dossier bekeken".
import type { AccessLogResponse } from '../../../shared/api/access-log.ts';
import { ApiPath } from '../../../shared/api/paths.ts';
import { get } from './client.ts';

export const accessLogApi = {
  list: (clientId: number, from: string, to: string) =>
    get<AccessLogResponse>(
      `${ApiPath.accessLog.replace(':clientId', String(clientId))}?${new URLSearchParams({ from, to }).toString()}`,
    ),
};
