// The failure shown in a FormAlert above a form, with focus moved to it so a screen reader reads it out.
import { nextTick, ref } from 'vue';

export function useFormAlert() {
  /** The last failure, translated at render time so a language switch also changes it. */
  const formError = ref<unknown>(null);
  /** Bind with ref="alertRef" on the FormAlert that shows formError. */
  const alertRef = ref<{ focus(): Promise<void> } | null>(null);

  async function showError(e: unknown): Promise<void> {
    formError.value = e;
    await nextTick();
    void alertRef.value?.focus();
  }

  return { formError, alertRef, showError };
}
