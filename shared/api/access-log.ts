// /api/v1/clients/:clientId/access-log: "Wie heeft mijn dossier bekeken" (Wabvpz art. 15e, NEN 7513): who looked at
// or changed which part of the client's portal, and when. Only the client and his legal representative may see it.
import { AppointmentsQuery } from './appointments.ts';

/** Same period rules as the agenda: instants with an offset; default the last 30 days. */
export const AccessLogQuery = AppointmentsQuery;
export const ACCESS_LOG_DEFAULT_DAYS = 30;
export const ACCESS_LOG_MAX_ENTRIES = 500;

export interface AccessLogEntry {
  /** UTC ISO time. */
  at: string;
  userId: number;
  userName: string;
  /** "Eerste relatie/contactpersoon", … as recorded; null for the client himself (the UI labels him by role). */
  relation: string | null;
  role: 'client' | 'representative' | 'contact' | null;
  /**
   * What was done, as the audit log records it: '<part>.<verb>' such as 'appointments.read', 'home.read',
   * 'messages.create' or 'dossier.report.create'. The renderer turns it into plain Dutch by its first and last part,
   * so a new feature's actions read sensibly without a change here.
   */
  action: string;
}

export interface AccessLogResponse {
  from: string;
  to: string;
  entries: AccessLogEntry[];
  /** True when there were more entries in the period than were returned (the newest are returned). */
  truncated: boolean;
}
