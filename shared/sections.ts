// The sections of the portal a person can be given rights to: the columns of the permission grid
// (Berichten, Afspraken, Dossier, Gegevens, Instellingen).
export const Section = {
  messages: 'messages',
  appointments: 'appointments',
  dossier: 'dossier',
  data: 'data',
  settings: 'settings',
} as const;
export type Section = (typeof Section)[keyof typeof Section];

export const SECTIONS: readonly Section[] = Object.values(Section);

export type Rights = Record<Section, boolean>;

export type MemberRole = 'client' | 'representative' | 'contact';
