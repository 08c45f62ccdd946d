// Card batches at scale (issue 10): 10,000 members of one union queued, checked, submitted as one batch
// and issued by the simulator (CARD_SIM_DELAY=0), on a fresh server with its worker (JOB_CONCURRENCY).
// Each step is timed through GraphQL as the clerk calls it; issuing runs from the submit until the batch
// is ISSUED, by chunk jobs. Beside it, in the same run and on the same database, a bare graphile-worker
// loop (the same concurrency) runs one no-op job per member: issuing is compared per member with that
// loop's jobs per second (one job per member is what issuing would cost without chunks). Meanwhile a
// probe asks `me` every 20 ms from another client. Targets: submit < 1 s; issuing >= 0.5 x the bare
// loop's throughput; `me` p99 < 50 ms. Size: BENCH_CARD_MEMBERS (default 10000).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EventEmitter } from 'node:events';
import { Logger, run } from 'graphile-worker';
import { report } from './lib/report.js';
import { root, freePort, gql, login, probe, startServer, stats, stop } from './lib/server.js';

const MEMBERS = Number(process.env.BENCH_CARD_MEMBERS ?? 10_000);
const CONCURRENCY = 2; // the server's JOB_CONCURRENCY default, for both
const DATA_KEY = Buffer.from('bench-data-key-32-bytes-exactly!').toString('base64');
const { withCheckChar } = await import(path.join(root, 'server/dist/domain/resident-id.js'));
const { PiiCipher } = await import(path.join(root, 'server/dist/pii/pii-cipher.js'));
const { startEmbeddedPostgres } = await import(path.join(root, 'server/dist/db/embedded-postgres.js'));
const cipher = new PiiCipher(Buffer.from(DATA_KEY, 'base64'));

/** MEMBERS card applicants in 建朗's union (the clerk `jianlang`), sealed as the app seals them. */
async function generate(db) {
  const people = Array.from({ length: MEMBERS }, (_, i) => {
    const born = new Date(Date.UTC(1965, 0, 1 + i)).toISOString().slice(0, 10).replaceAll('-', '');
    const id = withCheckChar(`310115${born}${String(100 + (i % 800)).padStart(3, '0')}`);
    const mobile = `137${String(i).padStart(8, '0')}`;
    return { i, sealed: cipher.encrypt(id), idx: cipher.blindIndex('id', id), msealed: cipher.encrypt(mobile), midx: cipher.blindIndex('mobile', mobile) };
  });
  await db.query(
    `insert into member (member_no, organization_id, org_path, name, gender, id_type, id_number_sealed, id_number_index, id_number_masked, id_expiry, id_expiry_long_term,
       mobile_sealed, mobile_index, mobile_masked, work_address, category, life_status, joined_at, needs_confirmation, created_at, updated_at, version)
     select lpad(nextval('member_no_seq')::text, 12, '0'), o.id, o.path, '基准办卡' || r.i, 'MALE', 'RESIDENT_ID', r.sealed, r.idx, '3101 **** **** 0000', '2033-01-01', false,
       r.msealed, r.midx, '137****0000', '上海市浦东新区世纪大道1198号', 'IN_ENTERPRISE', 'ACTIVE', '2020-01-01', false, now(), now(), 1
     from jsonb_to_recordset($1::jsonb) as r(i int, sealed text, idx text, msealed text, midx text),
          organization o where o.name = '上海建朗信息科技有限公司工会'`,
    [JSON.stringify(people)],
  );
  await db.query('vacuum analyze member');
}

/** Each step's start (epoch ms), so a slow `me` can be put in the step it fell in. */
const steps = [];

async function timed(work, name = '') {
  steps.push({ name, at: Date.now() });
  const t = performance.now();
  const result = await work();
  return { ms: performance.now() - t, result };
}

/** The step a moment fell in: the last one started before it. */
function stepAt(at) {
  return steps.filter((s) => s.at <= at).at(-1)?.name ?? 'baseline';
}

/** MEMBERS no-op jobs through a bare graphile-worker runner: ms from the first job taken to the last done. */
async function bareLoop(url) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query(`select graphile_worker.add_job('bench_noop', '{}'::json) from generate_series(1, $1)`, [MEMBERS]);
  let done = 0;
  let finished;
  const all = new Promise((resolve) => (finished = resolve));
  let first;
  const events = new EventEmitter();
  events.once('job:start', () => (first = performance.now()));
  const runner = await run({
    connectionString: url,
    concurrency: CONCURRENCY,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: new Logger(() => () => {}),
    events,
    taskList: {
      bench_noop: async () => {
        if (++done === MEMBERS) finished();
      },
    },
  });
  await all;
  const ms = performance.now() - first;
  await runner.stop();
  await db.end();
  return ms;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bench-cards-'));
