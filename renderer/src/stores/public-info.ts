// GET /info (organisation name, support e-mail, help links), fetched once per page load.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { PublicInfo } from '../../../shared/api/auth.ts';
import { authApi } from '../api/auth.ts';

export const usePublicInfoStore = defineStore('publicInfo', () => {
  const info = ref<PublicInfo | null>(null);
  const failed = ref(false);
  let loading: Promise<void> | null = null;

  function load(): Promise<void> {
    loading ??= authApi
      .info()
      .then((value) => {
        info.value = value;
        failed.value = false;
      })
      .catch(() => {
        // The portal works without it (the name falls back to "Cliëntportaal"); try again on the next call.
        failed.value = true;
        loading = null;
      });
    return loading;
  }

  return { info, failed, load };
});
