// The four panels of the home screen, each opening a section page and shown only with the section's right.
import { mdiCalendarMonth, mdiCardAccountDetailsOutline, mdiEmailOutline, mdiFolderAccountOutline } from '@mdi/js';
import { Section } from '../../../shared/sections.ts';
import { RouteName } from '../router/names.ts';

export interface PanelDef {
  /** Key under `panels.` in the message files. */
  key: 'appointments' | 'messages' | 'file' | 'details';
  section: Section;
  route: RouteName;
  icon: string;
}

export const PANELS: readonly PanelDef[] = [
  { key: 'appointments', section: Section.appointments, route: RouteName.appointments, icon: mdiCalendarMonth },
  { key: 'messages', section: Section.messages, route: RouteName.messages, icon: mdiEmailOutline },
  { key: 'file', section: Section.dossier, route: RouteName.file, icon: mdiFolderAccountOutline },
  { key: 'details', section: Section.data, route: RouteName.details, icon: mdiCardAccountDetailsOutline },
];

/** The panels the user may see, in the manuals' order. */
export function visiblePanels(hasRight: (section: Section) => boolean): PanelDef[] {
  return PANELS.filter((p) => hasRight(p.section));
}
