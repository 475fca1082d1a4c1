// The organisation settings, with presets that reproduce the four manuals. One server serves one organisation;
// the differences between organisations are these settings, not code.
export interface OrganisationSettings {
  name: string;
  primaryColor: string;
  messagesToCareTeam: boolean;
  moodOnBoard: boolean;
  syncScheduleText: string;
}

export const ORGANISATION_PRESETS = {
  // Pluryn: reports pushed every hour 07:00–23:00; messages to the zorgteam allowed (quick card 001).
  pluryn: {
    name: 'Pluryn',
    primaryColor: '#00594f',
    messagesToCareTeam: true,
    moodOnBoard: false,
    syncScheduleText: 'Elk uur tussen 07.00 en 23.00 uur',
  },
  // Careyn: "er kunnen geen berichten naar de zorg worden gestuurd"; synchronised at 08.00 and 20.00 (manual 002).
  careyn: {
    name: 'Careyn',
    primaryColor: '#005a70',
    messagesToCareTeam: false,
    moodOnBoard: false,
    syncScheduleText: 'Elke dag om 08.00 en 20.00 uur',
  },
  // Hilverzorg: messages to care staff allowed (manual 003).
  hilverzorg: {
    name: 'Hilverzorg',
    primaryColor: '#6a2c70',
    messagesToCareTeam: true,
    moodOnBoard: false,
    syncScheduleText: 'Meerdere keren per dag',
  },
  // SVRZ: the client can post his mood with a smiley on the prikbord (manual 004).
  svrz: {
    name: 'SVRZ',
    primaryColor: '#1f4e79',
    messagesToCareTeam: true,
    moodOnBoard: true,
    syncScheduleText: 'Meerdere keren per dag',
  },
} as const satisfies Record<string, OrganisationSettings>;

export type PresetName = keyof typeof ORGANISATION_PRESETS;
export const PRESET_NAMES = Object.keys(ORGANISATION_PRESETS) as PresetName[];
