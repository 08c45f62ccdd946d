import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { PNG } from 'pngjs';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';
import { readPdf } from '../src/documents/pdf-text.js';
import { ContextFactory } from '../src/common/request-context.js';
import { createLoaders } from '../src/app/modules.js';
import { SYSTEM_ACTOR } from '../src/jobs/worker.js';
import { AuditEntry } from '../src/audit-trail/audit-entry.entity.js';
import { systemEm } from '../src/org-scope/system-em.js';

/**
 * 集中参保审核 and 职保中心 (SPEC §9, §10), end to end on the real stack: review (approve, return, take
 * members out, back to pending) by secondary and district reviewers, the district's December batch,
 * its documents and vouchers, the center's confirm / complete / send back, coverage, the monitor held to a
 * recount, and the deadlines job with a moved clock. Each race has one winner and a CONFLICT.
 */
const SUBMIT = `mutation($input: SubmitEnrollmentInput!) { submitEnrollment(input: $input) {
  __typename ... on EnrollmentSubmitted { submission { id memberCount version status } } ... on ErrorResult { code message } } }`;
const OVERVIEW = `query { enrollmentOverview(year: 2025) { version planId submitted } }`;
const PLANS = `query { protectionPlans { id } }`;
const PENDING = `query($unitName: String, $channel: EnrollmentChannel) { pendingSubmissions(year: 2025, unitName: $unitName, channel: $channel, pageSize: 100) {
  totalCount nodes { id version status memberCount organization { name } } } }`;
const READY = `query { readyList(year: 2025, pageSize: 100) { totalCount nodes { id version memberCount feeFen cityShareFen districtShareFen grassrootsShareFen approvedBy { name } }
  totals { submissions memberCardMembers socialSecurityMembers feeFen cityFen districtFen grassrootsFen } } }`;
const APPROVE = `mutation($s: [SubmissionRefInput!]!) { approveSubmissions(input: { submissions: $s }) { __typename ... on SubmissionsReviewed { count } ... on ErrorResult { code message } } }`;
const RETURN = `mutation($s: [SubmissionRefInput!]!, $reason: String!) { returnSubmissions(input: { submissions: $s, reason: $reason }) {
  __typename ... on SubmissionsReviewed { count } ... on ErrorResult { code message } } }`;
const UNAPPROVE = `mutation($s: SubmissionRefInput!) { unapproveSubmission(submission: $s) { __typename ... on SubmissionsReviewed { count } } }`;
const REJECT = `mutation($input: RejectSubmissionMembersInput!) { rejectSubmissionMembers(input: $input) {
  __typename ... on SubmissionMembersRejected { submission { id memberCount rejectedCount version } } ... on ErrorResult { code message } } }`;
const SUBMISSION = `query($id: ID!) { enrollmentSubmission(id: $id) { id status version memberCount returnReason resubmissionOf districtBatchId
  rejections { member { id name } reason } members(pageSize: 100) { totalCount nodes { id } } timeline { from to event reason } } }`;
const SUBMIT_BATCH = `mutation($input: SubmitDistrictBatchInput!) { submitDistrictBatch(input: $input) {
  __typename ... on DistrictBatchSubmitted { batch { id batchNo status version memberCount submissionCount feeFen cityFen districtFen grassrootsFen handlerPhone } }
  ... on UserError { code message fields { field message } } } }`;
const BATCH = `query($id: ID!) { districtBatch(id: $id) { id status version vouchersUploadedAt vouchersSubmittedAt confirmedAt completedAt vouchers { id fileName contentType sha256 } timeline { from to event } } }`;
const SUBMIT_VOUCHERS = `mutation($b: DistrictBatchRefInput!) { submitVouchers(batch: $b) { __typename ... on DistrictBatchPayload { batch { version vouchersSubmittedAt } } ... on ErrorResult { code message } } }`;
const CONFIRM = `mutation($b: DistrictBatchRefInput!) { confirmDistrictBatch(batch: $b) { __typename ... on DistrictBatchPayload { batch { status version confirmedAt } } } }`;
const COMPLETE = `mutation($b: DistrictBatchRefInput!) { completeDistrictBatch(batch: $b) { __typename ... on DistrictBatchPayload { batch { status version } } } }`;
const COVERAGE = `query { coverage(year: 2025, pageSize: 100) { totalCount nodes { member { id } year coverageStart coverageEnd } } }`;
const MONITOR = `query { enrollmentMonitor(year: 2025) { unions submitted pending returned voided notStarted pendingSubmissions memberCardMembers socialSecurityMembers cityFen districtFen grassrootsFen } }`;
const MESSAGES = `query { messages(pageSize: 50) { nodes { text } } }`;
const TODOS = `query { todos { kind count dueOn deadline } }`;

