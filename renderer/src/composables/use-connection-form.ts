// The connection form (first-start page, Verbinding in Instellingen): type an address, check it with main, choose
// the mode, save. Errors are i18n keys, translated where they are shown. Without Vue components, so it is unit-tested.
import { computed, ref, watch } from 'vue';
import type { Bridge, ConnectionMode, ConnectionState, ServerCheck } from '../../../shared/ipc.ts';
import { desktopBridge } from '../lib/desktop.ts';
import { FAILURE_KEYS, saveErrorKey } from '../lib/connection.ts';

type Found = Extract<ServerCheck, { ok: true }>;

export function useConnectionForm(initial: ConnectionState, bridge: Bridge | null = desktopBridge()) {
  const address = ref(initial.serverOrigin ?? '');
  const mode = ref<ConnectionMode | null>(initial.mode);
  /** The last check and the address it was for: a changed address needs a new check. */
  const last = ref<{ address: string; check: ServerCheck } | null>(null);
  const checking = ref(false);
  const saving = ref(false);
  const restarting = ref(false);
  const addressError = ref<string | null>(null);
  const modeError = ref<string | null>(null);
  const formError = ref<string | null>(null);

  // A message about the old value would mislead once the user changes it.
  watch(address, () => (addressError.value = null));
  watch(mode, () => (modeError.value = null));

  const found = computed<Found | null>(() => {
    const l = last.value;
    return l && l.check.ok && l.address === address.value.trim() ? l.check : null;
  });

  async function check(): Promise<boolean> {
    addressError.value = null;
    formError.value = null;
    const typed = address.value.trim();
    if (!typed) {
      addressError.value = 'connection.errors.required';
      return false;
    }
    if (!bridge || checking.value) return false;
    checking.value = true;
    try {
      const answer = await bridge.checkServer(typed);
      last.value = { address: typed, check: answer };
      if (!answer.ok) addressError.value = FAILURE_KEYS[answer.reason];
      return answer.ok;
    } catch {
      last.value = null;
      addressError.value = FAILURE_KEYS.unreachable;
      return false;
    } finally {
      checking.value = false;
    }
  }

  async function save(): Promise<boolean> {
    formError.value = null;
    addressError.value = null;
    modeError.value = mode.value ? null : 'connection.errors.noMode';
    const server = found.value;
    if (!server)
      addressError.value = address.value.trim() ? 'connection.errors.notChecked' : 'connection.errors.required';
    if (!server || !mode.value || !bridge || saving.value) return false;
    saving.value = true;
    try {
      const result = await bridge.saveConnection({ server: server.origin, mode: mode.value });
      if (result.saved) {
        // Main restarts the app in a moment; until then the form stays as it is.
        restarting.value = true;
        return true;
      }
      last.value = null;
      addressError.value = FAILURE_KEYS[result.reason];
      return false;
    } catch (e) {
      formError.value = saveErrorKey(e);
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { address, mode, found, checking, saving, restarting, addressError, modeError, formError, check, save };
}
