// The organisation settings, with presets that reproduce the four manuals. One server serves one organisation;
// the differences between organisations are these settings, not code.
export interface OrganisationSettings {
  name: string;
  primaryColor: string;
  messagesToCareTeam: boolean;
  moodOnBoard: boolean;
  syncScheduleText: string;
  /** When the portal pulls changes from the EHR: a cron expression in Dutch time (Europe/Amsterdam). */
  syncPullCron: string;
  /** When the clients' own reports go to the EHR: at night (02:00 by default). */
  syncPushCron: string;
  /** Where users with questions or problems write to (Informatie page, notice e-mails). */
  supportEmail: string;
  /** The instruction video ("instructiefilmpje") on the Informatie page. */
  helpVideoUrl: string | null;
  /** The manual with pictures, when the organisation publishes one. */
  manualUrl: string | null;
  /** A logo image file (PNG, JPEG, WebP or SVG) for the top bar and the login screen; null shows the name only. */
  logoFile: string | null;
  /**
   * May the client or representative give a contact the Instellingen right, making him a portaalbeheerder who manages
   * the network too? SVRZ: no, only the client or his representative invite and remove (manual 004).
   */
  delegateSettings: boolean;
  /** Days an invitation link stays valid (issue 4: default 14). */
  invitationDays: number;
}

export const ORGANISATION_PRESETS = {
  // Pluryn: reports pushed every hour 07:00–23:00; messages to the zorgteam allowed (quick card 001).
  pluryn: {
    name: 'Pluryn',
    primaryColor: '#00594f',
    messagesToCareTeam: true,
    moodOnBoard: false,
    syncScheduleText: 'Elk uur tussen 07.00 en 23.00 uur',
    syncPullCron: '0 7-23 * * *',
    syncPushCron: '0 2 * * *',
    // Quick card 001: the video and the manual are on www.pluryn.nl/clientportaal; problems signing in by e-mail.
    supportEmail: 'clientportaalrvenijmegen@pluryn.nl',
    helpVideoUrl: 'https://www.pluryn.nl/clientportaal',
    manualUrl: 'https://www.pluryn.nl/clientportaal',
    logoFile: null,
    delegateSettings: true,
    invitationDays: 14,
  },
  // Careyn: "er kunnen geen berichten naar de zorg worden gestuurd"; synchronised at 08.00 and 20.00 (manual 002).
  careyn: {
    name: 'Careyn',
    primaryColor: '#005a70',
    messagesToCareTeam: false,
    moodOnBoard: false,
    syncScheduleText: 'Elke dag om 08.00 en 20.00 uur',
    syncPullCron: '0 8,20 * * *',
    syncPushCron: '0 2 * * *',
    // Manual 002 mentions the instruction video under Informatie but gives no address: placeholders on careyn.nl.
    supportEmail: 'clientportaal@careyn.nl',
    helpVideoUrl: 'https://www.careyn.nl/clientportaal',
    manualUrl: null,
    logoFile: null,
    delegateSettings: true,
    invitationDays: 14,
  },
  // Hilverzorg: messages to care staff allowed (manual 003).
  hilverzorg: {
    name: 'Hilverzorg',
    primaryColor: '#6a2c70',
    messagesToCareTeam: true,
    moodOnBoard: false,
    syncScheduleText: 'Meerdere keren per dag',
    syncPullCron: '0 7,10,13,16,19,22 * * *',
    syncPushCron: '0 2 * * *',
    // Manual 003: "Vragen? Mail naar mijn@hilverzorg.nl"; the portal is reached via www.hilverzorg.nl (Mijnhilverzorg).
    supportEmail: 'mijn@hilverzorg.nl',
    helpVideoUrl: 'https://www.hilverzorg.nl/mijnhilverzorg',
    manualUrl: null,
    logoFile: null,
    delegateSettings: true,
    invitationDays: 14,
  },
  // SVRZ: the client can post his mood with a smiley on the prikbord (manual 004).
  svrz: {
    name: 'SVRZ',
    primaryColor: '#1f4e79',
    messagesToCareTeam: true,
    moodOnBoard: true,
    syncScheduleText: 'Meerdere keren per dag',
    syncPullCron: '0 7,10,13,16,19,22 * * *',
    syncPushCron: '0 2 * * *',
    // Manual 004: log-in data come from Clientportaal@svrz.nl; a separate manual is on the SVRZ website.
    supportEmail: 'clientportaal@svrz.nl',
    helpVideoUrl: 'https://www.svrz.nl/clientportaal',
    manualUrl: 'https://www.svrz.nl/clientportaal',
    logoFile: null,
    delegateSettings: false,
    invitationDays: 14,
  },
} as const satisfies Record<string, OrganisationSettings>;

export type PresetName = keyof typeof ORGANISATION_PRESETS;
export const PRESET_NAMES = Object.keys(ORGANISATION_PRESETS) as PresetName[];
