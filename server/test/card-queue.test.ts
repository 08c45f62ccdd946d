import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';
import { CardCheckProblem as P, cardCheckProblems, QUEUE_REFUSALS, type CardApplicant } from '../src/domain/card-rules.js';
import { IdType } from '../src/domain/id-document.js';
import { LifeStatus, MemberCategory } from '../src/domain/member-category.js';
import { t } from '../src/common/i18n/messages.js';
import { addToQueue, CARD_ADDRESS, cardApplicant, checkQueue, QUEUE_SUMMARY, queueSummary, submitBatch } from './support/cards.js';

/**
 * 待办会员列表: who may be queued (refusals member by member, nothing half-done), the check as one SQL
 * statement held to the pure rule case by case, the correction of an ID expiry date, and what blocks a
 * submission.
 */
const TODAY = '2024-12-27';
let s: TestServer;
let clerk: GraphQLClient;
let seq = 100;

beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: TODAY, CARD_SIM_DELAY: '0', CARD_SIM_FAILURE_RATE: '0' });
  clerk = await s.as('jianlang');
});
afterAll(() => s.close());

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => s.orm.em.fork().getConnection().execute<T[]>(query, params);
const nextApplicant = (input: Record<string, unknown> = {}) => cardApplicant(clerk, seq++, input);

async function entries(memberIds: string[]) {
  const nodes = (await clerk.ok(`{ cardQueue(pageSize: 100) { nodes { status problems { code message } member { id } } } }`)).cardQueue.nodes as {
    status: string;
    problems: { code: string; message: string }[];
    member: { id: string } | null;
  }[];
  return memberIds.map((id) => nodes.find((n) => n.member?.id === id));
}

async function emptyQueue() {
  await clerk.ok(`mutation { removeFromCardQueue(input: { status: FAILED }) { removed } }`);
  await clerk.ok(`mutation { removeFromCardQueue(input: { status: NOT_CHECKED }) { removed } }`);
  await clerk.ok(`mutation { removeFromCardQueue(input: { status: PASSED }) { removed } }`);
}

