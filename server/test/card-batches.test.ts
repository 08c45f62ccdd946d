import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_DATA_KEY, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';
import { CardIssuerSimulator, SIMULATED_REFUSAL, simulatedOutcome } from '../src/adapters/card-issuer/simulator.js';
import type { CardIssuer, CardIssueRequest } from '../src/adapters/card-issuer/card-issuer.js';
import { isCardNumber, maskCardNumber } from '../src/domain/card-number.js';
import { PiiCipher } from '../src/pii/pii-cipher.js';
import { t } from '../src/common/i18n/messages.js';
import { addToQueue, BATCH_FIELDS, cardApplicant, checkQueue, queueSummary, submitBatch, waitForBatch } from './support/cards.js';
import { CHUNK_SIZE } from '../src/modules/card/batch-store.js';

/**
 * 办卡批次: submitted, handed to the issuer by jobs, issued with exact (simulated) card numbers sealed at
 * rest, partly failed with the refusals back in the queue, stuck when the issuer fails for good and
 * resumed without losing anyone, and revoked only through the district's review.
 */
const TODAY = '2024-12-27';
const cipher = new PiiCipher(Buffer.from(TEST_DATA_KEY, 'base64'));
let seq = 3000;

type Member = Awaited<ReturnType<typeof cardApplicant>>;

/** Queues and checks `n` new applicants of the client's union and submits them; returns the batch and its members. */
async function submitted(c: GraphQLClient, n: number): Promise<{ batch: Record<string, string>; members: Member[] }> {
  const members: Member[] = [];
  for (let i = 0; i < n; i++) members.push(await cardApplicant(c, seq++));
  await addToQueue(
    c,
    members.map((m) => m.id),
  );
  const { queue } = await checkQueue(c);
  expect(queue.failedCount).toBe(0);
  const r = await submitBatch(c, queue.version);
  expect(r.data.submitCardBatch.__typename, JSON.stringify(r)).toBe('CardBatchPayload');
  return { batch: r.data.submitCardBatch.batch, members };
}

/** Raw SQL on a test server's database (the server of the describe block, once started). */
const sqlOn =
  (server: () => TestServer) =>
  <T = Record<string, unknown>>(query: string, params: unknown[] = []) =>
    server().orm.em.fork().getConnection().execute<T[]>(query, params);

const messagesOf = async (c: GraphQLClient) =>
  (await c.ok(`{ messages(pageSize: 100) { nodes { kind text } } }`)).messages.nodes as { kind: string; text: string }[];

