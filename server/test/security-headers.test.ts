import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';

/** Security headers on the app shell, the API and the file routes; HSTS only with secure cookies. */

let s: TestServer;
let secure: TestServer;
let clerk: GraphQLClient;
beforeAll(async () => {
  [s, secure] = await Promise.all([startTestServer(), startTestServer({ COOKIE_SECURE: 'true' })]);
  clerk = await s.as('jianlang');
});
afterAll(() => Promise.all([s.close(), secure.close()]));

const requests = (server: TestServer): [string, () => Promise<Response>][] => [
  ['the app shell', () => fetch(`${server.url}/`, { headers: { accept: 'text/html' } })],
  ['a client-side route', () => fetch(`${server.url}/members`, { headers: { accept: 'text/html' } })],
  [
    '/graphql',
    () =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ captcha { id } }' }),
      }),
  ],
  ['a file route', () => fetch(`${server.url}/api/members/export.xlsx`, { headers: { cookie: clerk.cookie! } })],
  ['a refused file route', () => fetch(`${server.url}/api/member-imports/template.xlsx`)],
  ['/healthz', () => fetch(`${server.url}/healthz`)],
];

function directives(csp: string | null): Map<string, string> {
  return new Map(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values.join(' ')]),
  );
}

describe('security headers', () => {
  it('every response carries the CSP, frame, sniffing and referrer headers, and no HSTS on plain HTTP', async () => {
    for (const [label, send] of requests(s)) {
      const res = await send();
      const h = res.headers;
      const csp = directives(h.get('content-security-policy'));
      expect(csp.get('default-src'), label).toBe("'self'");
      expect(csp.get('script-src'), label).toBe("'self'");
      expect(csp.get('script-src-attr'), label).toBe("'none'");
      expect(csp.get('object-src'), label).toBe("'none'");
      expect(csp.get('base-uri'), label).toBe("'none'");
      expect(csp.get('frame-ancestors'), label).toBe("'none'");
      expect([...csp.values()].join(' '), label).not.toMatch(/unsafe-eval|\*/);
      expect(csp.get('script-src'), label).not.toMatch(/unsafe-inline/);
      expect(csp.has('upgrade-insecure-requests'), label).toBe(false);
      expect(h.get('x-frame-options'), label).toBe('DENY');
      expect(h.get('x-content-type-options'), label).toBe('nosniff');
      expect(h.get('referrer-policy'), label).toBe('no-referrer');
      expect(h.get('strict-transport-security'), label).toBeNull();
    }
  });

  it('with secure cookies (HTTPS) HSTS is sent and requests are upgraded', async () => {
    for (const [label, send] of requests(secure).filter(([l]) => l !== 'a file route')) {
      const res = await send();
      expect(res.headers.get('strict-transport-security'), label).toMatch(/^max-age=31536000/);
      expect(directives(res.headers.get('content-security-policy')).has('upgrade-insecure-requests'), label).toBe(true);
    }
  });
});