describe('queueing members', () => {
  it('refuses the whole call, naming each member and every reason, when some cannot get a card here; adds nobody', async () => {
    const good = await nextApplicant();
    const flexible = await nextApplicant({ category: 'FLEXIBLE' });
    const retired = await nextApplicant();
    const deceased = await nextApplicant();
    const carded = await nextApplicant();
    await sql(`update member set life_status = 'RETIRED', life_status_date = '2024-06-30' where id = ?`, [retired.id]);
    await sql(`update member set life_status = 'DECEASED', life_status_date = '2024-06-30' where id = ?`, [deceased.id]);
    await sql(
      `insert into member_card (org_path, member_id, batch_id, card_number_sealed, card_number_index, card_number_masked, status, issued_on)
       values ('/1/2/5/6/', ?, 0, 'x', ?, '6231 **** **** 0000', 'ACTIVE', '2024-01-01')`,
      [carded.id, `test-${carded.id}`],
    );
    const before = await queueSummary(clerk);
    const r = await addToQueue(clerk, [good.id, flexible.id, retired.id, deceased.id, carded.id]);
    expect(r).toMatchObject({ __typename: 'CardQueueRefusal', code: 'BAD_USER_INPUT' });
    expect(r.members.map((m: { memberId: string; problems: { code: string }[] }) => [m.memberId, m.problems.map((p) => p.code)])).toEqual([
      [flexible.id, [P.NOT_IN_ENTERPRISE]],
      [retired.id, [P.NOT_ACTIVE]],
      [deceased.id, [P.NOT_ACTIVE]],
      [carded.id, [P.HAS_CARD]],
    ]);
    expect(r.members[0].problems[0].message).toBe(t('zh-CN', 'cardNotInEnterprise'));
    expect(r.message).toContain('4');
    expect(await queueSummary(clerk)).toEqual(before);
  });

  it('a member of another union is NOT_FOUND, like a missing one, and nothing is added', async () => {
    const good = await nextApplicant();
    const [other] = await sql<{ id: number }>(`select id from member where organization_id = 7 order by id limit 1`);
    const before = await queueSummary(clerk);
    const r = await clerk.request(`mutation($input: AddToCardQueueInput!) { addToCardQueue(input: $input) { __typename } }`, {
      input: { memberIds: [good.id, String(other.id)] },
    });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', notFoundIds: [String(other.id)] });
    expect(await queueSummary(clerk)).toEqual(before);
  });

  it('takes chosen members or a filter, not both nor neither', async () => {
    for (const input of [{}, { memberIds: [], filter: {} }]) {
      expect(await clerk.errorCode(`mutation($input: AddToCardQueueInput!) { addToCardQueue(input: $input) { __typename } }`, { input })).toBe(
        'BAD_USER_INPUT',
      );
    }
  });

  it('a double click adds nobody twice', async () => {
    await emptyQueue();
    const m = await nextApplicant();
    expect(await addToQueue(clerk, [m.id])).toMatchObject({ added: 1, alreadyQueued: 0, queue: { totalCount: 1, notCheckedCount: 1 } });
    expect(await addToQueue(clerk, [m.id])).toMatchObject({ added: 0, alreadyQueued: 1, queue: { totalCount: 1 } });
    const [audit] = await sql<{ n: number }>(`select count(*)::int as n from audit_entry where action = 'card.queued' and target_id = '6'`);
    expect(audit.n).toBeGreaterThanOrEqual(1);
  });

  it('adds every member of a filtered list who can apply here, and counts the others by reason', async () => {
    const c = await s.as('ljz-finance'); // a union of its own: its whole roll
    const rows = await sql<{ category: MemberCategory; life_status: LifeStatus; has_card: boolean; in_live_batch: boolean }>(
      `select category, life_status, exists (select 1 from member_card c where c.member_id = m.id and c.status = 'ACTIVE') as has_card,
              exists (select 1 from card_batch_member b where b.member_id = m.id and b.status = 'PENDING') as in_live_batch
       from member m where organization_id = 7`,
    );
    const reasons = rows.map((m) =>
      cardCheckProblems({ ...GOOD, category: m.category, lifeStatus: m.life_status, hasCard: m.has_card, inLiveBatch: m.in_live_batch }, TODAY).find((p) =>
        QUEUE_REFUSALS.includes(p),
      ),
    );
    expect(reasons).toContain(P.IN_LIVE_BATCH); // the demo's batch at the issuer
    const expected = Object.entries(reasons.reduce<Record<string, number>>((n, r) => (r ? { ...n, [r]: (n[r] ?? 0) + 1 } : n), {})).map(([code, count]) => ({
      code,
      count,
    }));
    const add = (filter: Record<string, unknown>) =>
      c.ok(
        `mutation($input: AddToCardQueueInput!) { addToCardQueue(input: $input) { ... on AddToCardQueuePayload { added alreadyQueued skipped { code count } ${QUEUE_SUMMARY} } } }`,
        { input: { filter } },
      );
    const r = (await add({ hasCard: false })).addToCardQueue;
    expect(r.added).toBe(reasons.filter((x) => !x).length);
    expect(r.added).toBeGreaterThan(10);
    expect(r.alreadyQueued).toBe(0);
    expect([...r.skipped].sort((a, b) => a.code.localeCompare(b.code))).toEqual(expected.sort((a, b) => a.code.localeCompare(b.code)));
    expect(r.queue).toMatchObject({ totalCount: r.added, notCheckedCount: r.added });
    // Again: everybody is there already.
    expect((await add({ hasCard: false })).addToCardQueue).toMatchObject({ added: 0, alreadyQueued: r.added });
  });
});

/** The attributes of a member that passes every check: each case below changes some. */
const GOOD: CardApplicant = {
  inUnion: true,
  category: MemberCategory.IN_ENTERPRISE,
  lifeStatus: LifeStatus.ACTIVE,
  idType: IdType.RESIDENT_ID,
  idExpiry: '2033-01-01',
  idExpiryLongTerm: false,
  workAddress: CARD_ADDRESS,
  hasMobile: true,
  hasCard: false,
  inLiveBatch: false,
};

/** Makes a queued member's row what `change` says (behind the API's back: a member changed after it was queued). */
async function apply(memberId: string, change: Partial<CardApplicant>): Promise<void> {
  const set = (column: string, value: unknown) => sql(`update member set ${column} = ? where id = ?`, [value, memberId]);
  if (change.inUnion === false) await sql(`update member set organization_id = 7, org_path = '/1/2/5/7/' where id = ?`, [memberId]);
  if (change.category) await set('category', change.category);
  if (change.lifeStatus) await sql(`update member set life_status = ?, life_status_date = '2024-06-30' where id = ?`, [change.lifeStatus, memberId]);
  if (change.idType) await set('id_type', change.idType);
  if ('idExpiry' in change) await set('id_expiry', change.idExpiry);
  if (change.idExpiryLongTerm) await set('id_expiry_long_term', true);
  if ('workAddress' in change) await set('work_address', change.workAddress);
  if (change.hasMobile === false) await sql(`update member set mobile_sealed = null, mobile_index = null, mobile_masked = null where id = ?`, [memberId]);
  if (change.hasCard) {
    await sql(
      `insert into member_card (org_path, member_id, batch_id, card_number_sealed, card_number_index, card_number_masked, status, issued_on)
       values ('/1/2/5/6/', ?, 0, 'x', ?, '6231 **** **** 0000', 'ACTIVE', '2024-01-01')`,
      [memberId, `test-${memberId}`],
    );
  }
  if (change.inLiveBatch)
    await sql(`insert into card_batch_member (batch_id, member_id, org_path, chunk, status) values (0, ?, '/1/2/5/6/', 0, 'PENDING')`, [memberId]);
}

