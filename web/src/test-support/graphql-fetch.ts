import { vi } from 'vitest';

export interface RecordedRequest {
  operationName: string;
  variables: Record<string, unknown>;
  headers: Headers;
  credentials: RequestCredentials | undefined;
}

type Answer = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
type Responder = (variables: Record<string, unknown>) => Answer | 'network-error' | Promise<Answer | 'network-error'>;

/**
 * Replaces `fetch` with a fake GraphQL server answering by operation name, and
 * records every request so tests can check what the client sent.
 */
export function stubGraphQLFetch(responders: Record<string, Responder>): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { operationName: string; variables?: Record<string, unknown> };
    requests.push({
      operationName: body.operationName,
      variables: body.variables ?? {},
      headers: new Headers(init.headers),
      credentials: init.credentials,
    });
    const responder = responders[body.operationName];
    if (!responder) throw new Error(`no fake answer for ${body.operationName}`);
    // A promise holds the answer back until the test settles it (a request still in flight).
    const answer = await responder(body.variables ?? {});
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
  });
  return requests;
}
