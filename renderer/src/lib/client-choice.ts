// Which client's portal is shown: the choice is remembered per device and per user, and always checked against the
// list the server gave (a remembered id of a client the user no longer belongs to is ignored).
import type { ClientAccess } from '../../../shared/api/clients.ts';

const PREFIX = 'cp.client.';

/** localStorage key of the remembered client of one user on this device. */
export function choiceKey(userId: number): string {
  return `${PREFIX}${userId}`;
}

/** Parses a stored value; null for anything that is not a positive integer. */
export function parseStoredId(value: string | null | undefined): number | null {
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) return null;
  return Number(value);
}

/**
 * The client to show: the remembered one when it is still in the list; else the user's own portal (he is the client);
 * else the first of the list (alphabetical); null when the list is empty.
 */
export function pickClient(clients: readonly ClientAccess[], rememberedId: number | null): ClientAccess | null {
  return clients.find((c) => c.id === rememberedId) ?? clients.find((c) => c.role === 'client') ?? clients[0] ?? null;
}

export function readChoice(userId: number, storage: Pick<Storage, 'getItem'> | undefined): number | null {
  try {
    return parseStoredId(storage?.getItem(choiceKey(userId)));
  } catch {
    return null;
  }
}

export function writeChoice(userId: number, clientId: number, storage: Pick<Storage, 'setItem'> | undefined): void {
  try {
    storage?.setItem(choiceKey(userId), String(clientId));
  } catch {
    // Storage may be unavailable (private mode): the choice then lasts for this page only.
  }
}
