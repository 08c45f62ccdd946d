import { Writable } from 'node:stream';
import { inject } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type Config } from '../../src/config.js';
import { Clock } from '../../src/common/clock.js';
import { openDatabase } from '../../src/db/orm.js';
import { createApp, type App } from '../../src/app/server.js';
import { createTestDatabase } from './databases.js';
import { GraphQLClient } from './graphql-client.js';
import type { CardIssuer } from '../../src/adapters/card-issuer/card-issuer.js';

export const DEMO_PASSWORD = 'Demo@2025';
/** The personal-data key of test servers (tests read the raw table with it to prove what is stored). */
export const TEST_DATA_KEY = Buffer.from('union-test-data-key-32-bytes-ok!').toString('base64');
/** The answer of every captcha a test server draws. */
export const CAPTCHA_ANSWER = 'K7PX';

export interface TestServer {
  url: string;
  /** Its database: pass it to another startTestServer to run a second API process on the same data. */
  databaseUrl: string;
  app: App;
  orm: MikroORM;
  clock: Clock;
  config: Config;
  /** Every line the server logged, for "no secret in the logs" assertions. */
  logs: string[];
  /** A fresh client; `forwardedFor` sets X-Forwarded-For (believed only with TRUST_PROXY). */
  client(forwardedFor?: string): GraphQLClient;
  /** A client logged in as a demo account. */
  as(username: string, password?: string): Promise<GraphQLClient>;
  close(): Promise<void>;
}

/**
 * The real app (Fastify + Apollo + MikroORM) on a private copy of the demo city, listening on a free port;
 * with `databaseUrl`, on that database instead (several API processes sharing one PostgreSQL).
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { databaseUrl?: string; beforeListen?: (app: App) => void; cardIssuer?: CardIssuer } = {},
): Promise<TestServer> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase(inject('pgUrl')));
  const orm = await openDatabase(databaseUrl);
  const config = loadConfig({ NODE_ENV: 'test', APP_DATA_KEY: TEST_DATA_KEY, AUTH_CAPTCHA: 'off', LOGIN_RATE_PER_MINUTE: '10000', LOG_LEVEL: 'info', ...env });
  const clock = new Clock(config.appToday);
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await createApp({
    orm,
    config,
    clock,
    drawCaptcha: () => ({ text: CAPTCHA_ANSWER, svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' }),
    cardIssuer: options.cardIssuer,
    logStream,
  });
  options.beforeListen?.(app);
  await app.fastify.listen({ host: '127.0.0.1', port: 0 });
  const address = app.fastify.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const server: TestServer = {
    url,
    databaseUrl,
    app,
    orm,
    clock,
    config,
    logs,
    client(forwardedFor) {
      const c = new GraphQLClient(url);
      if (forwardedFor) c.headers['x-forwarded-for'] = forwardedFor;
      return c;
    },
    async as(username, password = DEMO_PASSWORD) {
      const c = new GraphQLClient(url);
      const r = await c.login(username, password);
      if (r.login.__typename !== 'LoginSuccess') throw new Error(`login as ${username} failed: ${JSON.stringify(r)}`);
      return c;
    },
    async close() {
      await app.fastify.close();
      await orm.close();
    },
  };
  return server;
}
