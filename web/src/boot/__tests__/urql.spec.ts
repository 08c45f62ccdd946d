import { afterEach, describe, expect, it, vi } from 'vitest';
import { graphql } from '../../gql';
import { stubGraphQLFetch } from '../../test-support/graphql-fetch';
import type { AppLocale } from '../i18n';
import { createApiClient } from '../urql';

const SessionProbe = graphql(`
  query SessionProbe {
    me {
      id
    }
  }
`);

function clientFor(locale: AppLocale) {
  const events = { onSessionEnded: vi.fn(), onPasswordChangeRequired: vi.fn() };
  const client = createApiClient({ locale: () => locale, ...events });
  return { client, events };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('API client', () => {
  it('sends the UI language, the CSRF header and the session cookie with every request', async () => {
    const requests = stubGraphQLFetch({ SessionProbe: () => ({ data: { me: null } }) });
    await clientFor('en').client.query(SessionProbe, {}).toPromise();
    expect(requests[0]?.headers.get('accept-language')).toBe('en');
    expect(requests[0]?.headers.get('apollo-require-preflight')).toBe('true');
    expect(requests[0]?.credentials).toBe('same-origin');
  });

  it('reports an ended session when the server answers UNAUTHENTICATED', async () => {
    stubGraphQLFetch({
      SessionProbe: () => ({ errors: [{ message: '请先登录', extensions: { code: 'UNAUTHENTICATED' } }] }),
    });
    const { client, events } = clientFor('zh-CN');
    await client.query(SessionProbe, {}).toPromise();
    expect(events.onSessionEnded).toHaveBeenCalledOnce();
    expect(events.onPasswordChangeRequired).not.toHaveBeenCalled();
  });

  it('reports a required password change', async () => {
    stubGraphQLFetch({
      SessionProbe: () => ({ errors: [{ message: '请先修改密码', extensions: { code: 'PASSWORD_CHANGE_REQUIRED' } }] }),
    });
    const { client, events } = clientFor('zh-CN');
    await client.query(SessionProbe, {}).toPromise();
    expect(events.onPasswordChangeRequired).toHaveBeenCalledOnce();
    expect(events.onSessionEnded).not.toHaveBeenCalled();
  });
});
