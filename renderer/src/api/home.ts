// GET /api/v1/clients/:clientId/home: all panels of the home screen in one call.
import { HomePath, type HomeResponse } from '../../../shared/api/home.ts';
import { get } from './client.ts';

export const homeApi = {
  panels: (clientId: number) => get<HomeResponse>(HomePath.home.replace(':clientId', String(clientId))),
};