const pgdb = await startEmbeddedPostgres(path.join(tmp, 'pg'));
try {
  const server = await startServer(path.join(tmp, 'data'), freePort(), {
    DATABASE_URL: pgdb.url,
    APP_DATA_KEY: DATA_KEY,
    APP_TODAY: '2024-12-27',
    CARD_SIM_DELAY: '0',
    CARD_SIM_FAILURE_RATE: '0',
    JOB_CONCURRENCY: String(CONCURRENCY),
  });
  let rows;
  try {
    const db = new pg.Client({ connectionString: pgdb.url });
    db.on('error', () => {}); // the database stopping under it after a failure: the failure is the news
    await db.connect();
    const generated = await timed(() => generate(db));
    const [clerk, watcher] = await Promise.all([login(server.url, 'jianlang'), login(server.url, 'pudong')]);
    const call = async (query, variables) => (await gql(server.url, clerk, query, variables)).body.data;

    for (let i = 0; i < 20; i++) await call(`{ me { username } }`); // warm: the probe times a server in use, not its first requests
    steps.push({ name: 'baseline', at: Date.now() });
    const me = probe(server.url, watcher);
    await new Promise((r) => setTimeout(r, 1000)); // the probe's baseline
    const add = await timed(
      () =>
        call(
          `mutation { addToCardQueue(input: { filter: { search: "基准办卡" } }) { ... on AddToCardQueuePayload { added } ... on ErrorResult { message } } }`,
        ),
      'add',
    );
    const check = await timed(() => call(`mutation { checkCardQueue { checked queue { version passedCount failedCount } } }`), 'check');
    const { queue } = check.result.checkCardQueue;
    const submit = await timed(
      () =>
        call(
          `mutation($v: Int!) { submitCardBatch(queueVersion: $v) { __typename ... on CardBatchPayload { batch { id memberCount } } ... on ErrorResult { message } } }`,
          {
            v: queue.version,
          },
        ),
      'submit',
    );
    steps.push({ name: 'issuing', at: Date.now() });
    const batch = submit.result.submitCardBatch.batch;
    if (!batch) throw new Error(JSON.stringify(submit.result));
    const t0 = performance.now() - submit.ms;
    let issued;
    for (;;) {
      issued = (await call(`query($id: ID!) { cardBatch(id: $id) { status issuedCount timeline { to at } } }`, { id: batch.id })).cardBatch;
      if (issued.status !== 'SUBMITTED' && issued.status !== 'IN_PRODUCTION') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const issuingMs = performance.now() - t0;
    const samples = await me.stop();
    const meStats = stats(samples.me);
    if (samples.slow.length) console.log('me slower than 50 ms, by step:', samples.slow.map((x) => `${stepAt(x.at)} ${x.ms.toFixed(0)} ms`).join(', '));
    const [{ chunks }] = (await db.query(`select chunk_count as chunks from card_batch where id = $1`, [batch.id])).rows;
    await db.end();

    const bareMs = await bareLoop(pgdb.url);
    const bareRate = MEMBERS / (bareMs / 1000);
    const issueRate = issued.issuedCount / (issuingMs / 1000);
    const jobs = chunks + 1; // the produce job and one per chunk
    rows = [
      { measure: `members generated (${MEMBERS}), s`, value: (generated.ms / 1000).toFixed(1), target: '' },
      { measure: 'addToCardQueue (the filtered list), ms', value: add.ms.toFixed(0), target: '' },
      { measure: `  members added`, value: add.result.addToCardQueue.added, target: MEMBERS, pass: add.result.addToCardQueue.added === MEMBERS },
      { measure: 'checkCardQueue (信息校验), ms', value: check.ms.toFixed(0), target: '' },
      { measure: `submitCardBatch (${batch.memberCount} members), ms`, value: submit.ms.toFixed(0), target: '< 1000', pass: submit.ms < 1000 },
      { measure: `issuing: submit -> ${issued.status}, ms`, value: issuingMs.toFixed(0), target: '' },
      { measure: '  members issued', value: issued.issuedCount, target: MEMBERS, pass: issued.status === 'ISSUED' && issued.issuedCount === MEMBERS },
      { measure: `  jobs (${chunks} chunks + produce), jobs/s`, value: (jobs / (issuingMs / 1000)).toFixed(1), target: '' },
      { measure: '  members issued/s', value: issueRate.toFixed(0), target: '' },
      { measure: `bare graphile-worker loop, ${MEMBERS} no-op jobs, ms`, value: bareMs.toFixed(0), target: '' },
      { measure: '  bare jobs/s', value: bareRate.toFixed(0), target: '' },
      {
        measure: 'issuing members/s / bare no-op jobs/s',
        value: (issueRate / bareRate).toFixed(2),
        target: '>= 0.5',
        pass: issueRate / bareRate >= 0.5,
      },
      {
        measure: `me meanwhile, p50 / p99 ms (${meStats.n} requests, ${samples.errors.length} errors)`,
        value: `${meStats.p50.toFixed(1)} / ${meStats.p99.toFixed(1)}`,
        target: 'p99 < 50',
        pass: meStats.p99 < 50 && samples.errors.length === 0,
      },
    ];
  } finally {
    await stop(server.child);
  }
  report('cards', rows);
} finally {
  await pgdb.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
