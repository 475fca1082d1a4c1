// The clients whose portal the signed-in user may open (GET /clients), with his rights, and the one being shown.
// Loaded on the first signed-in navigation, cleared at logout; the choice is remembered per device and user.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ClientAccess } from '../../../shared/api/clients.ts';
import type { Section } from '../../../shared/sections.ts';
import { clientsApi } from '../api/clients.ts';
import { pickClient, readChoice, writeChoice } from '../lib/client-choice.ts';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

export const useClientsStore = defineStore('clients', () => {
  const clients = ref<ClientAccess[]>([]);
  const selectedId = ref<number | null>(null);
  /** The user the list belongs to; null when nothing is loaded. */
  const userId = ref<number | null>(null);
  const loaded = ref(false);
  /** The last load failed (network); the next navigation tries again. */
  const failed = ref(false);
  let loading: Promise<void> | null = null;
  let refreshing: Promise<void> | null = null;
  let loadingFor: number | null = null;
  /** Bumped by clear(), so an answer that arrives after logout is dropped. */
  let generation = 0;

  const selected = computed<ClientAccess | null>(() => clients.value.find((c) => c.id === selectedId.value) ?? null);
  const several = computed(() => clients.value.length > 1);

  /** Does the user hold `section`'s right for the client shown? Deny by default. */
  function hasRight(section: Section): boolean {
    return selected.value?.rights[section] === true;
  }

  async function load(forUser: number): Promise<void> {
    const gen = ++generation;
    try {
      const res = await clientsApi.list();
      if (gen !== generation) return;
      clients.value = res.clients;
      userId.value = forUser;
      selectedId.value = pickClient(res.clients, readChoice(forUser, storage()))?.id ?? null;
      loaded.value = true;
      failed.value = false;
    } catch {
      if (gen !== generation) return;
      failed.value = true;
    }
  }

  /** Loads the list once per page load and user. Never rejects: a failure leaves `failed` set. */
  function ensureLoaded(forUser: number): Promise<void> {
    if (loaded.value && userId.value === forUser) return Promise.resolve();
    if (loading && loadingFor === forUser) return loading;
    loadingFor = forUser;
    const current: Promise<void> = load(forUser).finally(() => {
      if (loading === current) loading = null;
    });
    loading = current;
    return current;
  }

  /**
   * Loads the list again in the background, keeping what is shown until the answer is in (after a refused call:
   * rights or a membership may have ended). Several refusals at once share one request.
   */
  function refresh(): Promise<void> {
    if (userId.value === null || !loaded.value) return Promise.resolve();
    refreshing ??= load(userId.value).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** Loads the list again (after accepting an invitation a new client is in it); keeps the choice if still there. */
  function reload(forUser: number): Promise<void> {
    loaded.value = false;
    return ensureLoaded(forUser);
  }

  /** Shows another client's portal (only one from the list) and remembers it on this device. */
  function select(clientId: number): boolean {
    if (userId.value === null || !clients.value.some((c) => c.id === clientId)) return false;
    selectedId.value = clientId;
    writeChoice(userId.value, clientId, storage());
    return true;
  }

  function clear(): void {
    generation++;
    loading = null;
    clients.value = [];
    selectedId.value = null;
    userId.value = null;
    loaded.value = false;
    failed.value = false;
  }

  return {
    clients,
    selectedId,
    userId,
    loaded,
    failed,
    selected,
    several,
    hasRight,
    ensureLoaded,
    reload,
    refresh,
    select,
    clear,
  };
});
