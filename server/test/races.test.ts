import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckChar } from '../src/domain/resident-id.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient, GraphQLResponse } from './support/graphql-client.js';
import { addToQueue, BATCH_FIELDS, cardApplicant, checkQueue, queueSummary, submitBatch, waitForBatch } from './support/cards.js';

/**
 * People work on the same rows at once. For every versioned mutation: N callers send the same version
 * together; exactly one wins, every other gets a VersionConflict with the version that won (never an
 * internal error), and the row and its audit trail show one change.
 *
 * The racers are made to overlap for certain: the row is held locked while they start, so all of them
 * read the same version and queue at their UPDATE, in the order they were started; released, the first
 * writes and the others find the version moved (the ORM's optimistic-lock error). A late caller with the
 * same version afterwards takes the other road to a conflict: the version check before any write.
 */
const RACERS = 4;
const CONFLICT = { __typename: 'VersionConflict', code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' };
const ERROR_FIELDS = '... on ErrorResult { code message } ... on VersionConflict { currentVersion }';

// Demo city ids (seed order): 5 lujiazui, 6 jianlang (grassroots below lujiazui), 7 ljz-finance, 8 zhangjiang (below pudong).
const JIANLANG = 6;
const LJZ_FINANCE = 7;

let s: TestServer;
let clerk: GraphQLClient;
let superior: GraphQLClient;
let admin: GraphQLClient;
beforeAll(async () => {
  s = await startTestServer({ CARD_SIM_DELAY: '0', CARD_SIM_FAILURE_RATE: '0' });
  [clerk, superior, admin] = await Promise.all([s.as('jianlang'), s.as('lujiazui'), s.as('pudong')]);
});
afterAll(() => s.close());

type Outcome = { __typename: string; code?: string; message?: string; currentVersion?: number } & Record<string, unknown>;
type Racer = () => Promise<GraphQLResponse>;

/** Starts the racers one by one while `table`'s row `id` is locked, each waiting at its UPDATE before the next starts; then lets them go. */
async function race(table: string, id: number | string, racers: Racer[]): Promise<GraphQLResponse[]> {
  const lock = new pg.Client({ connectionString: s.databaseUrl });
  const watch = new pg.Client({ connectionString: s.databaseUrl });
  await Promise.all([lock.connect(), watch.connect()]);
  try {
    await lock.query('begin');
    await lock.query(`select 1 from "${table}" where id = $1 for update`, [id]);
    const pending: Promise<GraphQLResponse>[] = [];
    for (const racer of racers) {
      let settled = false;
      const p = racer().finally(() => (settled = true));
      p.catch(() => {}); // awaited below; a racer that fails early must not stop the others
      pending.push(p);
      await waitingAt(watch, table, pending.length, () => settled);
    }
    await lock.query('commit');
    return await Promise.all(pending);
  } finally {
    await Promise.all([lock.end(), watch.end()]);
  }
}

/** Until `n` backends wait for a lock in an UPDATE of `table` (or the latest racer ended without waiting: a bypassed check). */
async function waitingAt(watch: pg.Client, table: string, n: number, ended: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && !ended()) {
    const { rows } = await watch.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike $1`,
      [`update "${table}" %`],
    );
    if (rows[0].n >= n) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The outcomes of `field`: no GraphQL error at all (least of all INTERNAL_SERVER_ERROR). */
function outcomes(responses: GraphQLResponse[], field: string): Outcome[] {
  for (const r of responses) expect(r.errors).toBeUndefined();
  return responses.map((r) => r.data[field] as Outcome);
}

/** The first racer won with `payload`; every other got a VersionConflict naming the winner's version. */
function expectFirstWins(all: Outcome[], payload: string, wonVersion: number): void {
  expect(all[0].__typename).toBe(payload);
  expect(all.slice(1)).toHaveLength(RACERS - 1);
  for (const loser of all.slice(1)) expect(loser).toMatchObject({ ...CONFLICT, currentVersion: wonVersion });
}

async function sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
  return s.orm.em.getConnection().execute(query, params);
}

async function audited(action: string, targetId: number | string): Promise<number> {
  return (await sql<{ n: number }>(`select count(*)::int as n from audit_entry where action = ? and target_id = ?`, [action, String(targetId)]))[0].n;
}

let seq = 100;
/** A new member of 建朗's union, for one test to race on. */
async function newMember(): Promise<{ id: string; version: number; name: string }> {
  const idNumber = withCheckChar(`310115${'19660606'}${String(seq++).padStart(3, '0')}`);
  const r = await clerk.ok(
    `mutation($i: MemberInput!) { createMember(input: $i) { __typename ... on MemberPayload { member { id version name } } ${ERROR_FIELDS} } }`,
    {
      i: { name: `竞争会员${seq}`, idType: 'RESIDENT_ID', idNumber, category: 'FLEXIBLE', joinedAt: '2020-05-01' },
    },
  );
  expect(r.createMember.__typename).toBe('MemberPayload');
  return r.createMember.member;
}

const MEMBER_RESULT = `__typename ... on MemberPayload { member { version name lifeStatus lifeStatusDate organization { id } } } ${ERROR_FIELDS}`;
const updateMember = (m: { id: string; version: number }, name: string) => () =>
  clerk.request(`mutation($i: UpdateMemberInput!) { updateMember(input: $i) { ${MEMBER_RESULT} } }`, {
    i: { id: m.id, version: m.version, name, idType: 'RESIDENT_ID', category: 'FLEXIBLE', joinedAt: '2020-05-01' },
  });
const setLifeStatus = (m: { id: string; version: number }, date: string) => () =>
  clerk.request(`mutation($i: SetMemberLifeStatusInput!) { setMemberLifeStatus(input: $i) { ${MEMBER_RESULT} } }`, {
    i: { id: m.id, version: m.version, lifeStatus: 'RETIRED', date },
  });
const transfer = (m: { id: string; version: number }) => () =>
  superior.request(`mutation($i: TransferMemberInput!) { transferMember(input: $i) { ${MEMBER_RESULT} } }`, {
    i: { id: m.id, version: m.version, toOrganizationId: LJZ_FINANCE },
  });

async function storedMember(id: string) {
  const [row] = await sql<{ version: number; name: string; life_status: string; life_status_date: string | null; organization_id: number }>(
    `select version, name, life_status, life_status_date::text, organization_id from member where id = ?`,
    [id],
  );
  return row;
}

describe('concurrent changes of one row: one wins, the others get CONFLICT', () => {
  it('updateEnterprise', async () => {
    const e = (await clerk.ok('{ enterprises(pageSize: 1) { nodes { id name creditCode version } } }')).enterprises.nodes[0];
    const update = (name: string) => () =>
      clerk.request(
        `mutation($i: UpdateEnterpriseInput!) { updateEnterprise(input: $i) { __typename ... on EnterprisePayload { enterprise { version } } ${ERROR_FIELDS} } }`,
        {
          i: { id: e.id, version: e.version, name, creditCode: e.creditCode },
        },
      );
    const all = outcomes(
      await race(
        'enterprise',
        e.id,
        Array.from({ length: RACERS }, (_, i) => update(`${e.name}${i}`)),
      ),
      'updateEnterprise',
    );
    expectFirstWins(all, 'EnterprisePayload', e.version + 1);
    expect(outcomes([await update(`${e.name}晚到`)()], 'updateEnterprise')[0]).toMatchObject({ ...CONFLICT, currentVersion: e.version + 1 });
    const [row] = await sql<{ name: string; version: number }>(`select name, version from enterprise where id = ?`, [e.id]);
    expect(row).toEqual({ name: `${e.name}0`, version: e.version + 1 });
    expect(await audited('enterprise.updated', e.id)).toBe(1);
  });

  it('updateMember', async () => {
    const m = await newMember();
    const all = outcomes(
      await race(
        'member',
        m.id,
        Array.from({ length: RACERS }, (_, i) => updateMember(m, `改名${i}`)),
      ),
      'updateMember',
    );
    expectFirstWins(all, 'MemberPayload', m.version + 1);
    expect(outcomes([await updateMember(m, '晚到')()], 'updateMember')[0]).toMatchObject({ ...CONFLICT, currentVersion: m.version + 1 });
    expect(await storedMember(m.id)).toMatchObject({ name: '改名0', version: m.version + 1 });
    expect(await audited('member.updated', m.id)).toBe(1);
  });

  it('setMemberLifeStatus', async () => {
    const m = await newMember();
    const all = outcomes(
      await race(
        'member',
        m.id,
        Array.from({ length: RACERS }, (_, i) => setLifeStatus(m, `2024-08-0${i + 1}`)),
      ),
      'setMemberLifeStatus',
    );
    expectFirstWins(all, 'MemberPayload', m.version + 1);
    expect(outcomes([await setLifeStatus(m, '2024-08-09')()], 'setMemberLifeStatus')[0]).toMatchObject({ ...CONFLICT, currentVersion: m.version + 1 });
    expect(await storedMember(m.id)).toMatchObject({ life_status: 'RETIRED', life_status_date: '2024-08-01', version: m.version + 1 });
    expect(await audited('member.life_status', m.id)).toBe(1);
  });

  it('transferMember', async () => {
    const m = await newMember();
    const all = outcomes(
      await race(
        'member',
        m.id,
        Array.from({ length: RACERS }, () => transfer(m)),
      ),
      'transferMember',
    );
    expectFirstWins(all, 'MemberPayload', m.version + 1);
    expect(outcomes([await transfer(m)()], 'transferMember')[0]).toMatchObject({ ...CONFLICT, currentVersion: m.version + 1 });
    expect(await storedMember(m.id)).toMatchObject({ organization_id: LJZ_FINANCE, version: m.version + 1 });
    expect(await audited('member.transferred', m.id)).toBe(1);
  });

  it('setAccountDisabled', async () => {
    const target = await s.as('zhangjiang');
    const [acc] = await sql<{ id: number; version: number }>(`select id, version from account where username = 'zhangjiang'`);
    const disable = () =>
      admin.request(
        `mutation($i: SetAccountDisabledInput!) { setAccountDisabled(input: $i) { __typename ... on AccountPayload { account { disabled version } } ${ERROR_FIELDS} } }`,
        {
          i: { id: acc.id, disabled: true, version: acc.version },
        },
      );
    const all = outcomes(
      await race(
        'account',
        acc.id,
        Array.from({ length: RACERS }, () => disable),
      ),
      'setAccountDisabled',
    );
    expectFirstWins(all, 'AccountPayload', acc.version + 1);
    expect(outcomes([await disable()], 'setAccountDisabled')[0]).toMatchObject({ ...CONFLICT, currentVersion: acc.version + 1 });
    expect((await sql(`select disabled, version from account where id = ?`, [acc.id]))[0]).toEqual({ disabled: true, version: acc.version + 1 });
    expect(await audited('account.disabled', acc.id)).toBe(1);
    expect((await target.ok('{ me { username } }')).me).toBeNull(); // the winner ended the sessions
  });
});

describe('different mutations of one member at once: whichever writes first wins', () => {
  it('updateMember first: the life status and the transfer get CONFLICT', async () => {
    const m = await newMember();
    const [updated, retired, moved, again] = await race('member', m.id, [
      updateMember(m, '先改名'),
      setLifeStatus(m, '2024-08-01'),
      transfer(m),
      updateMember(m, '后改名'),
    ]);
    expectFirstWins(
      [
        ...outcomes([updated], 'updateMember'),
        ...outcomes([retired], 'setMemberLifeStatus'),
        ...outcomes([moved], 'transferMember'),
        ...outcomes([again], 'updateMember'),
      ],
      'MemberPayload',
      m.version + 1,
    );
    expect(outcomes([await setLifeStatus(m, '2024-08-09')()], 'setMemberLifeStatus')[0]).toMatchObject({ ...CONFLICT, currentVersion: m.version + 1 });
    expect(await storedMember(m.id)).toMatchObject({ name: '先改名', life_status: 'ACTIVE', organization_id: JIANLANG, version: m.version + 1 });
    expect([await audited('member.updated', m.id), await audited('member.life_status', m.id), await audited('member.transferred', m.id)]).toEqual([1, 0, 0]);
  });

  it('setMemberLifeStatus first: the edit and the transfer get CONFLICT', async () => {
    const m = await newMember();
    const [retired, updated, moved, again] = await race('member', m.id, [
      setLifeStatus(m, '2024-08-01'),
      updateMember(m, '改名'),
      transfer(m),
      setLifeStatus(m, '2024-08-02'),
    ]);
    expectFirstWins(
      [
        ...outcomes([retired], 'setMemberLifeStatus'),
        ...outcomes([updated], 'updateMember'),
        ...outcomes([moved], 'transferMember'),
        ...outcomes([again], 'setMemberLifeStatus'),
      ],
      'MemberPayload',
      m.version + 1,
    );
    expect(outcomes([await transfer(m)()], 'transferMember')[0]).toMatchObject({ ...CONFLICT, currentVersion: m.version + 1 });
    expect(await storedMember(m.id)).toMatchObject({
      name: m.name,
      life_status: 'RETIRED',
      life_status_date: '2024-08-01',
      organization_id: JIANLANG,
      version: m.version + 1,
    });
    expect([await audited('member.updated', m.id), await audited('member.life_status', m.id), await audited('member.transferred', m.id)]).toEqual([0, 1, 0]);
  });

  it('transferMember first: a second transfer gets CONFLICT; the old union no longer sees the member (NOT_FOUND, as everything outside its scope)', async () => {
    const m = await newMember();
    const [moved, updated, retired, again] = await race('member', m.id, [transfer(m), updateMember(m, '改名'), setLifeStatus(m, '2024-08-01'), transfer(m)]);
    expect(outcomes([moved], 'transferMember')[0]).toMatchObject({
      __typename: 'MemberPayload',
      member: { version: m.version + 1, organization: { id: String(LJZ_FINANCE) } },
    });
    expect(outcomes([again], 'transferMember')[0]).toMatchObject({ ...CONFLICT, currentVersion: m.version + 1 });
    for (const lost of [updated, retired]) {
      expect(lost.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
      expect(lost.data).toBeNull();
    }
    expect(outcomes([await transfer(m)()], 'transferMember')[0]).toMatchObject({ ...CONFLICT, currentVersion: m.version + 1 });
    expect(await storedMember(m.id)).toMatchObject({ name: m.name, life_status: 'ACTIVE', organization_id: LJZ_FINANCE, version: m.version + 1 });
    expect([await audited('member.updated', m.id), await audited('member.life_status', m.id), await audited('member.transferred', m.id)]).toEqual([0, 0, 1]);
  });
});

describe('card queues and batches: one wins, the others get CONFLICT', () => {
  let applicant = 8000;
  /** A batch of `n` new members of 建朗's union, submitted; `issued`: waited for until ISSUED. */
  async function batchOf(n: number, issued: boolean): Promise<{ id: string; batchNo: string }> {
    const members = [];
    for (let i = 0; i < n; i++) members.push(await cardApplicant(clerk, applicant++));
    await addToQueue(
      clerk,
      members.map((m) => m.id),
    );
    const { queue } = await checkQueue(clerk);
    const batch = (await submitBatch(clerk, queue.version)).data.submitCardBatch.batch;
    if (issued) await waitForBatch(clerk, batch.id, ['ISSUED']);
    return batch;
  }
  const batches = async () => (await sql<{ n: number }>(`select count(*)::int as n from card_batch`))[0].n;

  it('submitCardBatch: two clerks (or a double click) submit the same queue: one batch, the others a VersionConflict and the fresh version', async () => {
    const second = await s.as('jianlang');
    const members = [await cardApplicant(clerk, applicant++), await cardApplicant(clerk, applicant++)];
    await addToQueue(
      clerk,
      members.map((m) => m.id),
    );
    const { queue } = await checkQueue(clerk);
    const before = await batches();
    const submit = (c: GraphQLClient) => () => submitBatch(c, queue.version);
    const all = outcomes(await race('card_queue', JIANLANG, [submit(clerk), submit(second), submit(clerk), submit(second)]), 'submitCardBatch');
    expectFirstWins(all, 'CardBatchPayload', queue.version + 1);
    expect(all[0]).toMatchObject({ batch: { memberCount: 2, status: 'SUBMITTED' } });
    expect(outcomes([await submit(second)()], 'submitCardBatch')[0]).toMatchObject({ ...CONFLICT, currentVersion: queue.version + 1 });
    expect(await batches()).toBe(before + 1);
    expect(await queueSummary(clerk)).toMatchObject({ version: queue.version + 1, totalCount: 0 });
    expect(await audited('card.batch_submitted', JIANLANG)).toBe(1);
  });

  it('updateMemberIdExpiry', async () => {
    const m = await cardApplicant(clerk, applicant++);
    const correct = (idExpiry: string) => () =>
      clerk.request(
        `mutation($i: UpdateMemberIdExpiryInput!) { updateMemberIdExpiry(input: $i) { __typename ... on MemberPayload { member { version idExpiry } } ${ERROR_FIELDS} } }`,
        { i: { memberId: m.id, version: m.version, idExpiry } },
      );
    const all = outcomes(await race('member', m.id, ['2030-01-01', '2031-01-01', '2032-01-01', '长期'].map(correct)), 'updateMemberIdExpiry');
    expectFirstWins(all, 'MemberPayload', m.version + 1);
    expect((await sql(`select id_expiry::text from member where id = ?`, [m.id]))[0]).toEqual({ id_expiry: '2030-01-01' });
    expect(await audited('member.id_expiry_updated', m.id)).toBe(1);
  });

  /** The racers' GraphQL answers: the first a payload with `status`, every other a CONFLICT error (never an internal one). */
  function expectFirstMoves(responses: GraphQLResponse[], field: string, status: string): void {
    expect(responses[0].errors).toBeUndefined();
    expect(responses[0].data[field]).toMatchObject({ __typename: 'CardBatchPayload', batch: { status } });
    for (const lost of responses.slice(1)) expect(lost.errors?.map((e) => e.extensions.code)).toEqual(['CONFLICT']);
  }
  const request = (id: string, reason: string) => () =>
    clerk.request(
      `mutation($i: RequestCardBatchRevocationInput!) { requestCardBatchRevocation(input: $i) { __typename ... on CardBatchPayload { batch { ${BATCH_FIELDS} } } ... on ErrorResult { code message } } }`,
      { i: { batchId: id, reason } },
    );

  it('requestCardBatchRevocation: asked twice at once, one request is recorded', async () => {
    const batch = await batchOf(1, true);
    const responses = await race(
      'card_batch',
      batch.id,
      ['一', '二', '三', '四'].map((r) => request(batch.id, `理由${r}`)),
    );
    expectFirstMoves(responses, 'requestCardBatchRevocation', 'REVOCATION_REQUESTED');
    expect((await sql(`select status, revocation_reason from card_batch where id = ?`, [batch.id]))[0]).toEqual({
      status: 'REVOCATION_REQUESTED',
      revocation_reason: '理由一',
    });
    expect(await audited('card.revocation_requested', batch.id)).toBe(1);
    expect(
      (
        await sql<{ n: number }>(`select count(*)::int as n from message where kind = 'CARD_REVOCATION_REQUESTED' and params->>'batchNo' = ?`, [batch.batchNo])
      )[0].n,
    ).toBe(1);
  });

  it('reviewCardBatchRevocation: two reviewers decide at once, one decision stands', async () => {
    const batch = await batchOf(2, true);
    await request(batch.id, '重复申请')();
    const [first, second] = await Promise.all([s.as('pudong-reviewer'), s.as('pudong')]);
    const review = (c: GraphQLClient, decision: string) => () =>
      c.request(
        `mutation($i: ReviewCardBatchRevocationInput!) { reviewCardBatchRevocation(input: $i) { __typename ... on CardBatchPayload { batch { ${BATCH_FIELDS} } } ... on ErrorResult { code message } } }`,
        { i: { batchId: batch.id, decision, reason: '审核' } },
      );
    const responses = await race('card_batch', batch.id, [
      review(first, 'APPROVE'),
      review(second, 'REFUSE'),
      review(first, 'REFUSE'),
      review(second, 'APPROVE'),
    ]);
    expectFirstMoves(responses, 'reviewCardBatchRevocation', 'REVOKED');
    expect((await sql<{ n: number }>(`select count(*)::int as n from member_card where batch_id = ? and status = 'REVOKED'`, [batch.id]))[0].n).toBe(2);
    expect(
      (
        await sql<{ n: number }>(
          `select count(*)::int as n from card_queue_entry where member_id in (select member_id from card_batch_member where batch_id = ?)`,
          [batch.id],
        )
      )[0].n,
    ).toBe(2);
    expect([await audited('card.revocation_approved', batch.id), await audited('card.revocation_refused', batch.id)]).toEqual([1, 0]);
  });

  it('addToCardQueue, checkCardQueue and removeFromCardQueue at once: no error, each member queued once, every call a new version', async () => {
    const members = [await cardApplicant(clerk, applicant++), await cardApplicant(clerk, applicant++)];
    const ids = members.map((m) => m.id);
    const before = await queueSummary(clerk);
    const adds = await Promise.all([1, 2, 3, 4].map(() => addToQueue(clerk, ids)));
    for (const a of adds) expect(a.__typename).toBe('AddToCardQueuePayload');
    expect(adds.reduce((n, a) => n + a.added, 0)).toBe(2);
    const queued = () => sql<{ n: number }>(`select count(*)::int as n from card_queue_entry where member_id in (?, ?)`, ids.map(Number));
    expect((await queued())[0].n).toBe(2);

    const [checked, removed] = await Promise.all([
      checkQueue(clerk),
      clerk.ok(`mutation($ids: [ID!]) { removeFromCardQueue(input: { memberIds: $ids }) { removed } }`, { ids: [ids[0]] }),
    ]);
    expect(checked.checked).toBeGreaterThanOrEqual(1);
    expect(removed.removeFromCardQueue.removed).toBe(1);
    expect((await queued())[0].n).toBe(1);
    // Every call took the queue's row in turn and bumped its version once (4 adds, a check, a remove): no update lost.
    expect((await queueSummary(clerk)).version).toBe(before.version + 6);
    await clerk.ok(`mutation($ids: [ID!]) { removeFromCardQueue(input: { memberIds: $ids }) { removed } }`, { ids: [ids[1]] });
  });
});
