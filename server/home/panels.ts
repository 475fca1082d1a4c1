// The panel providers of the home screen. Each feature contributes one function that builds its panel's data for a
// caller whose section right has already been checked here (once per request); the home use case audits once.
import { upcomingPanel } from '../appointments/service.ts';
import { messagesPanel } from '../messages/service.ts';
import { dossierPanel } from '../dossier/service.ts';
import { detailsPanel } from '../details/service.ts';
import type { Caller } from '../auth/caller.ts';
import type { HomeResponse, PanelKey } from '../../shared/api/home.ts';
import type { Section } from '../../shared/sections.ts';

export interface PanelProvider<K extends PanelKey = PanelKey> {
  key: K;
  section: Section;
  load: (c: Caller) => NonNullable<HomeResponse[K]>;
}

export const PANEL_PROVIDERS: readonly PanelProvider[] = [
  { key: 'appointments', section: 'appointments', load: upcomingPanel },
  { key: 'messages', section: 'messages', load: messagesPanel },
  { key: 'file', section: 'dossier', load: dossierPanel },
  { key: 'details', section: 'data', load: detailsPanel },
];
