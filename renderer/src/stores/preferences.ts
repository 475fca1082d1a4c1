// The signed-in user's own settings: language and large text apply to the whole window at once, and follow the user
// from device to device (loaded after every sign-in). Logging out drops large text again: the next person at a
// shared ward computer starts with the normal size.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { PatchPreferencesBody, Preferences } from '../../../shared/api/profile.ts';
import { profileApi } from '../api/profile.ts';
import { setLocale } from '../i18n/index.ts';

export const LARGE_TEXT_CLASS = 'large-text';

export function applyLargeText(on: boolean): void {
  if (typeof document !== 'undefined') document.documentElement.classList.toggle(LARGE_TEXT_CLASS, on);
}

export const usePreferencesStore = defineStore('preferences', () => {
  const preferences = ref<Preferences | null>(null);
  const photoUrl = ref<string | null>(null);
  /** Whose preferences these are: a different user signing in on this window loads his own. */
  const userId = ref<number | null>(null);

  function apply(p: Preferences): void {
    preferences.value = p;
    setLocale(p.language);
    applyLargeText(p.largeText);
  }

  async function load(forUser: number): Promise<void> {
    const res = await profileApi.profile();
    userId.value = forUser;
    photoUrl.value = res.photoUrl;
    apply(res.preferences);
  }

  /** Applies at once (the user sees the effect of his click) and stores; on failure the old value comes back. */
  async function change(body: PatchPreferencesBody): Promise<void> {
    const before = preferences.value;
    if (before) apply({ ...before, ...body });
    try {
      const res = await profileApi.change(body);
      apply(res.preferences);
    } catch (e) {
      if (before) apply(before);
      throw e;
    }
  }

  function clear(): void {
    preferences.value = null;
    photoUrl.value = null;
    userId.value = null;
    applyLargeText(false);
  }

  return { preferences, photoUrl, userId, load, change, clear };
});
