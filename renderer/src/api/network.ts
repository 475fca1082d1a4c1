// Calls of Gebruikersbeheer (…/network, …/invitations), the public invitation link, and the user's own invitations.
import {
  NetworkPath,
  type AcceptNewBody,
  type AcceptNewResponse,
  type AcceptResponse,
  type CreateInvitationBody,
  type InvitationItem,
  type InvitationLookupResponse,
  type InvitationsResponse,
  type MyInvitationsResponse,
  type NetworkResponse,
  type NetworkRow,
  type UpdateMemberBody,
} from '../../../shared/api/network.ts';
import { del, get, patch, post } from './client.ts';

/** A path template with its :params filled in. */
export function fill(template: string, params: Record<string, number>): string {
  return template.replace(/:(\w+)/g, (_, k: string) => String(params[k]));
}

export const networkApi = {
  network: (clientId: number) => get<NetworkResponse>(fill(NetworkPath.network, { clientId })),
  update: (clientId: number, userId: number, body: UpdateMemberBody) =>
    patch<NetworkRow>(fill(NetworkPath.member, { clientId, userId }), body),
  remove: (clientId: number, userId: number) => del(fill(NetworkPath.member, { clientId, userId })),
  invitations: (clientId: number) => get<InvitationsResponse>(fill(NetworkPath.invitations, { clientId })),
  invite: (clientId: number, body: CreateInvitationBody) =>
    post<InvitationItem>(fill(NetworkPath.invitations, { clientId }), body),
  resend: (clientId: number, invitationId: number) =>
    post<InvitationItem>(fill(NetworkPath.resend, { clientId, invitationId })),
  withdraw: (clientId: number, invitationId: number) => del(fill(NetworkPath.invitation, { clientId, invitationId })),
};

export const invitationApi = {
  lookup: (token: string) => post<InvitationLookupResponse>(NetworkPath.lookup, { token }),
  acceptNew: (body: AcceptNewBody) => post<AcceptNewResponse>(NetworkPath.acceptNew, body),
  mine: () => get<MyInvitationsResponse>(NetworkPath.mine),
  accept: (invitationId: number) => post<AcceptResponse>(fill(NetworkPath.accept, { invitationId })),
  decline: (invitationId: number) => post<AcceptResponse>(fill(NetworkPath.decline, { invitationId })),
};
