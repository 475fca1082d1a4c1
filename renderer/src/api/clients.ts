// Calls of /api/v1/clients: whose portal the signed-in user may open, with his rights per section.
import { ApiPath } from '../../../shared/api/paths.ts';
import type { ClientsResponse } from '../../../shared/api/clients.ts';
import { get } from './client.ts';

export const clientsApi = {
  list: () => get<ClientsResponse>(ApiPath.clients),
};
