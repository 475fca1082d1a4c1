// Shared logic of "Nieuw wachtwoord" + "Herhaal nieuw wachtwoord": strength, client-side checks, server field errors.
import { ref, type Ref } from 'vue';
import type { PasswordProblem } from '../../../shared/password-rules.ts';
import { ApiError } from '../api/api-error.ts';
import { usePasswordStrength } from './use-password-strength.ts';
import { useMessages } from './use-messages.ts';

export function useNewPassword(userInputs: Ref<string[]>) {
  const { t, fieldText } = useMessages();
  const newPassword = ref('');
  const repeat = ref('');
  const newError = ref('');
  const repeatError = ref('');
  const { verdict, ready, judgeNow } = usePasswordStrength(newPassword, userInputs);

  function problemText(problem: PasswordProblem): string {
    return problem === 'too_long' ? t('fieldErrors.password_too_long') : t(`fieldErrors.${problem}`);
  }

  /** Checks before sending; the server judges again (authoritative). Returns false when something is wrong. */
  function check(): boolean {
    newError.value = '';
    repeatError.value = '';
    if (newPassword.value === '') newError.value = t('fieldErrors.required');
    else {
      const v = judgeNow();
      const first = v?.problems[0];
      if (first) newError.value = problemText(first);
    }
    if (repeat.value === '') repeatError.value = t('fieldErrors.required');
    else if (repeat.value !== newPassword.value) repeatError.value = t('fieldErrors.mismatch');
    return !newError.value && !repeatError.value;
  }

  /** Puts the server's field issue for `newPassword` (weak_password / validation_failed) under the field. */
  function applyServerError(e: unknown): boolean {
    if (!(e instanceof ApiError)) return false;
    const issue = e.field('newPassword');
    if (!issue) return false;
    newError.value = fieldText(issue);
    return true;
  }

  function clear(): void {
    newPassword.value = '';
    repeat.value = '';
  }

  return { newPassword, repeat, newError, repeatError, verdict, ready, check, applyServerError, clear };
}