let s: TestServer;
let jianlang: GraphQLClient;
let lujiazuiReviewer: GraphQLClient;
let pudongReviewer: GraphQLClient;
let xuhuiReviewer: GraphQLClient;
let operator: GraphQLClient;
let planId: string;
let n = 0;
const key = () => `review-test-${n++}`;
const DAY = 86_400_000;
const sql = <T>(text: string, params: unknown[] = []) => s.orm.em.getConnection().execute<T[]>(text, params);
const ref = (x: { id: string; version: number }) => ({ id: x.id, version: x.version });

async function submitCardHolders(c: GraphQLClient) {
  const { enrollmentOverview: o } = await c.ok(OVERVIEW);
  const r = await c.ok(SUBMIT, { input: { year: 2025, channel: 'MEMBER_CARD', planId, version: o.version, clientKey: key() } });
  expect(r.submitEnrollment.__typename).toBe('EnrollmentSubmitted');
  return r.submitEnrollment.submission as { id: string; memberCount: number; version: number };
}
const submission = async (c: GraphQLClient, id: string) => (await c.ok(SUBMISSION, { id })).enrollmentSubmission;
const pendingOf = async (c: GraphQLClient, unitName?: string) => (await c.ok(PENDING, { unitName })).pendingSubmissions;

/** Moves the clock; sessions idle that long have ended, so everyone logs in again. */
async function advanceDays(days: number) {
  s.clock.advance(days * DAY);
  [jianlang, lujiazuiReviewer, pudongReviewer, xuhuiReviewer, operator] = await Promise.all(
    ['jianlang', 'lujiazui-reviewer', 'pudong-reviewer', 'xuhui-reviewer', 'center-operator'].map((u) => s.as(u)),
  );
}

beforeAll(async () => {
  s = await startTestServer({ APP_TODAY: '2024-11-15' });
  await advanceDays(0);
  planId = (await jianlang.ok(PLANS)).protectionPlans[0].id;
});
afterAll(() => s?.close());

let first: { id: string; memberCount: number; version: number };
let second: { id: string; memberCount: number; version: number };

