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
  /**
   * For a panel that changes by itself as time passes: the first moment (ISO) it would look different without any
   * change of data, or null. The home screen's cache must not serve it past that moment.
   */
  changesAt?: (panel: NonNullable<HomeResponse[K]>) => string | null;
}

function provider<K extends PanelKey>(p: PanelProvider<K>): PanelProvider {
  return p as unknown as PanelProvider;
}

export const PANEL_PROVIDERS: readonly PanelProvider[] = [
  provider({
    key: 'appointments',
    section: 'appointments',
    load: upcomingPanel,
    // The list holds the first appointments not yet over, so it changes exactly when one of them ends.
    changesAt: (p) =>
      [p.first, ...p.next].reduce<string | null>((m, a) => (a && (!m || a.endsAt < m) ? a.endsAt : m), null),
  }),
  provider({ key: 'messages', section: 'messages', load: messagesPanel }),
  provider({ key: 'file', section: 'dossier', load: dossierPanel }),
  provider({ key: 'details', section: 'data', load: detailsPanel }),
];