describe('issuing', () => {
  let s: TestServer;
  let clerk: GraphQLClient;
  beforeAll(async () => {
    s = await startTestServer({ APP_TODAY: TODAY, CARD_SIM_DELAY: '0', CARD_SIM_FAILURE_RATE: '0' });
    clerk = await s.as('jianlang');
  });
  afterAll(() => s.close());
  const sql = sqlOn(() => s);

  it('issues every member the simulator’s number for their ID number, sealed at rest and masked everywhere, and tells the union', async () => {
    const { batch, members } = await submitted(clerk, 3);
    expect(batch).toMatchObject({ status: 'SUBMITTED', memberCount: 3, pendingCount: 3, availableEvents: [] });
    expect(batch.batchNo).toMatch(/^KB20241227\d{6}$/);
    const done = await waitForBatch(clerk, batch.id, ['ISSUED']);
    expect(done).toMatchObject({ issuedCount: 3, failedCount: 0, pendingCount: 0, stuckReason: null, availableEvents: ['REQUEST_REVOCATION'] });
    expect(done.timeline).toEqual([
      { from: null, to: 'SUBMITTED', event: 'CREATE', actor: 'jianlang', reason: null },
      { from: 'SUBMITTED', to: 'IN_PRODUCTION', event: 'START_PRODUCTION', actor: null, reason: null },
      { from: 'IN_PRODUCTION', to: 'ISSUED', event: 'ALL_ISSUED', actor: null, reason: null },
    ]);
    for (const m of members) {
      const number = (simulatedOutcome(m.idNumber, 0) as { cardNumber: string }).cardNumber;
      expect(isCardNumber(number)).toBe(true);
      const shown = (await clerk.ok(`query($id: ID!) { member(id: $id) { cardChannel card { cardNumberMasked status issuedOn revokedOn } } }`, { id: m.id }))
        .member;
      expect(shown).toEqual({ cardChannel: 'UNION', card: { cardNumberMasked: maskCardNumber(number), status: 'ACTIVE', issuedOn: TODAY, revokedOn: null } });
      const [row] = await sql<{ card_number_sealed: string; card_number_index: string; row: string }>(
        `select card_number_sealed, card_number_index, to_jsonb(c)::text as row from member_card c where member_id = ?`,
        [m.id],
      );
      expect(cipher.decrypt(row.card_number_sealed)).toBe(number);
      expect(row.card_number_index).toBe(cipher.blindIndex('card', number));
      expect(row.row).not.toContain(number.slice(4, 12));
    }
    const listed = (
      await clerk.ok(`query($id: ID!) { cardBatch(id: $id) { members { totalCount nodes { status cardNumberMasked failure member { id } } } } }`, {
        id: batch.id,
      })
    ).cardBatch.members;
    expect(listed.totalCount).toBe(3);
    expect(
      listed.nodes.every((n: { status: string; cardNumberMasked: string }) => n.status === 'ISSUED' && /^6231 \*{4} \*{4} \d{4}$/.test(n.cardNumberMasked)),
    ).toBe(true);
    expect(await messagesOf(clerk)).toContainEqual({
      kind: 'CARD_BATCH_ISSUED',
      text: t('zh-CN', 'messageCardBatchIssued', { batchNo: batch.batchNo, count: 3 }),
    });
    const [audit] = await sql<{ after: Record<string, unknown> }>(
      `select after from audit_entry where action = 'card.batch_submitted' order by id desc limit 1`,
    );
    expect(audit.after).toEqual({ batchNo: batch.batchNo, memberCount: 3 });
  });

  it('lists cards in members(hasCard:) and shows flexible members as applying individually', async () => {
    const withCard = (await clerk.ok(`{ members(hasCard: true, pageSize: 100) { totalCount nodes { card { status } } } }`)).members;
    expect(withCard.totalCount).toBeGreaterThanOrEqual(3);
    expect(withCard.nodes.every((n: { card: { status: string } }) => n.card.status === 'ACTIVE')).toBe(true);
    const all = (await clerk.ok(`{ members(pageSize: 1) { totalCount } }`)).members.totalCount;
    expect((await clerk.ok(`{ members(hasCard: false, pageSize: 1) { totalCount } }`)).members.totalCount).toBe(all - withCard.totalCount);
    const flexible = (await clerk.ok(`{ members(category: FLEXIBLE, pageSize: 1) { nodes { cardChannel card { status } } } }`)).members.nodes[0];
    expect(flexible).toEqual({ cardChannel: 'INDIVIDUAL', card: null });
  });

  it('a card follows its member into the union it is transferred to', async () => {
    const [carded] = (await clerk.ok(`{ members(hasCard: true, pageSize: 1) { nodes { id version card { cardNumberMasked } } } }`)).members.nodes;
    const superior = await s.as('lujiazui');
    const moved = await superior.ok(`mutation($i: TransferMemberInput!) { transferMember(input: $i) { __typename } }`, {
      i: { id: carded.id, version: carded.version, toOrganizationId: 7 },
    });
    expect(moved.transferMember.__typename).toBe('MemberPayload');
    const other = await s.as('ljz-finance');
    expect((await other.ok(`query($id: ID!) { member(id: $id) { card { cardNumberMasked status } } }`, { id: carded.id })).member.card).toEqual({
      cardNumberMasked: carded.card.cardNumberMasked,
      status: 'ACTIVE',
    });
  });

  it('hands a big batch to the issuer in chunks, one job each, and issues all of it', async () => {
    const [{ n: before }] = await sql<{ n: number }>(`select count(*)::int as n from member_card`);
    // Two full chunks and one more applicant, written straight into the roll (the API would take a while), sealed as the app seals.
    const N = 2 * CHUNK_SIZE + 1;
    const ids = Array.from({ length: N }, (_, i) => {
      const born = new Date(Date.UTC(1975, 0, 1 + i)).toISOString().slice(0, 10).replaceAll('-', '');
      return `310115${born}7` + '0' + String(i % 10);
    });
    const { withCheckChar } = await import('../src/domain/resident-id.js');
    const numbers = ids.map((id) => withCheckChar(id.slice(0, 17)));
    await sql(
      `insert into member (member_no, organization_id, org_path, name, gender, id_type, id_number_sealed, id_number_index, id_number_masked, id_expiry, id_expiry_long_term,
         mobile_sealed, mobile_index, mobile_masked, work_address, category, life_status, joined_at, needs_confirmation, created_at, updated_at, version)
       select lpad(nextval('member_no_seq')::text, 12, '0'), 6, '/1/2/5/6/', '批量' || r.i, 'MALE', 'RESIDENT_ID', r.sealed, r.idx, '3101 **** **** 0000', '2033-01-01', false,
         r.msealed, r.midx, '137****0000', '上海市浦东新区世纪大道1198号', 'IN_ENTERPRISE', 'ACTIVE', '2020-01-01', false, now(), now(), 1
       from jsonb_to_recordset(?::jsonb) as r(i int, sealed text, idx text, msealed text, midx text)`,
      [
        JSON.stringify(
          numbers.map((n, i) => ({
            i,
            sealed: cipher.encrypt(n),
            idx: cipher.blindIndex('id', n),
            msealed: cipher.encrypt(`137${String(i).padStart(8, '0')}`),
            midx: cipher.blindIndex('mobile', `137${String(i).padStart(8, '0')}`),
          })),
        ),
      ],
    );
    const add = await clerk.ok(`mutation { addToCardQueue(input: { filter: { search: "批量" } }) { ... on AddToCardQueuePayload { added } } }`);
    expect(add.addToCardQueue.added).toBe(N);
    const { queue } = await checkQueue(clerk);
    expect(queue).toMatchObject({ passedCount: N, failedCount: 0 });
    const batch = (await submitBatch(clerk, queue.version)).data.submitCardBatch.batch;
    const [{ chunk_count }] = await sql<{ chunk_count: number }>(`select chunk_count from card_batch where id = ?`, [batch.id]);
    expect(chunk_count).toBe(3);
    expect(await waitForBatch(clerk, batch.id, ['ISSUED'], 60_000)).toMatchObject({ issuedCount: N });
    const [{ n: after }] = await sql<{ n: number }>(`select count(*)::int as n from member_card`);
    expect(after - before).toBe(N);
  }, 90_000);
});

