// English texts of the desktop app's connection; same keys as connection.nl.ts (the type checks that none is missing).
import type { ConnectionMessages } from './connection.nl.ts';

export const connectionEn: ConnectionMessages = {
  setupTitle: 'Set up the connection',
  setupIntro:
    'Which care organisation do you want to connect to? You get the address from the care organisation or your IT department.',
  address: 'Server address',
  addressHint: 'For example https://portal.careorganisation.nl',
  check: 'Check',
  found: 'Found: {name}',
  logoAlt: 'Logo of {name}',
  presetByIt: 'Set by your IT department',
  modeLegend: 'How is this computer used?',
  modes: {
    personal: 'Personal',
    personalHint: 'Your own computer or your family’s. After the text message code this computer can be remembered.',
    kiosk: 'Ward computer (kiosk)',
    kioskHint:
      'A shared computer on the ward: full screen, nothing is remembered, and whoever does nothing for a few minutes is signed out.',
  },
  save: 'Save and start',
  restarting: 'Saved. The client portal is restarting…',
  errors: {
    required: 'Enter the server address.',
    notChecked: 'Click Check first, so you see which organisation you connect to.',
    noMode: 'Choose how this computer is used.',
    invalidUrl: 'This is not a valid address. Check what you entered.',
    notHttps:
      'This address must start with https://. An unencrypted connection (http) is only allowed to a server on this computer.',
    unreachable: 'The server cannot be reached. Check the address and the internet connection and try again.',
    notPortal: 'There is no client portal at this address. Check the address.',
    notAllowed: 'Only a signed-in staff member can change this computer’s connection.',
    failed: 'Saving did not work. Please try again.',
  },
  settings: {
    title: 'Connection',
    organisation: 'Organisation',
    server: 'Server',
    mode: 'Use',
    change: 'Change connection',
    cancel: 'Cancel',
    changeNote: 'After saving, the client portal restarts and you sign in again.',
  },
};
