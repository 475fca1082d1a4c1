// The desktop app's connection (server + mode), asked of main once per page load: saving restarts the whole app,
// so it cannot change while a page is open.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Bridge, ConnectionState } from '../../../shared/ipc.ts';
import { desktopBridge } from '../lib/desktop.ts';
import { needsSetup, readConnection } from '../lib/connection.ts';

export const useConnectionStore = defineStore('connection', () => {
  /** Null in a browser (or when main cannot say). */
  const state = ref<ConnectionState | null>(null);
  let loading: Promise<void> | null = null;

  function load(bridge: Bridge | null = desktopBridge()): Promise<void> {
    loading ??= readConnection(bridge).then((value) => {
      state.value = value;
    });
    return loading;
  }

  const setupNeeded = computed(() => needsSetup(state.value));
  return { state, setupNeeded, load };
});