describe('a partly failed batch', () => {
  let s: TestServer;
  let clerk: GraphQLClient;
  beforeAll(async () => {
    s = await startTestServer({ APP_TODAY: TODAY, CARD_SIM_DELAY: '0', CARD_SIM_FAILURE_RATE: '0.5' });
    clerk = await s.as('jianlang');
  });
  afterAll(() => s.close());

  it('puts the refused members back in the queue with the issuer’s reason, exactly those the simulator refuses', async () => {
    const { batch, members } = await submitted(clerk, 8);
    const refused = members.filter((m) => 'refusal' in simulatedOutcome(m.idNumber, 0.5));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThan(members.length);
    const done = await waitForBatch(clerk, batch.id, ['ISSUED', 'PARTIALLY_FAILED']);
    expect(done).toMatchObject({ status: 'PARTIALLY_FAILED', issuedCount: members.length - refused.length, failedCount: refused.length, pendingCount: 0 });
    const queue = (await clerk.ok(`{ cardQueue(pageSize: 100) { nodes { status problems { code message } member { id } } } }`)).cardQueue.nodes;
    expect(queue.map((e: { member: { id: string } }) => e.member.id).sort()).toEqual(refused.map((m) => m.id).sort());
    expect(queue[0]).toMatchObject({
      status: 'FAILED',
      problems: [{ code: 'ISSUER_REFUSED', message: t('zh-CN', 'cardIssuerRefused', { reason: SIMULATED_REFUSAL }) }],
    });
    const failure = (await clerk.ok(`query($id: ID!) { cardBatch(id: $id) { members(status: FAILED) { nodes { failure } } } }`, { id: batch.id })).cardBatch
      .members.nodes[0].failure;
    expect(failure).toBe(t('zh-CN', 'cardIssuerRefused', { reason: SIMULATED_REFUSAL }));
    expect(await messagesOf(clerk)).toContainEqual({
      kind: 'CARD_BATCH_PARTIALLY_FAILED',
      text: t('zh-CN', 'messageCardBatchPartiallyFailed', { batchNo: batch.batchNo, issued: members.length - refused.length, failed: refused.length }),
    });
    // The queue's version moved with them: a submit made before is stale.
    expect((await queueSummary(clerk)).failedCount).toBe(refused.length);
  });
});

