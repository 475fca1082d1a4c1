// Judges a new password with the same rules as the server (shared/password-rules.ts). The rules module and its
// dictionaries are loaded on demand, so they never weigh on the login page.
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import type { PasswordVerdict } from '../../../shared/password-rules.ts';

type Judge = (password: string, userInputs?: string[]) => PasswordVerdict;
let judgeLoading: Promise<Judge> | null = null;

export function loadJudge(): Promise<Judge> {
  judgeLoading ??= import('../../../shared/password-rules.ts').then((m) => m.judgePassword);
  // A failed load (e.g. offline) may be retried later; the server still judges on submit.
  judgeLoading.catch(() => {
    judgeLoading = null;
  });
  return judgeLoading;
}

export function usePasswordStrength(password: Ref<string>, userInputs: Ref<string[]>) {
  const verdict = ref<PasswordVerdict | null>(null);
  const ready = ref(false);
  let judge: Judge | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function run(): void {
    if (!judge || password.value === '') {
      verdict.value = null;
      return;
    }
    verdict.value = judge(
      password.value,
      userInputs.value.filter((u) => u.trim() !== ''),
    );
  }

  void loadJudge()
    .then((j) => {
      judge = j;
      ready.value = true;
      run();
    })
    .catch(() => undefined);

  watch([password, userInputs], () => {
    clearTimeout(timer);
    // Short pause so typing stays smooth; zxcvbn takes a few ms per call.
    timer = setTimeout(run, 150);
  });
  onBeforeUnmount(() => clearTimeout(timer));

  /** Judges right now (on submit); null when the rules could not be loaded. */
  function judgeNow(): PasswordVerdict | null {
    clearTimeout(timer);
    run();
    return verdict.value;
  }

  return { verdict, ready, judgeNow };
}
