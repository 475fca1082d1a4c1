// Typed configuration from the environment, with the defaults of the README. Parsed once at start-up; a bad value
// stops the server with a message naming the variable.
import path from 'node:path';
import { z } from 'zod';
import type { LogLevel } from './log.ts';
import { cronProblem } from './sync/schedule.ts';
import { ORGANISATION_PRESETS, PRESET_NAMES, type OrganisationSettings, type PresetName } from './org/presets.ts';

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const EnvSchema = z.object({
  PORTAL_PORT: z.coerce.number().int().min(0).max(65535).default(8470),
  PORTAL_HOST: z.string().min(1).default('127.0.0.1'),
  PORTAL_DATA_DIR: z.string().min(1).default('./.portal-data'),
  PORTAL_PUBLIC_URL: z.string().url().optional(),
  PORTAL_ORG_PRESET: z.enum(PRESET_NAMES as [PresetName, ...PresetName[]]).default('careyn'),
  PORTAL_ORG_NAME: z.string().min(1).optional(),
  PORTAL_ORG_COLOR: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'kleur als #rrggbb')
    .optional(),
  PORTAL_MESSAGES_TO_CARE_TEAM: bool.optional(),
  PORTAL_MOOD_ON_BOARD: bool.optional(),
  PORTAL_SYNC_SCHEDULE_TEXT: z.string().min(1).optional(),
  PORTAL_SUPPORT_EMAIL: z.string().email().optional(),
  PORTAL_ORG_LOGO: z.string().min(1).optional(),
  PORTAL_HELP_VIDEO_URL: z.string().url().optional(),
  PORTAL_MANUAL_URL: z.string().url().optional(),
  PORTAL_DELEGATE_SETTINGS: bool.optional(),
  PORTAL_INVITATION_DAYS: z.coerce.number().int().min(1).max(90).optional(),
  PORTAL_SMS: z.enum(['file', 'twilio']).default('file'),
  TWILIO_ACCOUNT_SID: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  TWILIO_FROM: z.string().optional(),
  TWILIO_MESSAGING_SERVICE_SID: z.string().optional(),
  PORTAL_SMTP_URL: z.string().url().optional(),
  PORTAL_MAIL_FROM: z.string().min(3).optional(),
  PORTAL_TRUST_PROXY: bool.default(false),
  PORTAL_OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  PORTAL_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  PORTAL_TEST_HOOKS: bool.default(false),
  PORTAL_WEB_DIR: z.string().optional(),
  PORTAL_SYNC_ADAPTER: z.enum(['none', 'file-drop', 'fhir']).default('none'),
  /** Written as `source` on every imported row; the EHR's name, e.g. "ons" or "caress". */
  PORTAL_SYNC_SOURCE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'kleine letters, cijfers en streepjes, hoogstens 40')
    .default('ehr'),
  PORTAL_SYNC_DROP_DIR: z.string().min(1).optional(),
  /** The EHR's FHIR R4 base URL, e.g. https://ecd.example.nl/fhir/R4; checked further in loadConfig. */
  PORTAL_FHIR_URL: z.string().url().optional(),
  PORTAL_FHIR_TOKEN: z.string().min(1).optional(),
  PORTAL_FHIR_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(200),
  /** The system of the Patient identifier that is the client's number in the EHR (client:link --ehr-id). */
  PORTAL_FHIR_CLIENT_ID_SYSTEM: z.string().url().optional(),
  /** How often the FHIR adapter compares all ids to find hard deletes; 0: every run. */
  PORTAL_FHIR_SWEEP_HOURS: z.coerce.number().int().min(0).max(720).default(24),
  PORTAL_SYNC_PULL_CRON: z.string().min(9).max(100).optional(),
  PORTAL_SYNC_PUSH_CRON: z.string().min(9).max(100).optional(),
});

/** The logo's content type by file extension: only image types a browser shows in <img>. */
export const LOGO_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  dbFile: string;
  outboxDir: string;
  /** Base of every link in e-mails; never derived from the Host header. */
  publicUrl: string;
  organisationName: string;
  /** The preset's settings with the environment's overrides applied. */
  organisation: OrganisationSettings;
  supportEmail: string;
  helpVideoUrl: string | null;
  manualUrl: string | null;
  sms:
    | { kind: 'file' }
    | {
        kind: 'twilio';
        accountSid: string;
        authToken: string;
        from: string | null;
        messagingServiceSid: string | null;
      };
  smtpUrl: string | null;
  mailFrom: string;
  trustProxy: boolean;
  outboxIntervalMs: number;
  logLevel: LogLevel;
  /** Enables /api/v1/test/* (moving the clock) for end-to-end tests. Never on in production. */
  testHooks: boolean;
  /** The built renderer served in web mode. */
  webDir: string;
  /** The connection to the EHR (issue 6): none, the folder of the file-drop adapter, or a FHIR R4 endpoint. */
  sync:
    | { adapter: 'none'; source: string }
    | { adapter: 'file-drop'; source: string; dropDir: string }
    | {
        adapter: 'fhir';
        source: string;
        /** Without a trailing slash. */
        url: string;
        token: string;
        pageSize: number;
        clientIdSystem: string | null;
        sweepHours: number;
      };
}

export class ConfigError extends Error {}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The bearer token travels with every request: only over https, or plain http to this machine (tests, a tunnel). */
function fhirUrl(raw: string | undefined): string {
  if (!raw) throw new ConfigError('PORTAL_SYNC_ADAPTER=fhir vraagt PORTAL_FHIR_URL');
  const url = new URL(raw);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new ConfigError('PORTAL_FHIR_URL: gebruik https (http alleen voor 127.0.0.1 of localhost)');
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError('PORTAL_FHIR_URL: alleen het basisadres, zonder ?, # of inloggegevens');
  }
  return url.href.replace(/\/+$/, '');
}

