import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { Bridge, ConnectionState } from '../../../shared/ipc.ts';
import { useConnectionStore } from './connection.ts';

const NONE: ConnectionState = { serverOrigin: null, mode: null, serverLocked: false, modeLocked: false };

describe('connection store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('asks main once per page load and says whether setup is needed', async () => {
    const connection = vi.fn(async () => NONE);
    const store = useConnectionStore();
    await Promise.all([
      store.load({ connection } as unknown as Bridge),
      store.load({ connection } as unknown as Bridge),
    ]);
    expect(connection).toHaveBeenCalledTimes(1);
    expect(store.state).toEqual(NONE);
    expect(store.setupNeeded).toBe(true);
  });

  it('needs nothing in a browser', async () => {
    const store = useConnectionStore();
    await store.load(null);
    expect(store.state).toBeNull();
    expect(store.setupNeeded).toBe(false);
  });
});
