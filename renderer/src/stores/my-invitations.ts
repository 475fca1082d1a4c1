// The invitations addressed to the signed-in user's e-mail address (GET /me/invitations): the badge in the user menu,
// the notice on the home screen and the Uitnodigingen page share one list. Cleared at logout.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { MyInvitation } from '../../../shared/api/network.ts';
import { invitationApi } from '../api/network.ts';

export const useMyInvitationsStore = defineStore('my-invitations', () => {
  const invitations = ref<MyInvitation[]>([]);
  /** The user the list belongs to; null when nothing is loaded. */
  const userId = ref<number | null>(null);
  const count = computed(() => invitations.value.length);
  let generation = 0;

  /** Asks the server again; a failure leaves the list as it was and is reported to the caller. */
  async function load(forUser: number): Promise<void> {
    const gen = ++generation;
    const res = await invitationApi.mine();
    if (gen !== generation) return;
    invitations.value = res.invitations;
    userId.value = forUser;
  }

  /** Loads once per user; the badge must never break the page, so errors are swallowed here. */
  async function ensureLoaded(forUser: number): Promise<void> {
    if (userId.value === forUser) return;
    await load(forUser).catch(() => undefined);
  }

  function forget(invitationId: number): void {
    invitations.value = invitations.value.filter((i) => i.id !== invitationId);
  }

  function clear(): void {
    generation++;
    invitations.value = [];
    userId.value = null;
  }

  return { invitations, userId, count, load, ensureLoaded, forget, clear };
});
