// /api/v1/clients: the clients whose network the signed-in user belongs to, with his rights per section.
import { z } from 'zod';
import type { MemberRole, Rights } from '../sections.ts';

export interface ClientAccess {
  id: number;
  displayName: string;
  /** The caller's role in this client's network. */
  role: MemberRole;
  /** "Eerste relatie/contactpersoon", … as recorded; null for the client himself. */
  relation: string | null;
  rights: Rights;
  /**
   * May open Gebruikersbeheer: the client, his representative, or a contact with Instellingen where the organisation
   * lets contacts manage (SVRZ does not). The server checks it again on every network route.
   */
  mayManage: boolean;
}

export interface ClientsResponse {
  clients: ClientAccess[];
}

/** `:clientId` in every client route. */
export const ClientIdParams = z.object({
  clientId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31),
});
