// Enrollment at scale (issue 11): one grassroots union of 50,000 eligible card holders, inside 2025's
// grassroots window. Through GraphQL as its clerk: enrollmentOverview and the candidate list's first page
// (each < 50 ms median), and submitEnrollment of all 50,000 (< 1 s, and at most 3 x one hand-written
// INSERT … SELECT of the same rows, timed in the same run on the same database, then rolled back).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { report } from './lib/report.js';
import { root, freePort, gql, login, startServer, stats, stop } from './lib/server.js';

const MEMBERS = Number(process.env.BENCH_ENROLL_MEMBERS ?? 50_000);
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

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bench-enrollment-'));
const pgdb = await startEmbeddedPostgres(path.join(tmp, 'pg'));
try {
  const server = await startServer(path.join(tmp, 'data'), freePort(), { DATABASE_URL: pgdb.url, APP_TODAY: '2024-11-15' });
  const db = new pg.Client({ connectionString: pgdb.url });
  await db.connect();
  try {
    // A union of its own under 浦东, its members all active card holders born in 1990 (eligible in 2025).
    const [district] = (await db.query(`select id, path from organization where tier = 'DISTRICT' order by id limit 1`)).rows;
    const [union] = (
      await db.query(
        `insert into organization (id, name, tier, parent_id, path, credit_code, created_at)
         select n, '基准参保工会', 'GRASSROOTS', $1, $2 || n || '/', null, now() from (select nextval('organization_id_seq')::int as n) s returning id, path`,
        [district.id, district.path],
      )
    ).rows;
    await db.query(
      `insert into account (username, display_name, role, organization_id, org_path, password_hash, must_change_password, disabled, created_at, version)
       select 'bench-clerk', '基准经办', 'CLERK', $1, $2, password_hash, false, false, now(), 1 from account where username = 'jianlang'`,
      [union.id, union.path],
    );
    const t0 = performance.now();
    await db.query(
      `insert into member (org_path, organization_id, member_no, name, gender, birth_date, id_type, id_number_sealed, id_number_index, id_number_masked,
                           category, joined_at, created_at, updated_at)
       select $1, $2, 'P' || lpad(g::text, 11, '0'), '参保' || g, 'MALE', date '1990-01-01' + (g % 3000), 'RESIDENT_ID', 'sealed', md5('enroll-' || g),
              '3101 **** **** ' || lpad((g % 10000)::text, 4, '0'), 'IN_ENTERPRISE', '2020-01-01', now(), now()
         from generate_series(1, $3) g`,
      [union.path, union.id, MEMBERS],
    );
    await db.query(
      `insert into member_card (org_path, member_id, batch_id, card_number_sealed, card_number_index, card_number_masked, status, issued_on)
       select m.org_path, m.id, 0, 'sealed', md5('card-' || m.id), '6231 **** **** ' || lpad((m.id % 10000)::text, 4, '0'), 'ACTIVE', '2024-06-01'
         from member m where m.organization_id = $1`,
      [union.id],
    );
    await db.query('vacuum analyze');
    const generatedMs = performance.now() - t0;

    const cookie = await login(server.url, 'bench-clerk');
    const overviewMs = await median(server.url, cookie, `{ enrollmentOverview(year: 2025) { eligibleMemberCard version } }`);
    // The first view after a change to the roll counts the union again (later views read the stored figures).
    const recounts = [];
    for (let i = 0; i < 5; i++) {
      await db.query(`update member set life_status_date = null, needs_confirmation = $2 where id = (select min(id) from member where organization_id = $1)`, [
        union.id,
        i % 2 === 0,
      ]);
      const t = performance.now();
      await gql(server.url, cookie, `{ enrollmentOverview(year: 2025) { eligibleMemberCard version } }`);
      recounts.push(performance.now() - t);
    }
    await db.query(`update member set needs_confirmation = false where organization_id = $1`, [union.id]);
    const recountMs = stats(recounts).p50;
    const { eligibleMemberCard } = (await gql(server.url, cookie, `{ enrollmentOverview(year: 2025) { eligibleMemberCard } }`)).body.data.enrollmentOverview;
    const pageMs = await median(
      server.url,
      cookie,
      `{ enrollmentCandidates(year: 2025, channel: MEMBER_CARD, filter: ELIGIBLE, pageSize: 20) { totalCount nodes { member { id name } reasons flags } } }`,
    );

    // The same rows by hand: one INSERT … SELECT of the union's card holders, rolled back.
    await db.query('begin');
    const h0 = performance.now();
    const hand = await db.query(
      `insert into enrollment_member (org_path, submission_id, organization_id, member_id, year, channel, holding)
       select m.org_path, 0, m.organization_id, m.id, 2025, 'MEMBER_CARD', true from member m
        where m.organization_id = $1 and exists (select 1 from member_card c where c.member_id = m.id and c.status = 'ACTIVE')`,
      [union.id],
    );
    const handMs = performance.now() - h0;
    await db.query('rollback');

    const s0 = performance.now();
    const submitted = await gql(
      server.url,
      cookie,
      `mutation($input: SubmitEnrollmentInput!) { submitEnrollment(input: $input) { __typename ... on EnrollmentSubmitted { submission { memberCount } } ... on ErrorResult { code message } } }`,
      { input: { year: 2025, channel: 'MEMBER_CARD', planId: '1', version: 0, clientKey: 'bench-submit-1' } },
    );
    const submitMs = performance.now() - s0;
    const count = submitted.body.data.submitEnrollment.submission?.memberCount;
    if (count !== MEMBERS) throw new Error(`submitted ${JSON.stringify(submitted.body.data)}`);

    report('enrollment', [
      { measure: `members (${MEMBERS}) with cards generated, s`, value: (generatedMs / 1000).toFixed(1), target: '' },
      { measure: 'eligible through the member-card channel', value: eligibleMemberCard, target: '' },
      { measure: 'enrollmentOverview, median ms', value: overviewMs.toFixed(1), target: '< 50', pass: overviewMs < 50 },
      { measure: 'enrollmentOverview, first view after a change (recount), median ms', value: recountMs.toFixed(1), target: '' },
      { measure: 'candidates first page (ELIGIBLE, 20), median ms', value: pageMs.toFixed(1), target: '< 50', pass: pageMs < 50 },
      { measure: `submitEnrollment of all ${count}, ms`, value: submitMs.toFixed(0), target: '< 1000', pass: submitMs < 1000 },
      { measure: `hand-written INSERT … SELECT of ${hand.rowCount}, ms`, value: handMs.toFixed(0), target: '' },
      { measure: 'submit / hand-written', value: (submitMs / handMs).toFixed(2), target: '<= 3', pass: submitMs / handMs <= 3 },
    ]);
  } finally {
    await db.end();
    await stop(server.child);
  }
} finally {
  await pgdb.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
