// A one-time message handed from one page to the next (e.g. "Uw sessie is verlopen." on the login page).
import { defineStore } from 'pinia';
import { ref } from 'vue';

export type NoticeType = 'success' | 'info' | 'warning' | 'error';
export interface Notice {
  /** Full i18n key, e.g. `notices.sessionExpired` or `errors.network`. */
  key: string;
  type: NoticeType;
}

export const useNoticeStore = defineStore('notice', () => {
  const notice = ref<Notice | null>(null);
  function set(key: string, type: NoticeType = 'info'): void {
    notice.value = { key, type };
  }
  /** Returns the notice and forgets it, so it shows once. */
  function take(): Notice | null {
    const n = notice.value;
    notice.value = null;
    return n;
  }
  return { notice, set, take };
});
