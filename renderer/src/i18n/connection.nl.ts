// Dutch texts of the desktop app's connection (first-start page, Verbinding in Instellingen), merged under
// `connection` in index.ts. A file of its own so this part can change without touching nl.ts.
export const connectionNl = {
  setupTitle: 'Verbinding instellen',
  setupIntro:
    'Met welke zorgorganisatie wilt u verbinden? Het adres krijgt u van de zorgorganisatie of van uw IT-afdeling.',
  address: 'Adres van de server',
  addressHint: 'Bijvoorbeeld https://portaal.zorgorganisatie.nl',
  check: 'Controleren',
  found: 'Gevonden: {name}',
  logoAlt: 'Logo van {name}',
  presetByIt: 'Ingesteld door uw IT-afdeling',
  modeLegend: 'Hoe wordt deze computer gebruikt?',
  modes: {
    personal: 'Persoonlijk',
    personalHint: 'Uw eigen computer of die van uw familie. Na de sms-code kan deze computer worden onthouden.',
    kiosk: 'Afdelings-pc (kiosk)',
    kioskHint:
      'Een gedeelde computer op de afdeling: volledig scherm, niets wordt onthouden en wie een paar minuten niets doet, wordt uitgelogd.',
  },
  save: 'Opslaan en starten',
  restarting: 'Opgeslagen. Cliëntportaal start opnieuw…',
  errors: {
    required: 'Vul het adres van de server in.',
    notChecked: 'Klik eerst op Controleren, zodat u ziet met welke organisatie u verbindt.',
    noMode: 'Kies hoe deze computer wordt gebruikt.',
    invalidUrl: 'Dit is geen geldig adres. Controleer wat u heeft ingevuld.',
    notHttps:
      'Dit adres moet met https:// beginnen. Een onbeveiligde verbinding (http) mag alleen met een server op deze computer.',
    unreachable: 'De server is niet bereikbaar. Controleer het adres en de internetverbinding en probeer het opnieuw.',
    notPortal: 'Op dit adres staat geen Cliëntportaal. Controleer het adres.',
    notAllowed: 'Alleen een ingelogde medewerker kan de verbinding van deze computer wijzigen.',
    failed: 'Opslaan is niet gelukt. Probeer het opnieuw.',
  },
  settings: {
    title: 'Verbinding',
    organisation: 'Organisatie',
    server: 'Server',
    mode: 'Gebruik',
    change: 'Verbinding wijzigen',
    cancel: 'Annuleren',
    changeNote: 'Na het opslaan start Cliëntportaal opnieuw en logt u opnieuw in.',
  },
};

export type ConnectionMessages = typeof connectionNl;
