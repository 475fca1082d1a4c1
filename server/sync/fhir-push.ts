// The nightly push over FHIR (run-push.ts): each client report becomes an Observation about the client and performed
// by the client, identified by PORTAL_REPORT_SYSTEM|<portal id>, created with If-None-Exist on that identifier. A
// retried push (the answer lost after the EHR stored it, a run that failed half-way) finds the stored one (200)
// instead of adding a second: the report reaches the EHR once. Only accepted ids come back; run-push.ts marks those
// "verzonden" and tries the rest again next night.
import { parseOrThrow, type FhirClient } from './fhir-client.ts';
import { ehrIdOf } from './fhir-lookups.ts';
import { PORTAL_REPORT_SYSTEM } from './fhir-mapping.ts';
import { Patient } from './fhir-schemas.ts';
import type { ClientReportOut } from './adapter.ts';

/**
 * The client's Patient, found by the client number the portal links (`client:link --ehr-id`), as the pull read it:
 * the same identifier rule (ehrIdOf), so pull and push agree on who is who. Exactly one Patient must match.
 */
async function patientReference(client: FhirClient, system: string | null, ehrId: string): Promise<string | null> {
  if (/^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(ehrId)) return ehrId;
  const q = new URLSearchParams({ identifier: system ? `${system}|${ehrId}` : ehrId, _count: '10' });
  const matches: string[] = [];
  for await (const page of client.pages(`Patient?${q}`)) {
    for (const e of page.entry ?? []) {
      if (e.resource?.resourceType !== 'Patient') continue;
      const p = parseOrThrow(Patient, e.resource, 'Patient');
      if (ehrIdOf(p, system) === ehrId) matches.push(p.id);
    }
  }
  return matches.length === 1 ? `Patient/${matches[0]}` : null;
}

export function clientReportObservation(r: ClientReportOut, patient: string): Record<string, unknown> {
  return {
    resourceType: 'Observation',
    identifier: [{ system: PORTAL_REPORT_SYSTEM, value: String(r.id) }],
    status: 'final',
    code: { text: 'Cliëntrapportage' },
    subject: { reference: patient },
    performer: [{ reference: patient }],
    effectiveDateTime: r.occurredAt,
    valueString: r.text,
    // Who typed it in the portal: the client, or someone on his behalf.
    note: [{ authorString: r.authorName, text: 'Geschreven in het cliëntportaal' }],
  };
}

/**
 * Statuses that concern one report only: 400/422 the EHR refuses this Observation (its profile, say); 409 a
 * conflict. 412 means several Observations already carry the identifier: the report is in the EHR, and no retry
 * can change that, so it counts as accepted. Anything else (401, 5xx, a timeout) throws: the run fails and the next
 * one sends again, which the conditional create makes harmless.
 */
const REFUSED_ONE = [400, 409, 422];
const ALREADY_THERE = 412;

export async function pushClientReports(
  client: FhirClient,
  clientIdSystem: string | null,
  reports: ClientReportOut[],
): Promise<number[]> {
  const patients = new Map<string, string | null>();
  const accepted: number[] = [];
  for (const r of reports) {
    let patient = patients.get(r.clientEhrId);
    if (patient === undefined) {
      patient = await patientReference(client, clientIdSystem, r.clientEhrId);
      patients.set(r.clientEhrId, patient);
    }
    // No such Patient (or several): not accepted; run-push.ts notes it and tries again next run.
    if (patient === null) continue;
    const ifNoneExist = new URLSearchParams({ identifier: `${PORTAL_REPORT_SYSTEM}|${r.id}` }).toString();
    const res = await client.request('POST', 'Observation', {
      body: clientReportObservation(r, patient),
      headers: { 'if-none-exist': ifNoneExist },
      allowed: [...REFUSED_ONE, ALREADY_THERE],
    });
    if (!REFUSED_ONE.includes(res.status)) accepted.push(r.id);
  }
  return accepted;
}