/** An issuer a test controls: fails, hangs, or answers as the simulator. */
class TestIssuer implements CardIssuer {
  mode: 'fail' | 'hang-once' | 'ok' = 'ok';
  calls: string[] = [];
  private readonly sim = new CardIssuerSimulator({ delaySeconds: 0, failureRate: 0 });

  async issue(request: CardIssueRequest) {
    this.calls.push(`${this.mode}:${request.requestId}`);
    if (this.mode === 'fail') throw new Error('issuer unavailable (test)');
    if (this.mode === 'hang-once') {
      this.mode = 'ok';
      return new Promise<never>(() => {});
    }
    return this.sim.issue(request);
  }
}

describe('an issuer that fails or does not answer', () => {
  let s: TestServer;
  let clerk: GraphQLClient;
  const issuer = new TestIssuer();
  beforeAll(async () => {
    s = await startTestServer({ APP_TODAY: TODAY, CARD_ISSUE_ATTEMPTS: '2', CARD_ISSUER_TIMEOUT_SECONDS: '1' }, { cardIssuer: issuer });
    clerk = await s.as('jianlang');
  });
  afterAll(() => s.close());
  const sql = sqlOn(() => s);

  it('a call that times out is tried again; the batch stays in production meanwhile', async () => {
    issuer.mode = 'hang-once';
    const { batch } = await submitted(clerk, 2);
    const during = await waitForBatch(clerk, batch.id, ['IN_PRODUCTION']);
    expect(during.pendingCount).toBe(2);
    const done = await waitForBatch(clerk, batch.id, ['ISSUED'], 20_000);
    expect(done.issuedCount).toBe(2);
    expect(issuer.calls.filter((c) => c.endsWith(`${batch.batchNo}-0`))).toEqual([`hang-once:${batch.batchNo}-0`, `ok:${batch.batchNo}-0`]);
  }, 30_000);

  it('after the last try the batch is visibly stuck with the reason, nobody is lost, and it resumes when the job runs again', async () => {
    issuer.mode = 'fail';
    const { batch } = await submitted(clerk, 2);
    const stuck = await waitForBatch(clerk, batch.id, [], 20_000, (b) => b.stuckReason !== null);
    expect(stuck).toMatchObject({
      status: 'IN_PRODUCTION',
      pendingCount: 2,
      issuedCount: 0,
      stuckReason: t('zh-CN', 'cardIssuerUnavailable', { attempts: 2 }),
    });
    expect(await messagesOf(clerk)).toContainEqual({
      kind: 'CARD_BATCH_STUCK',
      text: t('zh-CN', 'messageCardBatchStuck', { batchNo: batch.batchNo, attempts: 2 }),
    });
    const [job] = await sql<{ id: string; attempts: number; last_error: string }>(
      `select id, attempts, last_error from graphile_worker.jobs where task_identifier = 'card.issue' and attempts >= max_attempts`,
    );
    expect(job).toMatchObject({ attempts: 2 });
    expect(job.last_error).toMatch(/issuer unavailable/);
    // The issuer is back; an operator runs the failed job again (README: a stuck card batch).
    issuer.mode = 'ok';
    await sql(`select graphile_worker.reschedule_jobs(array[?::bigint], run_at := now(), attempts := 0)`, [job.id]);
    expect(await waitForBatch(clerk, batch.id, ['ISSUED'], 20_000)).toMatchObject({ issuedCount: 2, stuckReason: null });
  }, 40_000);
});