function syncConfig(e: z.infer<typeof EnvSchema>, dataDir: string): Config['sync'] {
  const source = e.PORTAL_SYNC_SOURCE;
  switch (e.PORTAL_SYNC_ADAPTER) {
    case 'file-drop':
      return {
        adapter: 'file-drop',
        source,
        dropDir: path.resolve(e.PORTAL_SYNC_DROP_DIR ?? path.join(dataDir, 'ehr-drop')),
      };
    case 'fhir': {
      const url = fhirUrl(e.PORTAL_FHIR_URL);
      if (!e.PORTAL_FHIR_TOKEN) throw new ConfigError('PORTAL_SYNC_ADAPTER=fhir vraagt PORTAL_FHIR_TOKEN');
      return {
        adapter: 'fhir',
        source,
        url,
        token: e.PORTAL_FHIR_TOKEN,
        pageSize: e.PORTAL_FHIR_PAGE_SIZE,
        clientIdSystem: e.PORTAL_FHIR_CLIENT_ID_SYSTEM ?? null,
        sweepHours: e.PORTAL_FHIR_SWEEP_HOURS,
      };
    }
    default:
      return { adapter: 'none', source };
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Ongeldige configuratie:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.PORTAL_DATA_DIR);
  let sms: Config['sms'] = { kind: 'file' };
  if (e.PORTAL_SMS === 'twilio') {
    if (!e.TWILIO_ACCOUNT_SID || !e.TWILIO_AUTH_TOKEN || !(e.TWILIO_FROM || e.TWILIO_MESSAGING_SERVICE_SID)) {
      throw new ConfigError(
        'PORTAL_SMS=twilio vraagt TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN en TWILIO_FROM of TWILIO_MESSAGING_SERVICE_SID',
      );
    }
    sms = {
      kind: 'twilio',
      accountSid: e.TWILIO_ACCOUNT_SID,
      authToken: e.TWILIO_AUTH_TOKEN,
      from: e.TWILIO_FROM ?? null,
      messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID ?? null,
    };
  }
  const preset = ORGANISATION_PRESETS[e.PORTAL_ORG_PRESET];
  const organisation: OrganisationSettings = {
    name: e.PORTAL_ORG_NAME ?? preset.name,
    primaryColor: e.PORTAL_ORG_COLOR ?? preset.primaryColor,
    messagesToCareTeam: e.PORTAL_MESSAGES_TO_CARE_TEAM ?? preset.messagesToCareTeam,
    moodOnBoard: e.PORTAL_MOOD_ON_BOARD ?? preset.moodOnBoard,
    syncScheduleText: e.PORTAL_SYNC_SCHEDULE_TEXT ?? preset.syncScheduleText,
    syncPullCron: e.PORTAL_SYNC_PULL_CRON ?? preset.syncPullCron,
    syncPushCron: e.PORTAL_SYNC_PUSH_CRON ?? preset.syncPushCron,
    supportEmail: e.PORTAL_SUPPORT_EMAIL ?? preset.supportEmail,
    helpVideoUrl: e.PORTAL_HELP_VIDEO_URL ?? preset.helpVideoUrl,
    manualUrl: e.PORTAL_MANUAL_URL ?? preset.manualUrl,
    logoFile: e.PORTAL_ORG_LOGO ? path.resolve(e.PORTAL_ORG_LOGO) : preset.logoFile,
    delegateSettings: e.PORTAL_DELEGATE_SETTINGS ?? preset.delegateSettings,
    invitationDays: e.PORTAL_INVITATION_DAYS ?? preset.invitationDays,
  };
  for (const [name, expr] of [
    ['PORTAL_SYNC_PULL_CRON', organisation.syncPullCron],
    ['PORTAL_SYNC_PUSH_CRON', organisation.syncPushCron],
  ] as const) {
    const problem = cronProblem(expr);
    if (problem) throw new ConfigError(`${name}: geen geldige cron-uitdrukking (${expr}): ${problem}`);
  }
  if (organisation.logoFile && !LOGO_TYPES[path.extname(organisation.logoFile).toLowerCase()]) {
    throw new ConfigError(`PORTAL_ORG_LOGO: kies een .png, .jpg, .webp of .svg bestand (${organisation.logoFile})`);
  }
  const publicUrl = (e.PORTAL_PUBLIC_URL ?? `http://${e.PORTAL_HOST}:${e.PORTAL_PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORTAL_PORT,
    host: e.PORTAL_HOST,
    dataDir,
    dbFile: path.join(dataDir, 'portal.sqlite'),
    outboxDir: path.join(dataDir, 'outbox'),
    publicUrl,
    organisationName: organisation.name,
    organisation,
    supportEmail: organisation.supportEmail,
    helpVideoUrl: organisation.helpVideoUrl,
    manualUrl: organisation.manualUrl,
    sms,
    smtpUrl: e.PORTAL_SMTP_URL ?? null,
    mailFrom: e.PORTAL_MAIL_FROM ?? `${organisation.name} Cliëntportaal <noreply@${new URL(publicUrl).hostname}>`,
    trustProxy: e.PORTAL_TRUST_PROXY,
    outboxIntervalMs: e.PORTAL_OUTBOX_INTERVAL_MS,
    logLevel: e.PORTAL_LOG_LEVEL,
    testHooks: e.PORTAL_TEST_HOOKS,
    webDir: path.resolve(e.PORTAL_WEB_DIR ?? 'dist/web'),
    sync: syncConfig(e, dataDir),
  };
}