describe('review (集中参保审核)', () => {
  it('pending lists hold the subtree only; another district approving is NOT_FOUND and writes nothing', async () => {
    first = await submitCardHolders(jianlang);
    expect((await pendingOf(lujiazuiReviewer, '建朗')).nodes.map((x: { id: string }) => x.id)).toEqual([first.id]);
    expect((await pendingOf(pudongReviewer, '建朗')).nodes.map((x: { id: string }) => x.id)).toEqual([first.id]);
    expect((await pendingOf(xuhuiReviewer, '建朗')).totalCount).toBe(0);
    expect(await xuhuiReviewer.errorCode(APPROVE, { s: [ref(first)] })).toBe('NOT_FOUND');
    expect(await jianlang.errorCode(APPROVE, { s: [ref(first)] })).toBe('FORBIDDEN');
    expect((await submission(jianlang, first.id)).status).toBe('PENDING_REVIEW');
  });

  it('a return needs a reason; returned, the members are free, the clerk is told why and resubmits a linked submission', async () => {
    const blank = (await pudongReviewer.ok(RETURN, { s: [ref(first)], reason: '  ' })).returnSubmissions;
    expect(blank).toMatchObject({ __typename: 'UserError', code: 'BAD_USER_INPUT' });
    const r = (await pudongReviewer.ok(RETURN, { s: [ref(first)], reason: '人数有误，请核对' })).returnSubmissions;
    expect(r).toEqual({ __typename: 'SubmissionsReviewed', count: 1 });
    const returned = await submission(jianlang, first.id);
    expect(returned).toMatchObject({ status: 'RETURNED', returnReason: '人数有误，请核对' });
    expect(returned.timeline.at(-1)).toMatchObject({ from: 'PENDING_REVIEW', to: 'RETURNED', event: 'RETURN', reason: '人数有误，请核对' });
    expect((await jianlang.ok(MESSAGES)).messages.nodes[0].text).toContain('人数有误，请核对');
    expect((await jianlang.ok(TODOS)).todos).toContainEqual(expect.objectContaining({ kind: 'RETURNED_SUBMISSIONS', count: 1 }));
    expect((await jianlang.ok(OVERVIEW)).enrollmentOverview.submitted).toBe(0);
    second = await submitCardHolders(jianlang);
    expect(second.memberCount).toBe(first.memberCount);
    expect((await submission(jianlang, second.id)).resubmissionOf).toBe(first.id);
    expect((await jianlang.ok(TODOS)).todos.map((t: { kind: string }) => t.kind)).not.toContain('RETURNED_SUBMISSIONS');
  });

  it('takes single members out with a reason (the rest goes on); a stale version is a CONFLICT; never all of them', async () => {
    const before = await submission(pudongReviewer, second.id);
    const [out, other] = before.members.nodes;
    const input = (memberIds: string[], version = before.version) => ({ input: { submission: { id: second.id, version }, memberIds, reason: '已离职' } });
    const all = (await pudongReviewer.ok(REJECT, input(before.members.nodes.map((m: { id: string }) => m.id)))).rejectSubmissionMembers;
    expect(all).toMatchObject({ __typename: 'UserError', code: 'BAD_USER_INPUT' });
    // Two reviewers take out different members from the same version at once: one wins.
    const raced = await Promise.all([pudongReviewer.ok(REJECT, input([out.id])), lujiazuiReviewer.ok(REJECT, input([other.id]))]);
    const kinds = raced.map((r) => r.rejectSubmissionMembers.__typename).sort();
    expect(kinds).toEqual(['SubmissionMembersRejected', 'VersionConflict']);
    const after = await submission(jianlang, second.id);
    expect(after.memberCount).toBe(before.memberCount - 1);
    expect(after.members.totalCount).toBe(before.memberCount - 1);
    expect(after.rejections).toHaveLength(1);
    expect(after.rejections[0].reason).toBe('已离职');
    // The audit row carries the reason with the count it changed.
    const audit = await systemEm(s.orm).find(AuditEntry, { action: 'enrollment.members_rejected', targetId: second.id });
    expect(audit.map((a) => [a.before, a.after])).toEqual([
      [
        { memberCount: before.memberCount, reason: null },
        { memberCount: after.memberCount, reason: '已离职' },
      ],
    ]);
    second.version = after.version;
    second.memberCount = after.memberCount;
  });

  it('approving one submission twice at once: one wins, the other gets CONFLICT; the ready list names the secondary reviewer', async () => {
    const raced = await Promise.all([lujiazuiReviewer.request(APPROVE, { s: [ref(second)] }), pudongReviewer.request(APPROVE, { s: [ref(second)] })]);
    const wins = raced.filter((r) => r.data?.approveSubmissions?.count === 1);
    const losses = raced.filter((r) => r.errors?.[0]?.extensions.code === 'CONFLICT');
    expect([wins.length, losses.length]).toEqual([1, 1]);
    const ready = (await pudongReviewer.ok(READY)).readyList;
    const entry = ready.nodes.find((x: { id: string }) => x.id === second.id);
    expect(entry.approvedBy).toBeTruthy();
    // Totals per payer reconcile to the fee times the members, to the fen.
    const sum = (f: (x: Record<string, number>) => number) => ready.nodes.reduce((a: number, x: Record<string, number>) => a + f(x), 0);
    expect(ready.totals.feeFen).toBe(sum((x) => x.memberCount * x.feeFen));
    expect(ready.totals.cityFen + ready.totals.districtFen + ready.totals.grassrootsFen).toBe(ready.totals.feeFen);
    expect(ready.totals.cityFen).toBe(sum((x) => x.memberCount * x.cityShareFen));
    // Back to pending and approved again: both moves on the timeline.
    const current = await submission(pudongReviewer, second.id);
    expect((await pudongReviewer.ok(UNAPPROVE, { s: ref(current) })).unapproveSubmission.count).toBe(1);
    const pending = await submission(pudongReviewer, second.id);
    expect(pending.status).toBe('PENDING_REVIEW');
    expect((await pudongReviewer.ok(APPROVE, { s: [ref(pending)] })).approveSubmissions.count).toBe(1);
  });

  it('bulk: all or none — one stale entry refuses the whole call', async () => {
    const xuhuiPending = (await pendingOf(xuhuiReviewer)).nodes;
    expect(xuhuiPending.length).toBeGreaterThan(0);
    const stale = { ...ref(xuhuiPending[0]), version: xuhuiPending[0].version + 5 };
    expect(await xuhuiReviewer.errorCode(APPROVE, { s: [stale, ...xuhuiPending.slice(1).map(ref)] })).toBe('CONFLICT');
    expect((await pendingOf(xuhuiReviewer)).totalCount).toBe(xuhuiPending.length);
  });
});

