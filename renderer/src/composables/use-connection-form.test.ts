import { describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import type { Bridge, ConnectionState, ServerCheck } from '../../../shared/ipc.ts';
import { useConnectionForm } from './use-connection-form.ts';

const EMPTY: ConnectionState = { serverOrigin: null, mode: null, serverLocked: false, modeLocked: false };
const careyn: ServerCheck = { ok: true, origin: 'https://careyn.nl', organisationName: 'Careyn', logo: null };

function bridge(over: Partial<Bridge> = {}) {
  return {
    checkServer: vi.fn(async (): Promise<ServerCheck> => careyn),
    saveConnection: vi.fn(async () => ({ saved: true as const })),
    ...over,
  } as unknown as Bridge & { checkServer: ReturnType<typeof vi.fn>; saveConnection: ReturnType<typeof vi.fn> };
}

describe('useConnectionForm', () => {
  it('checks the typed address, shows what main found, and saves the found origin with the mode', async () => {
    const b = bridge();
    const form = useConnectionForm(EMPTY, b);
    form.address.value = '  careyn.nl ';
    expect(await form.check()).toBe(true);
    expect(b.checkServer).toHaveBeenCalledWith('careyn.nl');
    expect(form.found.value).toEqual(careyn);
    form.mode.value = 'kiosk';
    expect(await form.save()).toBe(true);
    expect(b.saveConnection).toHaveBeenCalledWith({ server: 'https://careyn.nl', mode: 'kiosk' });
    expect(form.restarting.value).toBe(true);
  });

  it('asks for an address, a check of this address, and a mode before saving anything', async () => {
    const b = bridge();
    const form = useConnectionForm(EMPTY, b);
    expect(await form.check()).toBe(false);
    expect(form.addressError.value).toBe('connection.errors.required');
    expect(await form.save()).toBe(false);
    expect(form.modeError.value).toBe('connection.errors.noMode');

    form.address.value = 'careyn.nl';
    form.mode.value = 'personal';
    await nextTick();
    // Changing the value clears its message.
    expect([form.addressError.value, form.modeError.value]).toEqual([null, null]);
    expect(await form.save()).toBe(false);
    expect(form.addressError.value).toBe('connection.errors.notChecked');
    await form.check();
    // Typing another address after the check: the result no longer counts.
    form.address.value = 'svrz.nl';
    expect(form.found.value).toBeNull();
    expect(await form.save()).toBe(false);
    expect(b.saveConnection).not.toHaveBeenCalled();
  });

  it('shows why main did not accept the address', async () => {
    const form = useConnectionForm(EMPTY, bridge({ checkServer: async () => ({ ok: false, reason: 'not-portal' }) }));
    form.address.value = 'example.nl';
    expect(await form.check()).toBe(false);
    expect(form.addressError.value).toBe('connection.errors.notPortal');
    expect(form.found.value).toBeNull();
    const broken = useConnectionForm(EMPTY, bridge({ checkServer: () => Promise.reject(new Error('ipc')) }));
    broken.address.value = 'example.nl';
    expect(await broken.check()).toBe(false);
    expect(broken.addressError.value).toBe('connection.errors.unreachable');
  });

  it('reports a save that main refused or whose server failed main’s own check', async () => {
    const refused = useConnectionForm(
      { serverOrigin: 'https://careyn.nl', mode: 'kiosk', serverLocked: false, modeLocked: false },
      bridge({ saveConnection: () => Promise.reject(new Error('remote method: IpcRejected: not-allowed')) }),
    );
    await refused.check();
    expect(await refused.save()).toBe(false);
    expect(refused.formError.value).toBe('connection.errors.notAllowed');
    expect(refused.restarting.value).toBe(false);

    const gone = useConnectionForm(
      { ...EMPTY, mode: 'personal' },
      bridge({ saveConnection: async () => ({ saved: false, reason: 'unreachable' }) }),
    );
    gone.address.value = 'careyn.nl';
    await gone.check();
    expect(await gone.save()).toBe(false);
    expect(gone.addressError.value).toBe('connection.errors.unreachable');
    expect(gone.found.value).toBeNull();
  });

  it('starts from the current connection', () => {
    const form = useConnectionForm({
      serverOrigin: 'https://svrz.nl',
      mode: 'kiosk',
      serverLocked: true,
      modeLocked: true,
    });
    expect([form.address.value, form.mode.value]).toEqual(['https://svrz.nl', 'kiosk']);
  });
});