describe('信息校验: one statement over the queue, the same rule as domain/card-rules.ts', () => {
  const cases: [string, Partial<CardApplicant>, P[]][] = [
    ['a good applicant', {}, []],
    ['long-term ID', { idExpiry: null, idExpiryLongTerm: true }, []],
    ['ID expiring today', { idExpiry: TODAY }, []],
    ['ID expired yesterday', { idExpiry: '2024-12-26' }, [P.ID_EXPIRED]],
    ['ID expiry unknown', { idExpiry: null }, [P.ID_EXPIRY_MISSING]],
    ['transferred to another union', { inUnion: false }, [P.NOT_IN_UNION]],
    ['flexible employment since', { category: MemberCategory.FLEXIBLE }, [P.NOT_IN_ENTERPRISE]],
    ['retired since', { lifeStatus: LifeStatus.RETIRED }, [P.NOT_ACTIVE]],
    ['passport', { idType: IdType.PASSPORT }, [P.NOT_RESIDENT_ID]],
    ['no address', { workAddress: null }, [P.WORK_ADDRESS]],
    ['6 Chinese characters and digits', { workAddress: '上海浦东新区1201' }, [P.WORK_ADDRESS]],
    ['7 Chinese characters', { workAddress: '上海市浦东新区' }, []],
    ['19 Chinese characters', { workAddress: '上海市浦东新区陆家嘴金融贸易区世纪大道' }, []],
    ['20 Chinese characters', { workAddress: '上海市浦东新区陆家嘴金融贸易区世纪大道东' }, [P.WORK_ADDRESS]],
    ['a rare character of Extension B counts', { workAddress: '上海市浦东新区𠀀' }, []],
    ['no mobile', { hasMobile: false }, [P.MOBILE_MISSING]],
    ['got a card meanwhile', { hasCard: true }, [P.HAS_CARD]],
    ['in a batch in production', { inLiveBatch: true }, [P.IN_LIVE_BATCH]],
    [
      'several at once, in reading order',
      { idType: IdType.PASSPORT, idExpiry: '2020-01-01', workAddress: '短', hasMobile: false },
      [P.NOT_RESIDENT_ID, P.ID_EXPIRED, P.WORK_ADDRESS, P.MOBILE_MISSING],
    ],
  ];

  it('checks every case as the pure rule does, each reason in the clerk’s language', async () => {
    await emptyQueue();
    const members = [];
    for (const _ of cases) members.push(await nextApplicant());
    await addToQueue(
      clerk,
      members.map((m) => m.id),
    );
    for (const [i, [, change]] of cases.entries()) await apply(members[i].id, change);
    const checked = await checkQueue(clerk);
    expect(checked.checked).toBe(cases.length);
    const found = await entries(members.map((m) => m.id));
    for (const [i, [name, change, problems]] of cases.entries()) {
      expect(cardCheckProblems({ ...GOOD, ...change }, TODAY), `${name}: the pure rule`).toEqual(problems);
      if (change.inUnion === false) {
        expect(found[i], `${name}: out of the clerk's sight`).toBeUndefined();
        const [row] = await sql<{ status: string; problems: { code: string }[] }>(`select status, problems from card_queue_entry where member_id = ?`, [
          members[i].id,
        ]);
        expect(row).toEqual({ status: 'FAILED', problems: [{ code: P.NOT_IN_UNION }] });
        continue;
      }
      expect({ name, status: found[i]!.status, problems: found[i]!.problems.map((p) => p.code) }).toEqual({
        name,
        status: problems.length ? 'FAILED' : 'PASSED',
        problems,
      });
    }
    const expired = found[cases.findIndex(([n]) => n === 'ID expired yesterday')]!;
    expect(expired.problems[0].message).toBe(t('zh-CN', 'cardIdExpired'));
  });

  it('answers in English to an English client', async () => {
    const en = Object.assign(s.client(), { cookie: clerk.cookie, headers: { 'accept-language': 'en' } });
    const nodes = (await en.ok(`{ cardQueue(status: FAILED, pageSize: 100) { nodes { problems { code message } } } }`)).cardQueue.nodes;
    const message = nodes.flatMap((n: { problems: { code: string; message: string }[] }) => n.problems).find((p: { code: string }) => p.code === 'ID_EXPIRED');
    expect(message.message).toBe(t('en', 'cardIdExpired'));
  });
});