describe('the district batch, its documents and vouchers, and the center', () => {
  let batch: { id: string; batchNo: string; version: number; memberCount: number; feeFen: number };
  const handler = { handlerName: '周经办', handlerPhone: '13800138000', handlerEmail: 'zhou@example.com' };

  it('is refused outside the district window, with the dates', async () => {
    const r = await pudongReviewer.request(SUBMIT_BATCH, { input: { year: 2025, ...handler, clientKey: key() } });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'OUTSIDE_WINDOW', open: '2024-12-26', close: '2024-12-31' });
  });

  it('inside the window: handler fields are checked; two submits at once make one batch and a CONFLICT; the submissions freeze', async () => {
    await advanceDays(42); // 2024-12-27
    const bad = (
      await pudongReviewer.ok(SUBMIT_BATCH, { input: { year: 2025, handlerName: ' ', handlerPhone: '12345', handlerEmail: 'nope', clientKey: key() } })
    ).submitDistrictBatch;
    expect(bad.fields.map((f: { field: string }) => f.field).sort()).toEqual(['handlerEmail', 'handlerName', 'handlerPhone']);
    expect(await lujiazuiReviewer.errorCode(SUBMIT_BATCH, { input: { year: 2025, ...handler, clientKey: key() } })).toBe('FORBIDDEN');
    const ready = (await pudongReviewer.ok(READY)).readyList;
    const raced = await Promise.all([1, 2].map(() => pudongReviewer.request(SUBMIT_BATCH, { input: { year: 2025, ...handler, clientKey: key() } })));
    const made = raced.filter((r) => r.data?.submitDistrictBatch?.__typename === 'DistrictBatchSubmitted');
    expect(made).toHaveLength(1);
    expect(raced.filter((r) => r.errors?.[0]?.extensions.code === 'CONFLICT')).toHaveLength(1);
    batch = made[0].data.submitDistrictBatch.batch;
    expect(batch).toMatchObject({ status: 'SUBMITTED', submissionCount: ready.totals.submissions, feeFen: ready.totals.feeFen, handlerPhone: '138****8000' });
    expect(batch.memberCount).toBe(ready.totals.memberCardMembers + ready.totals.socialSecurityMembers);
    expect((await pudongReviewer.ok(READY)).readyList.totalCount).toBe(0);
    // Frozen: no review move reaches it any more.
    const frozen = (await pudongReviewer.ok(READY)).readyList;
    expect(frozen.totalCount).toBe(0);
    const inBatch = (await sql<{ id: number; version: number }>(`select id, version from enrollment_submission where district_batch_id = ?`, [batch.id]))[0];
    expect(await pudongReviewer.errorCode(UNAPPROVE, { s: { id: String(inBatch.id), version: inBatch.version } })).toBe('CONFLICT');
    expect(await pudongReviewer.errorCode(RETURN, { s: [{ id: String(inBatch.id), version: inBatch.version }], reason: 'x' })).toBe('CONFLICT');
    // An empty ready list now.
    const empty = (await pudongReviewer.ok(SUBMIT_BATCH, { input: { year: 2025, ...handler, clientKey: key() } })).submitDistrictBatch;
    expect(empty).toMatchObject({ __typename: 'UserError', code: 'BAD_USER_INPUT' });
  });

  it('downloads the notice (with the center account) and the statistics table, which sums to the batch', async () => {
    const notice = await fetch(`${s.url}/api/district-batches/${batch.id}/notice.pdf`, { headers: { cookie: pudongReviewer.cookie! } });
    expect(notice.status).toBe(200);
    const text = (await readPdf(new Uint8Array(await notice.arrayBuffer()))).pages.join('\n');
    expect(text).toContain('316023-03002745697');
    expect(text).toContain(batch.batchNo);
    // The center changes the year's account (saveProtectionYear): the year keeps the new one, but this batch's
    // notice, already handed to the bank, still prints the account it was submitted with.
    const center = await s.as('center');
    const fields =
      'year coverageStart coverageEnd grassrootsOpen grassrootsClose paymentDeadline adjustmentOpen adjustmentClose districtOpen districtClose planIds version';
    const { version, ...y } = (await center.ok(`{ protectionYears { ${fields} } }`)).protectionYears.find((x: { year: number }) => x.year === 2025);
    const account = { centerAccountName: '上海市职工保障互助中心测试专户', centerAccountNo: '6222-0210-0100-1234', centerBank: '上海银行测试支行' };
    const saved = await center.ok(`mutation($input: ProtectionYearInput!) { saveProtectionYear(input: $input) { __typename } }`, {
      input: { ...y, version, ...account },
    });
    expect(saved.saveProtectionYear.__typename).toBe('ProtectionYearPayload');
    const [stored] = await sql<{ center_account_no: string }>(`select center_account_no from protection_year where id = 2025`);
    expect(stored.center_account_no).toBe(account.centerAccountNo);
    const again = await fetch(`${s.url}/api/district-batches/${batch.id}/notice.pdf`, { headers: { cookie: pudongReviewer.cookie! } });
    const printed = (await readPdf(new Uint8Array(await again.arrayBuffer()))).pages.join('\n');
    expect(printed).toContain('316023-03002745697');
    for (const value of Object.values(account)) expect(printed).not.toContain(value);
    // A batch submitted now (徐汇's ready list: the demo's approved 徐家汇商城) prints the new account.
    const later = (await xuhuiReviewer.ok(SUBMIT_BATCH, { input: { year: 2025, ...handler, clientKey: key() } })).submitDistrictBatch.batch;
    const laterNotice = await fetch(`${s.url}/api/district-batches/${later.id}/notice.pdf`, { headers: { cookie: xuhuiReviewer.cookie! } });
    const laterText = (await readPdf(new Uint8Array(await laterNotice.arrayBuffer()))).pages.join('\n');
    for (const value of Object.values(account)) expect(laterText).toContain(value);
    const xlsx = await fetch(`${s.url}/api/district-batches/${batch.id}/statistics.xlsx`, { headers: { cookie: pudongReviewer.cookie! } });
    expect(xlsx.status).toBe(200);
    const wb = XLSX.read(Buffer.from(await xlsx.arrayBuffer()), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: false });
    const header = rows.findIndex((r) => r.includes('参保人数'));
    const col = rows[header].indexOf('参保人数');
    const feeCol = rows[header].indexOf('保障费用(元)');
    const body = rows.slice(header + 1, -1);
    expect(body.reduce((a, r) => a + Number(r[col]), 0)).toBe(batch.memberCount);
    expect(Math.round(body.reduce((a, r) => a + Number(r[feeCol]) * 100, 0))).toBe(batch.feeFen);
    expect(Number(rows.at(-1)![col])).toBe(batch.memberCount);
    // Another district's reviewer cannot read it.
    expect((await fetch(`${s.url}/api/district-batches/${batch.id}/statistics.xlsx`, { headers: { cookie: xuhuiReviewer.cookie! } })).status).toBe(404);
  });

  const upload = (c: GraphQLClient, bytes: Buffer, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return fetch(`${s.url}/api/district-batches/${batch.id}/vouchers`, { method: 'POST', body: form, headers: { cookie: c.cookie!, 'x-union-upload': '1' } });
  };
  const voucherPng = () => {
    const png = new PNG({ width: 4, height: 4 });
    png.data.fill(200);
    return PNG.sync.write(png);
  };

  it('vouchers: checked by content; an executable named .jpg and an empty file are refused', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(200)]);
    const exe = await upload(pudongReviewer, elf, 'voucher.jpg');
    expect(exe.status).toBe(400);
    expect(((await exe.json()) as { error: { message: string } }).error.message).toContain('PDF');
    expect((await upload(pudongReviewer, Buffer.alloc(0), 'empty.pdf')).status).toBe(400);
    const nothing = (await pudongReviewer.ok(SUBMIT_VOUCHERS, { b: ref(batch) })).submitVouchers;
    expect(nothing).toMatchObject({ __typename: 'UserError', code: 'BAD_USER_INPUT' });
    const ok = await upload(pudongReviewer, voucherPng(), '转账凭证.png');
    expect(ok.status).toBe(201);
    expect(await upload(xuhuiReviewer, voucherPng(), 'x.png').then((r) => r.status)).toBe(404);
    const withFile = (await pudongReviewer.ok(BATCH, { id: batch.id })).districtBatch;
    expect(withFile.vouchers).toHaveLength(1);
    expect(withFile.vouchers[0]).toMatchObject({ fileName: '转账凭证.png', contentType: 'image/png' });
    expect(withFile.vouchersUploadedAt).toBeTruthy();
    const download = await fetch(`${s.url}/api/district-batches/${batch.id}/vouchers/${withFile.vouchers[0].id}`, { headers: { cookie: operator.cookie! } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(voucherPng())).toBe(true);
  });

  it('at most 10 vouchers, also when uploads race: with 9 stored, 3 at once give one 201 and two refusals naming the cap', async () => {
    const stored = async () => (await sql<{ n: number }>(`select count(*)::int as n from district_batch_voucher where district_batch_id = ?`, [batch.id]))[0].n;
    expect(await stored()).toBe(1);
    for (let i = 2; i <= 9; i++) expect((await upload(pudongReviewer, voucherPng(), `凭证${i}.png`)).status).toBe(201);
    expect(await stored()).toBe(9);
    // Made to overlap for sure: the test holds the batch's row lock until all three uploads wait on it.
    const hold = await s.orm.em.getKnex().transaction();
    await hold.raw(`select id from district_batch where id = ? for update`, [batch.id]);
    const racing = ['a', 'b', 'c'].map((x) => upload(pudongReviewer, voucherPng(), `并发${x}.png`));
    const waiting = () =>
      sql<{ n: number }>(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%from district_batch%for update%'`);
    for (let tries = 0; (await waiting())[0].n < 3; tries++) {
      if (tries > 200) throw new Error('the uploads never queued on the batch lock');
      await new Promise((r) => setTimeout(r, 50));
    }
    await hold.commit();
    const raced = await Promise.all(racing);
    expect(raced.map((r) => r.status).sort()).toEqual([201, 400, 400]);
    const refusals = await Promise.all(
      raced.filter((r) => r.status === 400).map(async (r) => ((await r.json()) as { error: { code: string; message: string } }).error),
    );
    expect(refusals).toEqual([
      { code: 'BAD_USER_INPUT', message: '每个批次最多上传 10 个凭证文件' },
      { code: 'BAD_USER_INPUT', message: '每个批次最多上传 10 个凭证文件' },
    ]);
    expect(await stored()).toBe(10);
    expect((await upload(pudongReviewer, voucherPng(), 'eleventh.png')).status).toBe(400);
    expect((await pudongReviewer.ok(BATCH, { id: batch.id })).districtBatch.vouchers).toHaveLength(10);
  });

  it('a wrong voucher is removed before 保存提交; a removal racing 保存提交 loses or wins whole; another district cannot remove', async () => {
    const REMOVE = `mutation($b: DistrictBatchRefInput!, $v: ID!) { removeVoucher(batch: $b, voucherId: $v) {
      __typename ... on DistrictBatchPayload { batch { version vouchers { id } } } ... on ErrorResult { code message } } }`;
    let b = (await pudongReviewer.ok(BATCH, { id: batch.id })).districtBatch;
    const [first, second] = b.vouchers;
    expect(await xuhuiReviewer.errorCode(REMOVE, { b: ref(b), v: first.id })).toBe('NOT_FOUND');
    const removed = (await pudongReviewer.ok(REMOVE, { b: ref(b), v: first.id })).removeVoucher;
    expect(removed.__typename).toBe('DistrictBatchPayload');
    expect(removed.batch.vouchers.map((v: { id: string }) => v.id)).not.toContain(first.id);
    expect(removed.batch.vouchers).toHaveLength(9);
    // The same, again: that file is gone; a stale version is a VersionConflict.
    expect(await pudongReviewer.errorCode(REMOVE, { b: { id: batch.id, version: removed.batch.version }, v: first.id })).toBe('NOT_FOUND');
    expect((await pudongReviewer.ok(REMOVE, { b: ref(b), v: second.id })).removeVoucher.__typename).toBe('VersionConflict');
    // Two removals at once on the same version: one wins, the other is a VersionConflict, one file gone.
    b = (await pudongReviewer.ok(BATCH, { id: batch.id })).districtBatch;
    const raced = await Promise.all([b.vouchers[0], b.vouchers[1]].map((v: { id: string }) => pudongReviewer.ok(REMOVE, { b: ref(b), v: v.id })));
    expect(raced.map((x) => x.removeVoucher.__typename).sort()).toEqual(['DistrictBatchPayload', 'VersionConflict']);
    expect((await pudongReviewer.ok(BATCH, { id: batch.id })).districtBatch.vouchers).toHaveLength(8);
  });

  it('vouchers are submitted once (two at once: one wins, one VersionConflict); no upload after', async () => {
    const withFiles = (await pudongReviewer.ok(BATCH, { id: batch.id })).districtBatch;
    const raced = await Promise.all([1, 2].map(() => pudongReviewer.ok(SUBMIT_VOUCHERS, { b: { id: batch.id, version: withFiles.version } })));
    expect(raced.map((r) => r.submitVouchers.__typename).sort()).toEqual(['DistrictBatchPayload', 'VersionConflict']);
    expect((await upload(pudongReviewer, voucherPng(), 'late.png')).status).toBe(409);
    // Submitted: no file can be taken off any more.
    const submitted = (await pudongReviewer.ok(BATCH, { id: batch.id })).districtBatch;
    const late = await pudongReviewer.ok(
      `mutation($b: DistrictBatchRefInput!, $v: ID!) { removeVoucher(batch: $b, voucherId: $v) { __typename ... on ErrorResult { code } } }`,
      { b: ref(submitted), v: submitted.vouchers[0].id },
    );
    expect(late.removeVoucher).toEqual({ __typename: 'UserError', code: 'CONFLICT' });
  });

  it('the center confirms, then completes once (a second complete at once is a CONFLICT); every member is covered', async () => {
    let b = (await operator.ok(BATCH, { id: batch.id })).districtBatch;
    expect(await operator.errorCode(COMPLETE, { b: ref(b) })).toBe('CONFLICT'); // not confirmed yet
    expect(await pudongReviewer.errorCode(CONFIRM, { b: ref(b) })).toBe('FORBIDDEN');
    const confirmed = (await operator.ok(CONFIRM, { b: ref(b) })).confirmDistrictBatch.batch;
    expect(confirmed.status).toBe('CONFIRMED');
    expect(confirmed.confirmedAt).toBeTruthy();
    b = (await operator.ok(BATCH, { id: batch.id })).districtBatch;
    const raced = await Promise.all([1, 2].map(() => operator.request(COMPLETE, { b: ref(b) })));
    expect(raced.filter((r) => r.data?.completeDistrictBatch?.batch?.status === 'COMPLETED')).toHaveLength(1);
    expect(raced.filter((r) => r.errors?.[0]?.extensions.code === 'CONFLICT')).toHaveLength(1);
    const covered = (await jianlang.ok(COVERAGE)).coverage;
    expect(covered.totalCount).toBe(second.memberCount);
    expect(covered.nodes[0]).toMatchObject({ year: 2025, coverageStart: '2025-01-01', coverageEnd: '2025-12-31' });
    const statuses = await sql<{ status: string }>(`select distinct status from enrollment_submission where district_batch_id = ?`, [batch.id]);
    expect(statuses.map((r) => r.status)).toEqual(['COMPLETED']);
    expect((await operator.ok(BATCH, { id: batch.id })).districtBatch.timeline.map((t: { to: string }) => t.to)).toEqual([
      'SUBMITTED',
      'CONFIRMED',
      'COMPLETED',
    ]);
  });
});

