import type { CombinedError } from '@urql/vue';
import { useI18n } from 'vue-i18n';

/** Turns a failed request into the text a clerk sees: the server's own message, or "cannot reach the server". */
export function useErrorMessage(): (error: CombinedError) => string {
  const { t } = useI18n();
  return (error) => {
    const serverMessage = error.networkError ? undefined : error.graphQLErrors[0]?.message;
    return serverMessage ?? t('common.networkError');
  };
}
