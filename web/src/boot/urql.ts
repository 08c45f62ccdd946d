import { Client, cacheExchange, fetchExchange, mapExchange, type CombinedError } from '@urql/vue';
import type { AppLocale } from './i18n';

export interface ApiClientOptions {
  /** Sent as Accept-Language: the server writes its messages in this language. */
  locale: () => AppLocale;
  /** The server no longer knows the session (expired, logged out elsewhere). */
  onSessionEnded: () => void;
  /** The server refuses everything but changePassword until the password is changed. */
  onPasswordChangeRequired: () => void;
}

export function hasErrorCode(error: CombinedError | undefined, code: string): boolean {
  return error?.graphQLErrors.some((graphQLError) => graphQLError.extensions.code === code) ?? false;
}

export function createApiClient(options: ApiClientOptions): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    exchanges: [
      mapExchange({
        onError(error) {
          if (hasErrorCode(error, 'UNAUTHENTICATED')) options.onSessionEnded();
          else if (hasErrorCode(error, 'PASSWORD_CHANGE_REQUIRED')) options.onPasswordChangeRequired();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
    fetchOptions: () => ({
      // The session is an httpOnly cookie set by the server; no token is ever handled here.
      credentials: 'same-origin',
      headers: {
        'accept-language': options.locale(),
        // Apollo Server's CSRF prevention accepts requests carrying this header.
        'apollo-require-preflight': 'true',
      },
    }),
  });
}
