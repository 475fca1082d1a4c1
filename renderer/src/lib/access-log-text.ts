// "Wie heeft mijn dossier bekeken" shows audit actions ('appointments.read', 'dossier.report.create', 'board.react')
// as plain language. An action is read by its parts: the last is the verb, the most specific known earlier part says
// what was used. New features' actions thus read sensibly ("Berichten bekeken") without a change here; unknown parts
// fall back to "het portaal" and unknown verbs to "gebruikt", never to a raw code.

/** What was looked at or changed; each has an i18n entry accessLog.parts.<part> with a plural and a singular form. */
export const ACCESS_PARTS = [
  'home',
  'appointments',
  'messages',
  'dossier',
  'reports',
  'plans',
  'details',
  'contacts',
  'board',
  'other',
] as const;
export type AccessPart = (typeof ACCESS_PARTS)[number];

/** What was done; each has an i18n phrase accessLog.verbs.<verb> with {what}. */
export const ACCESS_VERBS = ['read', 'create', 'update', 'delete', 'send', 'react', 'other'] as const;
export type AccessVerb = (typeof ACCESS_VERBS)[number];

const PART_WORDS: Record<string, AccessPart> = {
  home: 'home',
  appointments: 'appointments',
  appointment: 'appointments',
  agenda: 'appointments',
  messages: 'messages',
  message: 'messages',
  threads: 'messages',
  thread: 'messages',
  dossier: 'dossier',
  file: 'dossier',
  timeline: 'dossier',
  reports: 'reports',
  report: 'reports',
  plans: 'plans',
  plan: 'plans',
  data: 'details',
  details: 'details',
  personal: 'details',
  contacts: 'contacts',
  contact: 'contacts',
  board: 'board',
  prikbord: 'board',
  posts: 'board',
  post: 'board',
};

const VERB_WORDS: Record<string, AccessVerb> = {
  read: 'read',
  list: 'read',
  view: 'read',
  open: 'read',
  create: 'create',
  add: 'create',
  post: 'create',
  write: 'create',
  upload: 'create',
  update: 'update',
  change: 'update',
  edit: 'update',
  mark: 'update',
  confirm: 'update',
  delete: 'delete',
  remove: 'delete',
  send: 'send',
  reply: 'send',
  react: 'react',
  reaction: 'react',
};

export interface AccessDescription {
  part: AccessPart;
  verb: AccessVerb;
}

/** 'dossier.report.create' → { part: 'reports', verb: 'create' }; 'board.react' → { part: 'board', verb: 'react' }. */
export function describeAccess(action: string): AccessDescription {
  const words = action.toLowerCase().split(/[.:]/).filter(Boolean);
  const verbWord = words.length > 1 ? words.at(-1)! : '';
  const verb = VERB_WORDS[verbWord] ?? 'other';
  const nouns = words.length > 1 ? words.slice(0, -1) : words;
  let part: AccessPart = 'other';
  for (const w of nouns) part = PART_WORDS[w] ?? part;
  return { part, verb };
}

/** Verbs that name the thing in the singular ("Afspraak toegevoegd"); reading names the section ("Afspraken bekeken"). */
export function usesSingular(verb: AccessVerb): boolean {
  return verb !== 'read' && verb !== 'other';
}

/** Upper-cases the first letter: the phrases start with the part's name in lower case. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Only the client himself and his legal representative may see who looked (the server answers 403 to others). */
export function mayReadAccessLog(role: string | null | undefined): boolean {
  return role === 'client' || role === 'representative';
}
