// The form "Wachtwoord wijzigen" (current + new password) as the sign-in flow (forced change) and Instellingen both
// show it: the checks before sending, focus on the first wrong field, the API call and the server's answers.
import { ref, type Ref } from 'vue';
import type { AuthStep } from '../../../shared/api/auth.ts';
import { authApi } from '../api/auth.ts';
import { ApiError } from '../api/api-error.ts';
import { useFormAlert } from './use-form-alert.ts';
import { useMessages } from './use-messages.ts';
import { useNewPassword } from './use-new-password.ts';
import type NewPasswordFields from '../components/NewPasswordFields.vue';
import type PasswordField from '../components/PasswordField.vue';

export interface ChangePasswordHandlers {
  /** The password was changed; the form is already cleared. */
  changed: (step: AuthStep) => Promise<void> | void;
  /** An error the caller handles itself (e.g. an expired sign-in); return true to skip the form's own message. */
  handled?: (e: unknown) => Promise<boolean> | boolean;
}

export function useChangePassword(userInputs: Ref<string[]>, on: ChangePasswordHandlers) {
  const { t } = useMessages();
  const current = ref('');
  const currentError = ref('');
  const busy = ref(false);
  const alert = useFormAlert();
  const fields = useNewPassword(userInputs);
  const currentField = ref<InstanceType<typeof PasswordField> | null>(null);
  const newFields = ref<InstanceType<typeof NewPasswordFields> | null>(null);

  function focusFirstError(): void {
    if (currentError.value) currentField.value?.focus();
    else if (fields.newError.value) newFields.value?.focus('new');
    else if (fields.repeatError.value) newFields.value?.focus('repeat');
  }

  async function submit(): Promise<void> {
    if (busy.value) return;
    alert.formError.value = null;
    currentError.value = current.value === '' ? t('fieldErrors.required') : '';
    const ok = fields.check();
    if (!currentError.value && ok && current.value === fields.newPassword.value)
      fields.newError.value = t('fieldErrors.same_as_current');
    if (currentError.value || fields.newError.value || fields.repeatError.value) return focusFirstError();
    busy.value = true;
    try {
      const step = await authApi.changePassword({
        currentPassword: current.value,
        newPassword: fields.newPassword.value,
      });
      current.value = '';
      fields.clear();
      await on.changed(step);
    } catch (e) {
      if (await on.handled?.(e)) return;
      if (e instanceof ApiError && e.code === 'wrong_current_password') {
        currentError.value = t('errors.wrong_current_password');
        current.value = '';
      }
      fields.applyServerError(e);
      await alert.showError(e);
    } finally {
      busy.value = false;
    }
  }

  return { ...alert, ...fields, current, currentError, busy, currentField, newFields, submit };
}
