// The December campaign at scale (issue 12): a district of 2,000 grassroots unions, each with one pending
// member-card submission of 250 members for 2025 (500,000 members in all). Through GraphQL as the district's
// reviewer, on 2024-12-27 (inside the district window; reviews have none): the review queue's first page and
// the monitor (each < 50 ms median), approveSubmissions of all 2,000 in one call (reported), submitDistrictBatch
// of the whole ready list (< 10 s, and at most 3 x one hand-written set-based SQL doing the same work, timed in
// the same run on the same database, then rolled back), and the batch's statistics table over HTTP
// (<= 2 x a bare SheetJS write of 2,000 rows of 12 text columns).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import pg from 'pg';
import { report } from './lib/report.js';
import { root, freePort, gql, login, startServer, stats, stop } from './lib/server.js';

const UNIONS = Number(process.env.BENCH_CAMPAIGN_UNIONS ?? 2_000);
const PER_UNION = Number(process.env.BENCH_CAMPAIGN_PER_UNION ?? 250);
const XLSX_RUNS = 7;
const { startEmbeddedPostgres } = await import(path.join(root, 'server/dist/db/embedded-postgres.js'));

async function median(url, cookie, query, variables, runs = 15) {
  await gql(url, cookie, query, variables); // warm
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await gql(url, cookie, query, variables);
    samples.push(performance.now() - t);
  }
  return stats(samples).p50;
}

/** The statistics table over HTTP: its time and size (throws unless it is an xlsx of the batch's rows). */
async function fetchStatistics(url, cookie, batchId) {
  const t = performance.now();
  const res = await fetch(`${url}/api/district-batches/${batchId}/statistics.xlsx`, { headers: { cookie } });
  const body = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`statistics.xlsx: ${res.status} ${body.toString('utf8', 0, 500)}`);
  return { ms, body };
}