describe('revocation, only through the district', () => {
  let s: TestServer;
  let clerk: GraphQLClient;
  let reviewer: GraphQLClient;
  beforeAll(async () => {
    s = await startTestServer({ APP_TODAY: TODAY, CARD_SIM_DELAY: '0', CARD_SIM_FAILURE_RATE: '0' });
    [clerk, reviewer] = await Promise.all([s.as('jianlang'), s.as('pudong-reviewer')]);
  });
  afterAll(() => s.close());
  const sql = sqlOn(() => s);

  const request = (c: GraphQLClient, batchId: string, reason = '名单有误，需重新办理') =>
    c.request(
      `mutation($input: RequestCardBatchRevocationInput!) { requestCardBatchRevocation(input: $input) { __typename ... on CardBatchPayload { batch { ${BATCH_FIELDS} } } ... on UserError { code message field } } }`,
      { input: { batchId, reason } },
    );
  const review = (c: GraphQLClient, batchId: string, decision: string, reason?: string) =>
    c.request(
      `mutation($input: ReviewCardBatchRevocationInput!) { reviewCardBatchRevocation(input: $input) { __typename ... on CardBatchPayload { batch { ${BATCH_FIELDS} } } ... on UserError { code message field } } }`,
      { input: { batchId, decision, reason } },
    );

  async function issued(n: number) {
    const { batch, members } = await submitted(clerk, n);
    await waitForBatch(clerk, batch.id, ['ISSUED']);
    return { batch, members };
  }

  it('the clerk asks once with a reason; the district is told; asking again is a CONFLICT', async () => {
    const { batch } = await issued(2);
    const asked = await request(clerk, batch.id);
    expect(asked.data.requestCardBatchRevocation.batch).toMatchObject({
      status: 'REVOCATION_REQUESTED',
      revocationReason: '名单有误，需重新办理',
      availableEvents: [],
    });
    expect((await request(clerk, batch.id)).errors?.[0].extensions.code).toBe('CONFLICT');
    expect(await messagesOf(reviewer)).toContainEqual({
      kind: 'CARD_REVOCATION_REQUESTED',
      text: t('zh-CN', 'messageCardRevocationRequested', {
        organization: '上海建朗信息科技有限公司工会',
        batchNo: batch.batchNo,
        count: 2,
        reason: '名单有误，需重新办理',
      }),
    });
    const pending = (await reviewer.ok(`{ cardBatches(status: REVOCATION_REQUESTED) { nodes { id availableEvents organization { name } submittedBy } } }`))
      .cardBatches.nodes;
    expect(pending).toContainEqual({
      id: batch.id,
      availableEvents: ['APPROVE_REVOCATION', 'REFUSE_REVOCATION'],
      organization: { name: '上海建朗信息科技有限公司工会' },
      submittedBy: 'jianlang',
    });
    // A blank reason is no reason.
    const { batch: other } = await issued(1);
    expect((await request(clerk, other.id, '  ')).data.requestCardBatchRevocation).toMatchObject({ __typename: 'UserError', field: 'reason' });
  });

  it('a batch still in production cannot be revoked', async () => {
    const [{ id }] = await sql<{ id: number }>(`select max(id)::int as id from card_batch`);
    await sql(`update card_batch set status = 'IN_PRODUCTION' where id = ?`, [id]);
    expect((await request(clerk, String(id))).errors?.[0].extensions.code).toBe('CONFLICT');
    await sql(`update card_batch set status = 'ISSUED' where id = ?`, [id]);
  });

  it('is decided by a card-revocation reviewer of the batch’s district only', async () => {
    const { batch } = await issued(1);
    await request(clerk, batch.id);
    const before = await sql(`select status from card_batch where id = ?`, [batch.id]);
    expect((await review(clerk, batch.id, 'APPROVE')).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await review(await s.as('lujiazui-reviewer'), batch.id, 'APPROVE')).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await review(await s.as('xuhui-reviewer'), batch.id, 'APPROVE')).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await review(await s.as('center'), batch.id, 'APPROVE')).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await sql(`select status from card_batch where id = ?`, [batch.id])).toEqual(before);
  });

  it('refusing needs a reason; refused, the cards stay, the union is told, and it cannot be asked again', async () => {
    const { batch, members } = await issued(1);
    await request(clerk, batch.id);
    expect((await review(reviewer, batch.id, 'REFUSE')).data.reviewCardBatchRevocation).toMatchObject({
      __typename: 'UserError',
      field: 'reason',
      message: t('zh-CN', 'cardRefusalReasonRequired'),
    });
    const refused = (await review(reviewer, batch.id, 'REFUSE', '卡片已寄出，不予撤销')).data.reviewCardBatchRevocation.batch;
    expect(refused).toMatchObject({ status: 'REVOCATION_REFUSED', refusalReason: '卡片已寄出，不予撤销', availableEvents: [] });
    expect((await clerk.ok(`query($id: ID!) { member(id: $id) { card { status } } }`, { id: members[0].id })).member.card.status).toBe('ACTIVE');
    expect(await messagesOf(clerk)).toContainEqual({
      kind: 'CARD_REVOCATION_REFUSED',
      text: t('zh-CN', 'messageCardRevocationRefused', { batchNo: batch.batchNo, reason: '卡片已寄出，不予撤销' }),
    });
    expect((await request(clerk, batch.id)).errors?.[0].extensions.code).toBe('CONFLICT');
    const timeline = (await clerk.ok(`query($id: ID!) { cardBatch(id: $id) { timeline { to actor reason } } }`, { id: batch.id })).cardBatch.timeline;
    expect(timeline.slice(-2)).toEqual([
      { to: 'REVOCATION_REQUESTED', actor: 'jianlang', reason: '名单有误，需重新办理' },
      { to: 'REVOCATION_REFUSED', actor: 'pudong-reviewer', reason: '卡片已寄出，不予撤销' },
    ]);
  });

  it('granted, the cards are revoked and their members are back in the queue to check again', async () => {
    await clerk.ok(`mutation { removeFromCardQueue(input: { status: NOT_CHECKED }) { removed } }`);
    const { batch, members } = await issued(2);
    await request(clerk, batch.id);
    const revoked = (await review(reviewer, batch.id, 'APPROVE')).data.reviewCardBatchRevocation.batch;
    expect(revoked).toMatchObject({ status: 'REVOKED', availableEvents: [] });
    for (const m of members) {
      expect((await clerk.ok(`query($id: ID!) { member(id: $id) { card { status revokedOn } } }`, { id: m.id })).member.card).toEqual({
        status: 'REVOKED',
        revokedOn: TODAY,
      });
    }
    const queue = (await clerk.ok(`{ cardQueue(status: NOT_CHECKED, pageSize: 100) { nodes { member { id } } } }`)).cardQueue.nodes;
    expect(queue.map((e: { member: { id: string } }) => e.member.id).sort()).toEqual(members.map((m) => m.id).sort());
    expect((await checkQueue(clerk)).queue).toMatchObject({ passedCount: 2 });
    expect(await messagesOf(clerk)).toContainEqual({
      kind: 'CARD_REVOCATION_APPROVED',
      text: t('zh-CN', 'messageCardRevocationApproved', { batchNo: batch.batchNo }),
    });
    const audits = await sql<{ action: string; actor_username: string; after: Record<string, unknown> }>(
      `select action, actor_username, after from audit_entry where target_type = 'CardBatch' and target_id = ? order by id`,
      [batch.id],
    );
    expect(audits).toEqual([
      { action: 'card.revocation_requested', actor_username: 'jianlang', after: { batchNo: batch.batchNo, reason: '名单有误，需重新办理' } },
      { action: 'card.revocation_approved', actor_username: 'pudong-reviewer', after: { batchNo: batch.batchNo, reason: null } },
    ]);
  });

  it('another district sees none of the union’s batches', async () => {
    const xuhui = await s.as('xuhui');
    expect((await xuhui.ok(`{ cardBatches { totalCount } }`)).cardBatches.totalCount).toBe(0);
    const [{ id }] = await sql<{ id: number }>(`select max(id)::int as id from card_batch`);
    expect(await xuhui.errorCode(`query($id: ID!) { cardBatch(id: $id) { id } }`, { id })).toBe('NOT_FOUND');
    expect((await reviewer.ok(`{ cardBatches { totalCount } }`)).cardBatches.totalCount).toBeGreaterThan(0);
  });
});
