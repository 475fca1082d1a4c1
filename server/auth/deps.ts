import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/open.ts';
import type { PasswordHasher } from './passwords.ts';

/** What the sign-in services need; built once in main.ts (or a test) and passed down. */
export interface AuthDeps {
  db: Db;
  clock: Clock;
  hasher: PasswordHasher;
  /** HMAC key for SMS codes. */
  serverSecret: Buffer;
  config: Pick<Config, 'organisationName' | 'publicUrl' | 'supportEmail'>;
}

/** Facts about the request that the sign-in rules and the audit log need. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /**
   * Remembered-device secrets presented: from the HttpOnly cookie (browser; several when family members share a
   * computer) or the desktop app's header.
   */
  deviceSecrets: string[];
  deviceKind: 'browser' | 'desktop' | 'kiosk';
  /** The ward computer's secret, presented by the desktop app's main process on a registered ward computer. */
  wardSecret?: string | null;
}
