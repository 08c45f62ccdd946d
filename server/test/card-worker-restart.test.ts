import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from './support/databases.js';
import { GraphQLClient } from './support/graphql-client.js';
import { TEST_DATA_KEY } from './support/test-server.js';
import { DEMO_PASSWORD } from '../src/db/seed/demo-city.js';
import { addToQueue, cardApplicant, checkQueue, submitBatch, waitForBatch } from './support/cards.js';

/**
 * A worker process killed (SIGKILL: no shutdown, its jobs left locked) while the issuer is making a
 * batch's cards: after a worker starts again, the issuing job runs again and the batch is issued, every
 * member once. An API process (no jobs) and worker processes, started from the build as production
 * starts them, on one database.
 */
let databaseUrl: string;
let db: pg.Client;
const children: ChildProcess[] = [];

function start(script: 'main.js' | 'worker.js', env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
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
      DATABASE_URL: databaseUrl,
      CARD_SIM_FAILURE_RATE: '0',
      JOB_LEASE_SECONDS: '2',
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
      if (m) resolve({ child, url: m[1] ?? '' });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk));
    child.on('exit', (code, signal) => reject(new Error(`${script} exited ${code ?? signal}: ${out}`)));
  });
}

const issueJobs = async () =>
  (await db.query<{ locked_by: string | null; attempts: number }>(`select locked_by, attempts from graphile_worker.jobs where task_identifier = 'card.issue'`))
    .rows;

beforeAll(async () => {
  databaseUrl = await createTestDatabase(inject('pgUrl'));
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
}, 60_000);
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await db.end();
});

describe('a killed worker', () => {
  it('leaves its issuing job locked; a worker started again runs it, and the batch is issued once', async () => {
    const [api, first] = await Promise.all([start('main.js', { RUN_WORKER: 'false' }), start('worker.js', { CARD_SIM_DELAY: '30' })]);
    const clerk = new GraphQLClient(api.url);
    expect((await clerk.login('jianlang', DEMO_PASSWORD)).login.__typename).toBe('LoginSuccess');
    const members = [await cardApplicant(clerk, 9101), await cardApplicant(clerk, 9102)];
    await addToQueue(
      clerk,
      members.map((m) => m.id),
    );
    const { queue } = await checkQueue(clerk);
    const batch = (await submitBatch(clerk, queue.version)).data.submitCardBatch.batch;
    await waitForBatch(clerk, batch.id, ['IN_PRODUCTION']);
    // The issuer is making the cards (30 s): the job is in the first worker's hands.
    for (let i = 0; i < 100 && !(await issueJobs()).some((j) => j.locked_by); i++) await new Promise((r) => setTimeout(r, 100));
    const [taken] = await issueJobs();
    expect(taken).toMatchObject({ attempts: 1 });
    expect(taken.locked_by).toBeTruthy();

    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await exited;
    expect((await issueJobs())[0].locked_by).toBe(taken.locked_by); // graphile-worker alone would keep it so for four hours

    await start('worker.js', { CARD_SIM_DELAY: '0' });
    const done = await waitForBatch(clerk, batch.id, ['ISSUED'], 30_000);
    expect(done).toMatchObject({ issuedCount: 2, pendingCount: 0 });
    expect(done.timeline.map((c: { event: string }) => c.event)).toEqual(['CREATE', 'START_PRODUCTION', 'ALL_ISSUED']);
    const { rows } = await db.query(`select member_id, count(*)::int as n from member_card where batch_id = $1 group by member_id order by member_id`, [
      batch.id,
    ]);
    expect(rows).toEqual(members.map((m) => ({ member_id: Number(m.id), n: 1 })).sort((a, b) => a.member_id - b.member_id));
    expect(await issueJobs()).toEqual([]);
  }, 90_000);
});
