// Seconds left until an ISO time (by the server's clock), ticking once a second while someone waits.
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { serverNow } from '../api/client.ts';

export function secondsUntil(iso: string | null | undefined, now: number): number {
  if (!iso) return 0;
  const at = Date.parse(iso);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : 0;
}

/** "0:42", "1:05" */
export function formatMinSec(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export function useCountdown(target: Ref<string | null | undefined>) {
  const now = ref(serverNow());
  let timer: ReturnType<typeof setInterval> | undefined;
  const seconds = computed(() => secondsUntil(target.value, now.value));

  function tick(): void {
    now.value = serverNow();
    if (seconds.value === 0) stop();
  }
  function stop(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  }
  function start(): void {
    now.value = serverNow();
    if (timer === undefined && seconds.value > 0) timer = setInterval(tick, 1000);
  }
  watch(target, start, { immediate: true });
  onBeforeUnmount(stop);
  return { seconds };
}
