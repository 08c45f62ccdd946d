import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeCreditCode } from '../src/domain/credit-code.js';
import { createTestDatabase } from './support/databases.js';
import { GraphQLClient } from './support/graphql-client.js';
import { DEMO_PASSWORD } from '../src/db/seed/demo-city.js';
import { TEST_DATA_KEY } from './support/test-server.js';
import { preview, upload } from './support/uploads.js';

/**
 * Nothing a request needs lives in one process: two API processes (RUN_WORKER=false) and a worker
 * process, started from the build as production starts them, on one database. A clerk logs in on one
 * API, uploads there, polls and commits on the other; the worker parses; the login rate limit counts
 * across both APIs.
 */
const RATE = 8;
const children: ChildProcess[] = [];
let apiA: string;
let apiB: string;

function start(script: 'main.js' | 'worker.js', env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [new URL(`../dist/${script}`, import.meta.url).pathname], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      APP_DATA_KEY: TEST_DATA_KEY,
      AUTH_CAPTCHA: 'off',
      SEED_DEMO: 'false',
      HOST: '127.0.0.1',
      PORT: '0',
      APP_TODAY: '2024-12-27',
      LOGIN_RATE_PER_MINUTE: String(RATE),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const ready = script === 'main.js' ? /Ready in [\d.]+s: (http:\/\/\S+)/ : /Worker ready/;
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const m = ready.exec(out);
      if (m) resolve(m[1] ?? 'worker');
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`${script} exited ${code}: ${out}`)));
  });
}

beforeAll(async () => {
  const databaseUrl = await createTestDatabase(inject('pgUrl'));
  [apiA, apiB] = await Promise.all([
    start('main.js', { DATABASE_URL: databaseUrl, RUN_WORKER: 'false' }),
    start('main.js', { DATABASE_URL: databaseUrl, RUN_WORKER: 'false' }),
    start('worker.js', { DATABASE_URL: databaseUrl }),
  ]);
}, 60_000);
afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
});

describe('two API processes and a worker on one database', () => {
  it('a session, an upload and its preview started on one process are served by the other; the worker parses', async () => {
    const onA = new GraphQLClient(apiA);
    expect((await onA.login('jianlang', DEMO_PASSWORD)).login.__typename).toBe('LoginSuccess');
    const onB = new GraphQLClient(apiB);
    onB.cookie = onA.cookie; // the same browser, routed to the other process by the load balancer
    expect((await onB.ok('{ me { username } }')).me.username).toBe('jianlang');

    const created = await onA.ok(
      `mutation { createEnterprise(input: { name: "两进程测试企业", creditCode: "${makeCreditCode(7300)}" }) { ... on EnterprisePayload { enterprise { id } } } }`,
    );
    const uploaded = await upload(onA, fs.readFileSync(new URL('./fixtures/sample-import.xlsx', import.meta.url)), created.createEnterprise.enterprise.id);
    expect(uploaded.status).toBe(202);
    const job = await preview(onB, uploaded.body.id!);
    expect(job).toMatchObject({ status: 'READY', newCount: 47, invalidCount: 3 });

    const committed = await onB.ok(
      `mutation($id: ID!) { commitMemberImport(id: $id, allOrNothing: false) { ... on MemberImportPayload { memberImport { status result { inserted } timeline { from to event actor } } } } }`,
      { id: job.id },
    );
    const done = committed.commitMemberImport.memberImport;
    expect(done).toMatchObject({ status: 'COMMITTED', result: { inserted: 47 } });
    expect(done.timeline).toEqual([
      { from: null, to: 'QUEUED', event: 'CREATE', actor: 'jianlang' },
      { from: 'QUEUED', to: 'PARSING', event: 'START', actor: null },
      { from: 'PARSING', to: 'READY', event: 'PARSED', actor: null },
      { from: 'READY', to: 'COMMITTED', event: 'COMMIT', actor: 'jianlang' },
    ]);
  });

  it('the login rate limit counts the calls to both processes together', async () => {
    // The login above spent one of the address's RATE calls this minute.
    let answered = 0;
    for (let i = 0; i < 2 * RATE; i++) {
      const r = await new GraphQLClient(i % 2 ? apiB : apiA).request('{ captcha { id } }');
      if (!r.errors) answered++;
      else expect(r.errors[0].extensions.code).toBe('RATE_LIMITED');
    }
    expect(answered).toBe(RATE - 1);
  });
});
