import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { ClientAccess } from '../../../shared/api/clients.ts';
import type { Rights } from '../../../shared/sections.ts';
import { ApiError } from '../api/api-error.ts';

vi.mock('../api/clients.ts', () => ({ clientsApi: { list: vi.fn() } }));
const { clientsApi } = await import('../api/clients.ts');
const { useClientsStore } = await import('./clients.ts');

const all: Rights = { messages: true, appointments: true, dossier: true, data: true, settings: true };
const none: Rights = { messages: false, appointments: false, dossier: false, data: false, settings: false };
const jan: ClientAccess = {
  id: 3,
  displayName: 'Jan de Vries',
  role: 'contact',
  relation: 'Zoon',
  rights: none,
  mayManage: false,
};
const truus: ClientAccess = {
  id: 5,
  displayName: 'Truus van Dorp',
  role: 'contact',
  relation: 'Eerste relatie/contactpersoon',
  rights: { ...none, appointments: true },
  mayManage: false,
};

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
    key: () => null,
    length: 0,
  };
}

describe('clients store', () => {
  let storage: ReturnType<typeof memoryStorage>;
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.mocked(clientsApi.list).mockReset();
    storage = memoryStorage();
    vi.stubGlobal('localStorage', storage);
  });

  it('loads once per user and selects the first client', async () => {
    vi.mocked(clientsApi.list).mockResolvedValue({ clients: [jan, truus] });
    const store = useClientsStore();
    await Promise.all([store.ensureLoaded(7), store.ensureLoaded(7)]);
    await store.ensureLoaded(7);
    expect(clientsApi.list).toHaveBeenCalledTimes(1);
    expect(store.loaded).toBe(true);
    expect(store.userId).toBe(7);
    expect(store.several).toBe(true);
    expect(store.selected?.id).toBe(3);
  });

  it('answers rights for the selected client only, deny by default', async () => {
    vi.mocked(clientsApi.list).mockResolvedValue({ clients: [jan, truus] });
    const store = useClientsStore();
    expect(store.hasRight('appointments')).toBe(false);
    await store.ensureLoaded(7);
    expect(store.hasRight('appointments')).toBe(false);
    expect(store.select(5)).toBe(true);
    expect(store.hasRight('appointments')).toBe(true);
    expect(store.hasRight('dossier')).toBe(false);
  });

  it('remembers the choice per user on this device and validates it against the list', async () => {
    vi.mocked(clientsApi.list).mockResolvedValue({ clients: [jan, truus] });
    const store = useClientsStore();
    await store.ensureLoaded(7);
    store.select(5);
    expect(storage.map.get('cp.client.7')).toBe('5');
    expect(store.select(42)).toBe(false);
    expect(store.selectedId).toBe(5);

    // Next page load: the remembered client is shown again.
    setActivePinia(createPinia());
    const again = useClientsStore();
    await again.ensureLoaded(7);
    expect(again.selected?.displayName).toBe('Truus van Dorp');

    // Another user on the same device does not get it; a client no longer in the list is ignored.
    setActivePinia(createPinia());
    const other = useClientsStore();
    await other.ensureLoaded(8);
    expect(other.selected?.id).toBe(3);
    storage.map.set('cp.client.9', '5');
    setActivePinia(createPinia());
    vi.mocked(clientsApi.list).mockResolvedValue({ clients: [jan] });
    const removed = useClientsStore();
    await removed.ensureLoaded(9);
    expect(removed.selected?.id).toBe(3);
    expect(removed.several).toBe(false);
  });

  it('loads anew for another user, and the older answer does not win', async () => {
    let first!: (v: { clients: ClientAccess[] }) => void;
    vi.mocked(clientsApi.list)
      .mockReturnValueOnce(new Promise((r) => (first = r)))
      .mockResolvedValueOnce({ clients: [truus] });
    const store = useClientsStore();
    const a = store.ensureLoaded(7);
    const b = store.ensureLoaded(8);
    await b;
    first({ clients: [jan] });
    await a;
    expect(store.userId).toBe(8);
    expect(store.selected?.id).toBe(5);
  });

  it('has no selection for a user without clients', async () => {
    vi.mocked(clientsApi.list).mockResolvedValue({ clients: [] });
    const store = useClientsStore();
    await store.ensureLoaded(7);
    expect(store.loaded).toBe(true);
    expect(store.selected).toBeNull();
    expect(store.hasRight('messages')).toBe(false);
  });

  it('the client himself holds every right in his own portal', async () => {
    vi.mocked(clientsApi.list).mockResolvedValue({
      clients: [{ id: 5, displayName: 'Truus van Dorp', role: 'client', relation: null, rights: all, mayManage: true }],
    });
    const store = useClientsStore();
    await store.ensureLoaded(5);
    expect(['appointments', 'messages', 'dossier', 'data'].every((s) => store.hasRight(s as 'data'))).toBe(true);
  });

  it('marks a failed load and tries again next time, without rejecting', async () => {
    vi.mocked(clientsApi.list).mockRejectedValueOnce(new ApiError(0, 'network', ''));
    const store = useClientsStore();
    await expect(store.ensureLoaded(7)).resolves.toBeUndefined();
    expect(store.failed).toBe(true);
    expect(store.loaded).toBe(false);
    vi.mocked(clientsApi.list).mockResolvedValueOnce({ clients: [truus] });
    await store.ensureLoaded(7);
    expect(store.failed).toBe(false);
    expect(store.selected?.id).toBe(5);
  });

  it('clears everything at logout and drops an answer that arrives afterwards', async () => {
    let resolve!: (v: { clients: ClientAccess[] }) => void;
    vi.mocked(clientsApi.list).mockReturnValueOnce(new Promise((r) => (resolve = r)));
    const store = useClientsStore();
    const pending = store.ensureLoaded(7);
    store.clear();
    resolve({ clients: [truus] });
    await pending;
    expect(store.loaded).toBe(false);
    expect(store.clients).toEqual([]);
    expect(store.selected).toBeNull();
    expect(store.userId).toBeNull();

    vi.mocked(clientsApi.list).mockResolvedValueOnce({ clients: [truus] });
    await store.ensureLoaded(7);
    store.clear();
    expect(store.clients).toEqual([]);
    expect(store.hasRight('appointments')).toBe(false);
  });
});
