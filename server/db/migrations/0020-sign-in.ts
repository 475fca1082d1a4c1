import type { Migration } from '../migrate.ts';

// Everything of the sign-in: sessions, remembered devices, pending logins with their SMS codes, throttling and
// password-reset links. Tokens, secrets and codes are stored only as SHA-256 hashes.
export const m0020: Migration = {
  version: 20,
  name: 'sign-in',
  sql: `
CREATE TABLE devices (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  secret_hash TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('browser', 'desktop', 'kiosk')),
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX devices_user ON devices(user_id);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  device_id INTEGER REFERENCES devices(id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  absolute_expires_at TEXT NOT NULL,
  revoked_at TEXT,
  revoke_reason TEXT,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  stage TEXT NOT NULL CHECK (stage IN ('verify-device', 'change-password', 'done', 'cancelled')),
  device_id INTEGER REFERENCES devices(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ip TEXT
);
CREATE INDEX login_attempts_user ON login_attempts(user_id);

CREATE TABLE sms_codes (
  id INTEGER PRIMARY KEY,
  login_attempt_id INTEGER NOT NULL REFERENCES login_attempts(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  code_hash TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  tries INTEGER NOT NULL DEFAULT 0,
  used_at TEXT
);
CREATE INDEX sms_codes_attempt ON sms_codes(login_attempt_id);
CREATE INDEX sms_codes_user_sent ON sms_codes(user_id, sent_at);

CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at TEXT NOT NULL,
  locked_until TEXT
);

CREATE TABLE password_resets (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX password_resets_user ON password_resets(user_id, created_at);
`,
};
