// Translates message descriptors (see i18n/error-text.ts) in components.
import { useI18n } from 'vue-i18n';
import { describeError, describeFieldIssue, type MessageDescriptor } from '../i18n/error-text.ts';
import type { FieldIssue } from '../../../shared/api/errors.ts';

export function useMessages() {
  const { t } = useI18n();
  function text(m: MessageDescriptor): string {
    return m.plural === undefined ? t(m.key, m.named ?? {}) : t(m.key, m.named ?? {}, m.plural);
  }
  return {
    t,
    text,
    errorText: (error: unknown) => text(describeError(error)),
    fieldText: (issue: FieldIssue) => text(describeFieldIssue(issue)),
  };
}
