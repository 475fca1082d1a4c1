// GET /clients/:clientId/home: the four panels of the home screen in one answer. A panel is present only when the
// caller holds its section right; the UI shows exactly the panels present.
import type { UpcomingAppointmentsResponse } from './appointments.ts';
import type { MessagesPanel } from './messages.ts';
import type { DossierPanel } from './dossier.ts';
import type { DetailsPanel } from './details.ts';

export const HomePath = { home: '/clients/:clientId/home' } as const;

export interface HomeResponse {
  appointments?: UpcomingAppointmentsResponse;
  messages?: MessagesPanel;
  file?: DossierPanel;
  details?: DetailsPanel;
}
export type PanelKey = keyof HomeResponse;