describe('修改证件到期日 and submitting', () => {
  it('a corrected expiry date is audited and the queued member checked again at once; a stale version conflicts', async () => {
    await emptyQueue();
    const m = await nextApplicant();
    await addToQueue(clerk, [m.id]);
    await sql(`update member set id_expiry = '2024-01-01' where id = ?`, [m.id]);
    await checkQueue(clerk);
    expect((await entries([m.id]))[0]!.status).toBe('FAILED');
    const [{ version }] = await sql<{ version: number }>(`select version from member where id = ?`, [m.id]);
    const update = (idExpiry: string, v: number) =>
      clerk.ok(
        `mutation($input: UpdateMemberIdExpiryInput!) { updateMemberIdExpiry(input: $input) { __typename
          ... on MemberPayload { changed member { idExpiry idExpiryLongTerm version } } ... on VersionConflict { currentVersion } ... on UserError { code message field } } }`,
        { input: { memberId: m.id, version: v, idExpiry } },
      );
    expect((await update('2020-01-01', version)).updateMemberIdExpiry).toMatchObject({
      __typename: 'UserError',
      field: 'idExpiry',
      message: t('zh-CN', 'idExpired'),
    });
    expect((await update('明年', version)).updateMemberIdExpiry).toMatchObject({ __typename: 'UserError', field: 'idExpiry' });
    const fixed = (await update('2031-08-08', version)).updateMemberIdExpiry;
    expect(fixed).toMatchObject({ __typename: 'MemberPayload', changed: true, member: { idExpiry: '2031-08-08', idExpiryLongTerm: false } });
    expect((await entries([m.id]))[0]).toMatchObject({ status: 'PASSED', problems: [] });
    const [audit] = await sql<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
      `select before, after from audit_entry where action = 'member.id_expiry_updated' and target_id = ?`,
      [m.id],
    );
    expect(audit).toEqual({ before: { idExpiry: '2024-01-01' }, after: { idExpiry: '2031-08-08' } });
    expect((await update('长期', version)).updateMemberIdExpiry).toMatchObject({ __typename: 'VersionConflict', currentVersion: version + 1 });
    expect((await update('长期', version + 1)).updateMemberIdExpiry).toMatchObject({ member: { idExpiry: null, idExpiryLongTerm: true } });
  });

  it('failed and unchecked members block a submission until removed; a changed member must be checked again; nothing is written meanwhile', async () => {
    await emptyQueue();
    const [a, b, c] = [await nextApplicant(), await nextApplicant(), await nextApplicant()];
    await addToQueue(clerk, [a.id, b.id]);
    await sql(`update member set work_address = '短' where id = ?`, [b.id]);
    await checkQueue(clerk);
    await addToQueue(clerk, [c.id]); // not checked yet
    const batches = async () => (await sql<{ n: number }>(`select count(*)::int as n from card_batch`))[0].n;
    const before = await batches();
    let summary = await queueSummary(clerk);
    expect(summary).toMatchObject({ passedCount: 1, failedCount: 1, notCheckedCount: 1 });
    let r = await submitBatch(clerk, summary.version);
    expect(r.data.submitCardBatch).toMatchObject({ __typename: 'UserError', message: t('zh-CN', 'cardQueueBlocked', { failed: 1, notChecked: 1 }) });
    const removed = (await clerk.ok(`mutation { removeFromCardQueue(input: { status: FAILED }) { removed ${QUEUE_SUMMARY} } }`)).removeFromCardQueue;
    expect(removed).toMatchObject({ removed: 1, queue: { totalCount: 2, failedCount: 0 } });
    expect(
      (await clerk.ok(`mutation($ids: [ID!]) { removeFromCardQueue(input: { memberIds: $ids }) { removed } }`, { ids: [c.id] })).removeFromCardQueue.removed,
    ).toBe(1);
    // The passed member changed after the check.
    await sql(`update member set mobile_index = null, mobile_sealed = null, mobile_masked = null where id = ?`, [a.id]);
    summary = await queueSummary(clerk);
    r = await submitBatch(clerk, summary.version);
    expect(r.data.submitCardBatch).toMatchObject({ __typename: 'UserError', message: t('zh-CN', 'cardQueueStale', { count: 1 }) });
    expect(await batches()).toBe(before);
    expect(await queueSummary(clerk)).toEqual(summary);
    await checkQueue(clerk);
    await clerk.ok(`mutation { removeFromCardQueue(input: { status: FAILED }) { removed } }`);
    summary = await queueSummary(clerk);
    r = await submitBatch(clerk, summary.version);
    expect(r.data.submitCardBatch).toMatchObject({ __typename: 'UserError', message: t('zh-CN', 'cardQueueEmpty') });
  });
});