/** SheetJS alone: 2,000 rows of 12 text columns (a header row and a totals row), dense, compressed. */
function bareWrite(aoa) {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa, { dense: true }), 'S');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bench-campaign-'));
const pgdb = await startEmbeddedPostgres(path.join(tmp, 'pg'));
try {
  // Started on 2024-12-27 from the beginning: inside 2025's district window, and reviews have no window.
  const server = await startServer(path.join(tmp, 'data'), freePort(), { DATABASE_URL: pgdb.url, APP_TODAY: '2024-12-27' });
  const db = new pg.Client({ connectionString: pgdb.url });
  await db.connect();
  try {
    const t0 = performance.now();
    // A district of its own under the center, its reviewer, and its grassroots unions.
    const [center] = (await db.query(`select id, path from organization where tier = 'CENTER' order by id limit 1`)).rows;
    const [district] = (
      await db.query(
        `insert into organization (id, name, tier, parent_id, path, credit_code, created_at)
         select n, '基准集中参保区总工会', 'DISTRICT', $1, $2 || n || '/', null, now() from (select nextval('organization_id_seq')::int as n) s returning id, path`,
        [center.id, center.path],
      )
    ).rows;
    const [reviewer] = (
      await db.query(
        `insert into account (username, display_name, role, organization_id, org_path, password_hash, must_change_password, disabled, created_at, version)
         select 'bench-district', '基准区审核员', 'REVIEWER', $1, $2, password_hash, false, false, now(), 1 from account where username = 'pudong-reviewer'
         returning id`,
        [district.id, district.path],
      )
    ).rows;
    await db.query(
      `insert into organization (id, name, tier, parent_id, path, credit_code, created_at)
       select n, '基准基层工会' || k, 'GRASSROOTS', $1, $2 || n || '/', '92310000' || lpad(k::text, 9, '0') || 'X', now()
         from (select k, nextval('organization_id_seq')::int as n from generate_series(1, $3) k) s`,
      [district.id, district.path, UNIONS],
    );
    // PER_UNION members each (the member insert of enrollment.js), numbered across the district.
    await db.query(
      `insert into member (org_path, organization_id, member_no, name, gender, birth_date, id_type, id_number_sealed, id_number_index, id_number_masked,
                           category, joined_at, created_at, updated_at)
       select u.path, u.id, 'C' || lpad(g::text, 11, '0'), '参保' || g, 'MALE', date '1990-01-01' + (g % 3000), 'RESIDENT_ID', 'sealed', md5('campaign-' || g),
              '3101 **** **** ' || lpad((g % 10000)::text, 4, '0'), 'IN_ENTERPRISE', '2020-01-01', now(), now()
         from (select id, path, row_number() over (order by id) - 1 as k from organization where parent_id = $1) u
         cross join lateral (select (u.k * $2 + j)::int as g from generate_series(1, $2::int) j) s`,
      [district.id, PER_UNION],
    );
    const [plan] = (await db.query(`select id from protection_plan limit 1`)).rows;
    await db.query(
      `insert into enrollment_submission (org_path, organization_id, year, channel, plan_id, batch_no, status, member_count, fee_fen, city_share_fen,
                                          district_share_fen, grassroots_share_fen, client_key, submitted_by, submitted_at, updated_at, version)
       select o.path, o.id, 2025, 'MEMBER_CARD', $2, 'JB2025' || lpad(o.id::text, 6, '0'), 'PENDING_REVIEW', $3, 2600, 1300, 1300, 0,
              'bench-campaign-' || o.id, $4, timestamptz '2024-12-20 09:00+08' + (o.id % 1000) * interval '1 minute', now(), 1
         from organization o where o.parent_id = $1 order by o.id`,
      [district.id, plan.id, PER_UNION, reviewer.id],
    );
    await db.query(
      `insert into enrollment_member (org_path, submission_id, organization_id, member_id, year, channel, holding)
       select m.org_path, s.id, m.organization_id, m.id, 2025, 'MEMBER_CARD', true
         from enrollment_submission s join member m on m.organization_id = s.organization_id
        where s.org_path like $1 and s.year = 2025`,
      [`${district.path}%`],
    );
    await db.query('vacuum analyze');
    const generatedMs = performance.now() - t0;
    const [{ members, enrolled }] = (
      await db.query(
        `select (select count(*) from member where org_path like $1)::int as members, (select count(*) from enrollment_member where org_path like $1)::int as enrolled`,
        [`${district.path}%`],
      )
    ).rows;
    if (members !== UNIONS * PER_UNION || enrolled !== members) throw new Error(`generated ${members} members, ${enrolled} enrolled`);

    const cookie = await login(server.url, 'bench-district');

    // (1) the review queue's first page, (2) the monitor.
    const firstPage = await gql(server.url, cookie, `{ pendingSubmissions(year: 2025, pageSize: 20) { totalCount nodes { id } } }`);
    const pendingCount = firstPage.body.data.pendingSubmissions.totalCount;
    if (pendingCount !== UNIONS) throw new Error(`pendingSubmissions totalCount ${pendingCount}`);
    const pageMs = await median(
      server.url,
      cookie,
      `{ pendingSubmissions(year: 2025, pageSize: 20) { totalCount pageInfo { page } nodes { id batchNo memberCount feeFen submittedAt version status organization { id name } } } }`,
    );
    const monitorQuery = `{ enrollmentMonitor(year: 2025) { unions pending pendingSubmissions submitted memberCardMembers cityFen districtFen grassrootsFen } }`;
    const monitorMs = await median(server.url, cookie, monitorQuery);

    // (3) approve all of them in one call, as read from the table.
    const refs = (
      await db.query(
        `select id::text as id, version from enrollment_submission where org_path like $1 and year = 2025 and status = 'PENDING_REVIEW' order by id`,
        [`${district.path}%`],
      )
    ).rows;
    const a0 = performance.now();
    const approved = await gql(
      server.url,
      cookie,
      `mutation($input: ApproveSubmissionsInput!) { approveSubmissions(input: $input) { __typename ... on SubmissionsReviewed { count } ... on ErrorResult { code message } } }`,
      { input: { submissions: refs } },
    );
    const approveMs = performance.now() - a0;
    if (approved.body.data.approveSubmissions.count !== UNIONS) throw new Error(`approved ${JSON.stringify(approved.body.data)}`);
    const monitorAfter = (await gql(server.url, cookie, monitorQuery)).body.data.enrollmentMonitor;

    // (4) The same work by hand, rolled back: one batch row with totals from one aggregate, every approved
    // submission moved into it, and a state change per submission.
    await db.query('begin');
    const h0 = performance.now();
    const hand = await db.query(
      `with t as (
         select count(*)::int as n,
                coalesce(sum(member_count) filter (where channel = 'MEMBER_CARD'), 0)::int as mc,
                coalesce(sum(member_count) filter (where channel = 'SOCIAL_SECURITY_CARD'), 0)::int as ss,
                coalesce(sum(member_count::bigint * fee_fen), 0) as fee, coalesce(sum(member_count::bigint * city_share_fen), 0) as city,
                coalesce(sum(member_count::bigint * district_share_fen), 0) as district, coalesce(sum(member_count::bigint * grassroots_share_fen), 0) as grassroots
           from enrollment_submission where org_path like $1 and year = 2025 and status = 'APPROVED'),
       b as (
         insert into district_batch (org_path, organization_id, year, batch_no, status, submission_count, member_card_members, social_security_members,
                                     fee_fen, city_fen, district_fen, grassroots_fen, handler_name, handler_phone, handler_email, center_account_name,
                                     center_account_no, center_bank, client_key, submitted_by, submitted_at, updated_at)
         select $2, $3, 2025, 'HAND' || $3::int, 'SUBMITTED', n, mc, ss, fee, city, district, grassroots, '基准经办人', '13800138000', 'bench@example.com',
                y.center_account_name, y.center_account_no, y.center_bank, 'hand', $4, now(), now() from t, protection_year y where y.id = 2025
         returning id),
       u as (
         update enrollment_submission s set status = 'SUBMITTED_TO_CENTER', district_batch_id = b.id, updated_at = now(), version = s.version + 1
           from b where s.org_path like $1 and s.year = 2025 and s.status = 'APPROVED'
         returning s.id, s.org_path)
       insert into state_change (org_path, subject_type, subject_id, from_state, to_state, event, actor_account_id, actor_username, at, reason)
       select u.org_path, 'EnrollmentSubmission', u.id::text, 'APPROVED', 'SUBMITTED_TO_CENTER', 'SUBMIT_TO_CENTER', $4, 'bench-district', now(), null from u`,
      [`${district.path}%`, district.path, district.id, reviewer.id],
    );
    const handMs = performance.now() - h0;
    await db.query('rollback');
    if (hand.rowCount !== UNIONS) throw new Error(`hand-written batch moved ${hand.rowCount}`);

    const s0 = performance.now();
    const submitted = await gql(
      server.url,
      cookie,
      `mutation($input: SubmitDistrictBatchInput!) { submitDistrictBatch(input: $input) { __typename
         ... on DistrictBatchSubmitted { batch { id batchNo submissionCount memberCardMembers feeFen } } ... on ErrorResult { code message } } }`,
      {
        input: { year: 2025, handlerName: '基准经办人', handlerPhone: '13800138000', handlerEmail: 'bench@example.com', clientKey: 'bench-campaign-batch-1' },
      },
    );
    const submitMs = performance.now() - s0;
    const batch = submitted.body.data.submitDistrictBatch.batch;
    if (batch?.submissionCount !== UNIONS) throw new Error(`submitted ${JSON.stringify(submitted.body.data)}`);

    // (5) The statistics table over HTTP (a DB read of the batch's rows + the workbook) against SheetJS alone.
    const first = await fetchStatistics(server.url, cookie, batch.id); // warm
    const sheet = XLSX.read(first.body, { type: 'buffer', dense: true });
    const read = XLSX.utils.sheet_to_json(sheet.Sheets[sheet.SheetNames[0]], { header: 1, defval: null });
    if (read.length < UNIONS) throw new Error(`statistics.xlsx has ${read.length} rows`);
    const aoa = Array.from({ length: UNIONS + 2 }, (_, i) =>
      Array.from({ length: 12 }, (_, c) => (i === 0 ? `列${c + 1}` : `基准基层工会${i}·${c}·${(i * 2600 + c).toFixed(2)}`)),
    );
    bareWrite(aoa); // warm
    const httpMs = [];
    const bareMs = [];
    for (let i = 0; i < XLSX_RUNS; i++) {
      httpMs.push((await fetchStatistics(server.url, cookie, batch.id)).ms);
      const b0 = performance.now();
      bareWrite(aoa);
      bareMs.push(performance.now() - b0);
    }
    const statisticsMs = stats(httpMs).p50;
    const bareP50 = stats(bareMs).p50;

    console.log(
      `${UNIONS} unions x ${PER_UNION} members; monitor after approval: ${JSON.stringify(monitorAfter)}; batch ${batch.batchNo}: ${batch.submissionCount} submissions, ` +
        `${batch.memberCardMembers} members, fee ${batch.feeFen} fen. The statistics.xlsx time is the whole HTTP request (session, a DB read of the ` +
        `batch's ${UNIONS} rows joined to unions and plans, the workbook, the response), the bare write SheetJS alone on 12 text columns x ${UNIONS} rows.`,
    );
    report('campaign', [
      { measure: `unions (${UNIONS}), members (${members}), submissions and enrollments generated, s`, value: (generatedMs / 1000).toFixed(1), target: '' },
      { measure: 'pendingSubmissions first page (20), median ms', value: pageMs.toFixed(1), target: '< 50', pass: pageMs < 50 },
      { measure: 'enrollmentMonitor, median ms', value: monitorMs.toFixed(1), target: '< 50', pass: monitorMs < 50 },
      { measure: `approveSubmissions of all ${UNIONS} in one call, ms`, value: approveMs.toFixed(0), target: '' },
      { measure: `submitDistrictBatch of ${UNIONS} (${members} members), ms`, value: submitMs.toFixed(0), target: '< 10000', pass: submitMs < 10_000 },
      { measure: `hand-written set-based batch of ${hand.rowCount}, ms`, value: handMs.toFixed(0), target: '' },
      { measure: 'submit / hand-written', value: (submitMs / handMs).toFixed(2), target: '<= 3', pass: submitMs / handMs <= 3 },
      { measure: `statistics.xlsx over HTTP (${UNIONS} rows, incl. DB read), median ms`, value: statisticsMs.toFixed(1), target: '' },
      { measure: `bare SheetJS write (12 text cols x ${UNIONS} rows), median ms`, value: bareP50.toFixed(1), target: '' },
      { measure: 'statistics.xlsx / bare', value: (statisticsMs / bareP50).toFixed(2), target: '<= 2', pass: statisticsMs / bareP50 <= 2 },
    ]);
  } finally {
    await db.end();
    await stop(server.child);
  }
} finally {
  await pgdb.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
