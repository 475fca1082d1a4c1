import type { Migration } from '../migrate.ts';
import { m0010 } from './0010-accounts.ts';
import { m0020 } from './0020-sign-in.ts';
import { m0030 } from './0030-audit-log.ts';
import { m0040 } from './0040-outbox.ts';
import { m0050 } from './0050-appointments.ts';
import { m0060 } from './0060-messages.ts';
import { m0070 } from './0070-dossier.ts';
import { m0080 } from './0080-details.ts';
import { m0090 } from './0090-panel-indexes.ts';
import { m0100 } from './0100-cache-versions.ts';
import { m0110 } from './0110-audit-recent.ts';
import { m0120 } from './0120-network.ts';
import { m0130 } from './0130-profile.ts';
import { m0140 } from './0140-ward-computers.ts';
import { m0150 } from './0150-ehr-sync.ts';
import { m0160 } from './0160-audit-time-index.ts';

export const migrations: Migration[] = [
  m0010,
  m0020,
  m0030,
  m0040,
  m0050,
  m0060,
  m0070,
  m0080,
  m0090,
  m0100,
  m0110,
  m0120,
  m0130,
  m0140,
  m0150,
  m0160,
];
