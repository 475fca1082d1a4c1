// One Map key for a (client, user) pair. The in-memory caches look one up on every request, and a number hashes
// faster than a string built for the occasion; ids beyond the exact range (never, in practice) fall back to text.
const USER_ID_RANGE = 2 ** 32;
const CLIENT_ID_LIMIT = Number.MAX_SAFE_INTEGER / USER_ID_RANGE;

export function pairKey(clientId: number, userId: number): number | string {
  return clientId < CLIENT_ID_LIMIT && userId < USER_ID_RANGE
    ? clientId * USER_ID_RANGE + userId
    : `${clientId}:${userId}`;
}