describe('monitoring and deadlines', () => {
  it('the statistics of a subtree and year: the city’s for the center, a district’s own; each sums to the submissions sent to the center', async () => {
    const sheet = async (c: GraphQLClient) => {
      const res = await fetch(`${s.url}/api/enrollment-statistics/2025/statistics.xlsx`, { headers: { cookie: c.cookie! } });
      expect(res.status).toBe(200);
      const wb = XLSX.read(Buffer.from(await res.arrayBuffer()), { type: 'buffer' });
      const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: false });
      const col = rows[0].indexOf('参保人数');
      const body = rows.slice(1, -1);
      expect(Number(rows.at(-1)![col])).toBe(body.reduce((a, r) => a + Number(r[col]), 0));
      return { unions: body.map((r) => r[1]).sort(), members: Number(rows.at(-1)![col]) };
    };
    const sent = (prefix: string) =>
      sql<{ name: string; n: number }>(
        `select o.name, s.member_count as n from enrollment_submission s join organization o on o.id = s.organization_id
          where s.year = 2025 and s.status in ('SUBMITTED_TO_CENTER', 'CONFIRMED', 'COMPLETED') and s.org_path like ? order by o.name`,
        [prefix],
      );
    const city = await sent('/1/%');
    expect(city.length).toBeGreaterThan(1);
    expect(await sheet(operator)).toEqual({ unions: city.map((r) => r.name).sort(), members: city.reduce((a, r) => a + r.n, 0) });
    const pudong = await sent('/1/2/%');
    expect(await sheet(pudongReviewer)).toEqual({ unions: pudong.map((r) => r.name).sort(), members: pudong.reduce((a, r) => a + r.n, 0) });
    expect(pudong.length).toBeLessThan(city.length);
    expect((await fetch(`${s.url}/api/enrollment-statistics/2025/statistics.xlsx`, { headers: { cookie: jianlang.cookie! } })).status).toBe(403);
  });

  it('the monitor equals a recount of the submissions, for the city and a district', async () => {
    for (const [c, username] of [
      [operator, 'center-operator'],
      [xuhuiReviewer, 'xuhui-reviewer'],
    ] as const) {
      const m = (await c.ok(MONITOR)).enrollmentMonitor;
      const [path] = await sql<{ path: string }>(`select o.path from organization o join account a on a.organization_id = o.id where a.username = ?`, [
        username,
      ]);
      const [recount] = await sql<Record<string, number>>(
        `select count(*) filter (where tier = 'GRASSROOTS')::int as unions,
                (select coalesce(sum(member_count), 0)::int from enrollment_submission where org_path like ? and year = 2025 and channel = 'MEMBER_CARD' and status not in ('RETURNED', 'VOID')) as card,
                (select coalesce(sum(member_count::bigint * city_share_fen), 0)::int from enrollment_submission where org_path like ? and year = 2025 and status not in ('RETURNED', 'VOID')) as city,
                (select count(*)::int from enrollment_submission where org_path like ? and year = 2025 and status = 'PENDING_REVIEW') as pending
           from organization where path like ?`,
        [`${path.path}%`, `${path.path}%`, `${path.path}%`, `${path.path}%`],
      );
      expect(m).toMatchObject({ unions: recount.unions, memberCardMembers: recount.card, cityFen: recount.city, pendingSubmissions: recount.pending });
      expect(m.submitted + m.pending + m.returned + m.voided + m.notStarted).toBe(m.unions);
    }
  });

  it('reminds units that have not acted three days before the district window closes, once; after it, voids what was never sent', async () => {
    const contexts = new ContextFactory(s.orm, s.app.services.readDb, createLoaders);
    const run = () => s.app.services.deadlines.run(contexts.forJob(SYSTEM_ACTOR));
    // 徐汇 approves one of its pending submissions and does not submit it: its ready list is not empty.
    const xuhuiPending = (await pendingOf(xuhuiReviewer)).nodes;
    expect((await xuhuiReviewer.ok(APPROVE, { s: [ref(xuhuiPending[0])] })).approveSubmissions.count).toBe(1);
    const pendingBefore = xuhuiPending.length;
    // 2024-12-29: the district window closes in two days.
    await advanceDays(2);
    const closing = await run();
    expect(closing.voided).toBe(0);
    expect(closing.reminded).toBeGreaterThan(0);
    expect((await xuhuiReviewer.ok(MESSAGES)).messages.nodes[0].text).toContain('2024-12-31');
    expect((await run()).reminded).toBe(0); // once
    // 2025-01-01: the window has closed; what never went to the center is void, its union told.
    await advanceDays(3);
    const after = await run();
    expect(after.voided).toBeGreaterThanOrEqual(pendingBefore);
    expect((await pendingOf(xuhuiReviewer)).totalCount).toBe(0);
    const xuhuiGr2 = await s.as('xuhui-gr2');
    expect((await xuhuiGr2.ok(MESSAGES)).messages.nodes.map((m: { text: string }) => m.text).join('\n')).toContain('即时参保');
    expect((await run()).voided).toBe(0); // safe to run again
    const [v] = await sql<{ n: number }>(
      `select count(*)::int as n from enrollment_member em join enrollment_submission s on s.id = em.submission_id where s.status = 'VOID' and em.holding`,
    );
    expect(v.n).toBe(0);
  });
});
