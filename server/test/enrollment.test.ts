import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';
import type { GraphQLClient } from './support/graphql-client.js';
import { EnrollmentChannel, enrollmentEligibility } from '../src/domain/enrollment-eligibility.js';
import type { FemalePostType, Gender, LifeStatus } from '../src/domain/member-category.js';
import type { IdType } from '../src/domain/id-document.js';
import { readPdf } from '../src/documents/pdf-text.js';

/**
 * 集中参保办理, the grassroots side (SPEC §8): the overview, each channel's candidates with every reason,
 * the SQL held to the domain rule member by member, and submissions: idempotent, one plan a year,
 * refused whole when a chosen member is not eligible, one winner when two clerks submit at once.
 */
const OVERVIEW = `query($year: Int!) { enrollmentOverview(year: $year) {
  totalMembers withCard withoutCard submitted retired deceased pendingConfirmation eligibleMemberCard eligibleSocialSecurityCard retiringDuringCoverage planId batchNo version } }`;
const CANDIDATES = `query($year: Int!, $channel: EnrollmentChannel!, $filter: CandidateFilter, $page: Int) {
  enrollmentCandidates(year: $year, channel: $channel, filter: $filter, page: $page, pageSize: 100) { totalCount nodes { member { id name } eligible reasons flags } } }`;
const SUBMIT = `mutation($input: SubmitEnrollmentInput!) { submitEnrollment(input: $input) {
  __typename
  ... on EnrollmentSubmitted { submission { id batchNo memberCount status channel feeFen cityShareFen districtShareFen grassrootsShareFen } }
  ... on EnrollmentRefused { code message members { memberId name reasons } }
  ... on ErrorResult { code message } } }`;

type Overview = Record<string, number | string | null>;
type Node = { member: { id: string; name: string }; eligible: boolean; reasons: string[]; flags: string[] };

let s: TestServer;
let jianlang: GraphQLClient;
let key = 0;
const clientKey = () => `test-key-${Date.now()}-${key++}`;
const sql = <T>(text: string, params: unknown[] = []) => s.orm.em.getConnection().execute<T[]>(text, params);

async function candidates(c: GraphQLClient, channel: EnrollmentChannel, filter = 'ALL'): Promise<{ totalCount: number; nodes: Node[] }> {
  return (await c.ok<{ enrollmentCandidates: { totalCount: number; nodes: Node[] } }>(CANDIDATES, { year: 2025, channel, filter })).enrollmentCandidates;
}
/** 建朗's path, quoted (the demo city has submissions of other unions). */
const jianlangPath = async () => `'${(await sql<{ org_path: string }>(`select org_path from account where username = 'jianlang'`))[0].org_path}'`;
const overview = async (c: GraphQLClient) => (await c.ok<{ enrollmentOverview: Overview }>(OVERVIEW, { year: 2025 })).enrollmentOverview;

beforeAll(async () => {
  // Inside 2025's grassroots window (2024-10-08..2024-12-25).
  s = await startTestServer({ APP_TODAY: '2024-11-15' });
  jianlang = await s.as('jianlang');
  // Members of every kind the rule tells apart: retired on the roll before and during coverage, deceased,
  // born to retire before or during 2025, a passport holder, one to confirm.
  const [union] = await sql<{ id: number; path: string }>(
    `select o.id, o.path from organization o join account a on a.organization_id = o.id where a.username = 'jianlang'`,
  );
  const kinds: [string, string, string | null, string, string | null, string, string | null, boolean][] = [
    // name, life, life date, gender, birth, id type, female post, needs confirmation
    ['甲退休', 'RETIRED', '2023-05-01', 'MALE', '1962-01-10', 'RESIDENT_ID', null, false],
    ['乙退休中', 'RETIRED', '2025-03-01', 'FEMALE', '1975-02-01', 'RESIDENT_ID', 'WORKER', false],
    ['丙身故', 'DECEASED', '2024-02-02', 'MALE', '1980-01-01', 'RESIDENT_ID', null, false],
    ['丁将退', 'ACTIVE', null, 'MALE', '1964-11-20', 'RESIDENT_ID', null, false],
    ['戊年内退', 'ACTIVE', null, 'MALE', '1965-05-20', 'RESIDENT_ID', null, false],
    ['己护照', 'ACTIVE', null, 'FEMALE', '1990-01-01', 'PASSPORT', 'CADRE', false],
    ['庚待确认', 'ACTIVE', null, 'MALE', '1988-08-08', 'RESIDENT_ID', null, true],
  ];
  for (const [i, [name, life, lifeDate, gender, birth, idType, post, confirm]] of kinds.entries()) {
    await sql(
      `insert into member (org_path, organization_id, member_no, name, gender, birth_date, id_type, id_number_sealed, id_number_index, id_number_masked,
                           category, life_status, life_status_date, female_post_type, needs_confirmation, joined_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, 'sealed', ?, '3101 **** **** 00${i}0', 'IN_ENTERPRISE', ?, ?, ?, ?, '2020-01-01', now(), now())`,
      [union.path, union.id, `E${String(i).padStart(11, '0')}`, name, gender, birth, idType, `enroll-test-${i}`, life, lifeDate, post, confirm],
    );
  }
});
afterAll(() => s?.close());

describe('the enrollment screen', () => {
  it('counts as the candidates list: eligible per channel, with card and without, retired, deceased, to confirm', async () => {
    const o = await overview(jianlang);
    const card = await candidates(jianlang, EnrollmentChannel.MEMBER_CARD);
    const social = await candidates(jianlang, EnrollmentChannel.SOCIAL_SECURITY_CARD);
    expect(o.totalMembers).toBe(card.totalCount);
    expect(o.eligibleMemberCard).toBe(card.nodes.filter((n) => n.eligible).length);
    expect(o.eligibleSocialSecurityCard).toBe(social.nodes.filter((n) => n.eligible).length);
    expect(o.withCard).toBe(social.nodes.filter((n) => n.reasons.includes('HAS_CARD')).length);
    expect(o.withoutCard).toBe(card.nodes.filter((n) => n.reasons.includes('NO_CARD')).length);
    expect(o.retired).toBe(card.nodes.filter((n) => n.reasons.includes('RETIRED')).length);
    expect(o.deceased).toBe(card.nodes.filter((n) => n.reasons.includes('DECEASED')).length);
    expect(o.pendingConfirmation).toBe(card.nodes.filter((n) => n.reasons.includes('PENDING_CONFIRMATION')).length);
    expect(o.eligibleMemberCard).toBeGreaterThan(0);
    expect(o).toMatchObject({ submitted: 0, planId: null, version: 0 });
    const byName = new Map(card.nodes.map((n) => [n.member.name, n]));
    expect(byName.get('甲退休')!.reasons).toEqual(['RETIRED', 'NO_CARD']);
    expect(byName.get('乙退休中')!.flags).toEqual(['RETIRES_DURING_COVERAGE']);
    expect(byName.get('丙身故')!.reasons).toEqual(['DECEASED', 'NO_CARD']);
    expect(byName.get('丁将退')).toMatchObject({ reasons: ['RETIRED', 'NO_CARD'], flags: ['RETIREMENT_PREDICTED'] });
    expect(byName.get('戊年内退')!.flags).toEqual(['RETIRES_DURING_COVERAGE']);
    expect(byName.get('庚待确认')!.reasons).toEqual(['NO_CARD', 'PENDING_CONFIRMATION']);
    const passport = (await candidates(jianlang, EnrollmentChannel.SOCIAL_SECURITY_CARD)).nodes.find((n) => n.member.name === '己护照')!;
    expect(passport.reasons).toEqual(['NO_RESIDENT_ID']);
  });

  it('the SQL says what the domain rule says, for every member of the union and both channels', async () => {
    const rows = await sql<{
      id: number;
      life_status: LifeStatus;
      life_status_date: string | null;
      birth_date: string | null;
      gender: Gender;
      female_post_type: FemalePostType | null;
      id_type: IdType;
      needs_confirmation: boolean;
      has_card: boolean;
    }>(
      `select m.id, m.life_status, to_char(m.life_status_date, 'YYYY-MM-DD') as life_status_date, to_char(m.birth_date, 'YYYY-MM-DD') as birth_date,
              m.gender, m.female_post_type, m.id_type, m.needs_confirmation,
              exists (select 1 from member_card c where c.member_id = m.id and c.status = 'ACTIVE') as has_card
         from member m join account a on a.organization_id = m.organization_id where a.username = 'jianlang'`,
    );
    for (const channel of [EnrollmentChannel.MEMBER_CARD, EnrollmentChannel.SOCIAL_SECURITY_CARD]) {
      const byId = new Map((await candidates(jianlang, channel)).nodes.map((n) => [Number(n.member.id), n]));
      expect(byId.size).toBe(rows.length);
      for (const r of rows) {
        const want = enrollmentEligibility(
          {
            lifeStatus: r.life_status,
            lifeStatusDate: r.life_status_date,
            birthDate: r.birth_date,
            gender: r.gender,
            femalePostType: r.female_post_type,
            idType: r.id_type,
            hasActiveCard: r.has_card,
            needsConfirmation: r.needs_confirmation,
            confirmed: false,
            alreadyEnrolled: false,
            enrolledInOtherUnion: false,
          },
          channel,
          { start: '2025-01-01', end: '2025-12-31' },
        );
        const got = byId.get(r.id)!;
        expect({ id: r.id, reasons: got.reasons, flags: got.flags }).toEqual({ id: r.id, reasons: want.reasons, flags: want.flags });
      }
    }
  });

  it('keeps its figures while the roll is unchanged, and follows every change the rule can see (each equal to a recount)', async () => {
    const stampOf = async () =>
      (
        await sql<{ stamp: string }>(
          `select f.stamp from enrollment_figures f join account a on a.organization_id = f.organization_id where a.username = 'jianlang'`,
        )
      )[0]?.stamp;
    const recount = async () => {
      await sql('delete from enrollment_figures');
      return overview(jianlang);
    };
    const [union] = await sql<{ id: number; path: string }>(
      `select o.id, o.path from organization o join account a on a.organization_id = o.id where a.username = 'jianlang'`,
    );
    const [other] = await sql<{ id: number; path: string }>(
      `select o.id, o.path from organization o join account a on a.organization_id = o.id where a.username = 'xuhui-gr1'`,
    );
    const before = await overview(jianlang);
    const stored = await stampOf();
    expect(stored).toBeDefined();
    // Stored, so the same figures without a count: the stamp stays what it was.
    await sql(`update enrollment_figures set figures = figures || '{"deceased": 99}' where organization_id = ?`, [union.id]);
    expect((await overview(jianlang)).deceased).toBe(99);
    expect(await recount()).toEqual(before);

    const [{ id }] = await sql<{ id: number }>(
      `insert into member (org_path, organization_id, member_no, name, gender, birth_date, id_type, id_number_sealed, id_number_index, id_number_masked,
                           category, joined_at, created_at, updated_at)
       values (?, ?, 'E99000000001', '辛变化', 'MALE', '1990-01-01', 'RESIDENT_ID', 'sealed', 'enroll-figures', '3101 **** **** 0990', 'IN_ENTERPRISE', '2020-01-01', now(), now())
       returning id`,
      [union.path, union.id],
    );
    const steps: [string, string, Partial<Overview>][] = [
      ['a member joins', `select 1`, { totalMembers: +before.totalMembers! + 1, withoutCard: +before.withoutCard! + 1 }],
      [
        'gets a card',
        `insert into member_card (org_path, member_id, batch_id, card_number_sealed, card_number_index, card_number_masked, status, issued_on)
         values ('${union.path}', ${id}, 0, 'sealed', 'figures-card', '6231 **** **** 0990', 'ACTIVE', '2024-06-01')`,
        { withCard: +before.withCard! + 1, eligibleMemberCard: +before.eligibleMemberCard! + 1 },
      ],
      [
        'the card is revoked',
        `update member_card set status = 'REVOKED' where member_id = ${id}`,
        { withCard: before.withCard, withoutCard: +before.withoutCard! + 1 },
      ],
      ['is marked 待确认', `update member set needs_confirmation = true where id = ${id}`, { pendingConfirmation: +before.pendingConfirmation! + 1 }],
      [
        'is confirmed',
        `insert into enrollment_confirmation (org_path, member_id, year, confirmed_by, confirmed_at) values ('${union.path}', ${id}, 2025, 0, now())`,
        { pendingConfirmation: before.pendingConfirmation },
      ],
      ['dies', `update member set life_status = 'DECEASED', life_status_date = '2024-11-01' where id = ${id}`, { deceased: +before.deceased! + 1 }],
      [
        'moves to another union',
        `update member set organization_id = ${other.id}, org_path = '${other.path}' where id = ${id}`,
        { totalMembers: before.totalMembers, deceased: before.deceased },
      ],
    ];
    for (const [what, change, expected] of steps) {
      const stamp = await stampOf();
      await sql(change);
      const o = await overview(jianlang);
      expect(o, what).toMatchObject(expected);
      expect(await recount(), what).toEqual(o);
      if (change !== 'select 1') expect(await stampOf(), what).not.toBe(stamp);
    }
    await sql('delete from enrollment_confirmation where member_id = ?', [id]);
    await sql('delete from member_card where member_id = ?', [id]);
    await sql('delete from member where id = ?', [id]);
    expect(await overview(jianlang)).toEqual(before);
  });
});

describe('the confirmation list (集中参保待确认名单)', () => {
  const CONFIRM = `mutation($input: ConfirmMembersInput!) { confirmMembers(input: $input) { __typename ... on MembersConfirmed { confirmed } ... on ErrorResult { code message } } }`;

  it('a card holder flagged 人保状态待确认 joins the list once confirmed, however many clicks at once', async () => {
    const holder = (await candidates(jianlang, EnrollmentChannel.MEMBER_CARD, 'ELIGIBLE')).nodes[0];
    await sql('update member set needs_confirmation = true where id = ?', [Number(holder.member.id)]);
    const flagged = (await candidates(jianlang, EnrollmentChannel.MEMBER_CARD)).nodes.find((n) => n.member.id === holder.member.id)!;
    expect(flagged.reasons).toEqual(['PENDING_CONFIRMATION']);
    const answers = await Promise.all(
      [1, 2].map(() => jianlang.ok<{ confirmMembers: { confirmed: number } }>(CONFIRM, { input: { year: 2025, memberIds: [holder.member.id] } })),
    );
    expect(answers.map((a) => a.confirmMembers.confirmed).sort()).toEqual([0, 1]);
    const confirmed = (await candidates(jianlang, EnrollmentChannel.MEMBER_CARD)).nodes.find((n) => n.member.id === holder.member.id)!;
    expect(confirmed.eligible).toBe(true);
    expect((await sql<{ n: number }>(`select count(*)::int as n from enrollment_confirmation where org_path = ${await jianlangPath()}`))[0].n).toBe(1);
  });

  it('lists every flagged member of the union by name, the confirmed ones with when, and nobody of another union', async () => {
    const LIST = `{ enrollmentConfirmations(year: 2025, pageSize: 100) { totalCount nodes { member { id name needsConfirmation } confirmedAt } } }`;
    type Row = { member: { id: string; name: string; needsConfirmation: boolean }; confirmedAt: string | null };
    const list = (await jianlang.ok<{ enrollmentConfirmations: { totalCount: number; nodes: Row[] } }>(LIST)).enrollmentConfirmations;
    const flagged = await sql<{ id: number; confirmed: boolean }>(
      `select m.id, exists (select 1 from enrollment_confirmation ec where ec.member_id = m.id and ec.year = 2025) as confirmed
         from member m join account a on a.organization_id = m.organization_id where a.username = 'jianlang' and m.needs_confirmation`,
    );
    expect(list.totalCount).toBe(flagged.length);
    for (const f of flagged) {
      const row = list.nodes.find((n) => n.member.id === String(f.id))!;
      expect(row.member.needsConfirmation).toBe(true);
      expect(row.confirmedAt === null).toBe(!f.confirmed);
    }
    expect(list.nodes.filter((n) => n.confirmedAt !== null)).toHaveLength(1);
    expect((await overview(jianlang)).pendingConfirmation).toBe(list.nodes.filter((n) => n.confirmedAt === null).length);
    const other = (await (await s.as('xuhui-gr1')).ok<{ enrollmentConfirmations: { nodes: Row[] } }>(LIST)).enrollmentConfirmations;
    expect(other.nodes.filter((n) => list.nodes.some((m) => m.member.id === n.member.id))).toEqual([]);
  });

  it('a member not on the list is refused by name; another union’s member is NOT_FOUND; nothing is written', async () => {
    const plain = (await candidates(jianlang, EnrollmentChannel.MEMBER_CARD)).nodes.find((n) => n.member.name === '甲退休')!;
    const r = await jianlang.ok<{ confirmMembers: { code: string; message: string } }>(CONFIRM, { input: { year: 2025, memberIds: [plain.member.id] } });
    expect(r.confirmMembers).toMatchObject({ code: 'BAD_USER_INPUT', message: '以下会员不在待确认名单中：甲退休' });
    const [other] = await sql<{ id: number }>(
      `select m.id from member m join account a on a.organization_id = m.organization_id where a.username = 'xuhui-gr1' limit 1`,
    );
    expect(await jianlang.errorCode(CONFIRM, { input: { year: 2025, memberIds: [String(other.id)] } })).toBe('NOT_FOUND');
    expect((await sql<{ n: number }>(`select count(*)::int as n from enrollment_confirmation where org_path = ${await jianlangPath()}`))[0].n).toBe(1);
  });
});

describe('submitting', () => {
  it('the social-security channel submits only members the registry found READY (none yet); a plan not offered is refused; nothing is written', async () => {
    const o = await overview(jianlang);
    const social = await jianlang.ok<{ submitEnrollment: { code: string } }>(SUBMIT, {
      input: { year: 2025, channel: 'SOCIAL_SECURITY_CARD', planId: '1', version: o.version, clientKey: clientKey() },
    });
    expect(social.submitEnrollment.code).toBe('BAD_USER_INPUT');
    const plan = await jianlang.ok<{ submitEnrollment: { code: string } }>(SUBMIT, {
      input: { year: 2025, channel: 'MEMBER_CARD', planId: '999', version: o.version, clientKey: clientKey() },
    });
    expect(plan.submitEnrollment.code).toBe('BAD_USER_INPUT');
    expect((await sql<{ n: number }>(`select count(*)::int as n from enrollment_submission where org_path = ${await jianlangPath()}`))[0].n).toBe(0);
  });

  it('chosen members of whom one is not eligible: refused whole, naming who and why; another union’s member is NOT_FOUND', async () => {
    const card = await candidates(jianlang, EnrollmentChannel.MEMBER_CARD);
    const eligible = card.nodes.find((n) => n.eligible)!;
    const retired = card.nodes.find((n) => n.member.name === '甲退休')!;
    const r = await jianlang.ok<{ submitEnrollment: { __typename: string; members: { name: string; reasons: string[] }[] } }>(SUBMIT, {
      input: { year: 2025, channel: 'MEMBER_CARD', planId: '1', version: 0, clientKey: clientKey(), memberIds: [eligible.member.id, retired.member.id] },
    });
    expect(r.submitEnrollment).toMatchObject({ __typename: 'EnrollmentRefused', members: [{ name: '甲退休', reasons: ['RETIRED', 'NO_CARD'] }] });
    const [other] = await sql<{ id: number }>(
      `select m.id from member m join account a on a.organization_id = m.organization_id where a.username = 'xuhui-gr1' limit 1`,
    );
    expect(
      await jianlang.errorCode(SUBMIT, {
        input: { year: 2025, channel: 'MEMBER_CARD', planId: '1', version: 0, clientKey: clientKey(), memberIds: [String(other.id)] },
      }),
    ).toBe('NOT_FOUND');
    expect((await sql<{ n: number }>(`select count(*)::int as n from enrollment_member where org_path = ${await jianlangPath()}`))[0].n).toBe(0);
    expect((await overview(jianlang)).version).toBe(0);
  });

  it('a double click and a second clerk at once: one submission of every eligible member, the split frozen; the plan is then fixed', async () => {
    const before = await overview(jianlang);
    const clerk2 = await s.as('jianlang');
    const k = clientKey();
    const k2 = clientKey();
    const input = { year: 2025, channel: 'MEMBER_CARD', planId: '1', version: before.version };
    type Answer = {
      submitEnrollment: {
        __typename: string;
        code?: string;
        submission?: { id: string; memberCount: number; batchNo: string; feeFen: number; cityShareFen: number };
      };
    };
    const answers = await Promise.all([
      jianlang.ok<Answer>(SUBMIT, { input: { ...input, clientKey: k } }),
      jianlang.ok<Answer>(SUBMIT, { input: { ...input, clientKey: k } }),
      clerk2.ok<Answer>(SUBMIT, { input: { ...input, clientKey: k2 } }),
    ]);
    const made = answers.filter((a) => a.submitEnrollment.__typename === 'EnrollmentSubmitted').map((a) => a.submitEnrollment.submission!);
    const refused = answers.filter((a) => a.submitEnrollment.__typename !== 'EnrollmentSubmitted').map((a) => a.submitEnrollment.code);
    // The two clicks of one key answer one submission; of the two keys, one wins.
    expect(new Set(made.map((m) => m.id)).size).toBe(1);
    expect(refused.every((c) => c === 'CONFLICT')).toBe(true);
    expect(made[0]).toMatchObject({
      memberCount: before.eligibleMemberCard,
      feeFen: 2600,
      cityShareFen: 1300,
      batchNo: expect.stringMatching(/^JB2025\d{6}$/),
    });
    expect((await sql<{ n: number }>(`select count(*)::int as n from enrollment_submission where org_path = ${await jianlangPath()}`))[0].n).toBe(1);
    const after = await overview(jianlang);
    expect(after).toMatchObject({ submitted: before.eligibleMemberCard, eligibleMemberCard: 0, planId: '1', version: 1 });
    const again = await candidates(jianlang, EnrollmentChannel.MEMBER_CARD, 'EXCLUDED');
    expect(again.nodes.filter((n) => n.reasons.includes('ALREADY_ENROLLED'))).toHaveLength(before.eligibleMemberCard as number);
    // The same key later answers the same submission, and writes nothing more.
    // (Which key won is the race's to decide: one of the double click, or the second clerk's.)
    const winner = answers.findIndex((a) => a.submitEnrollment.__typename === 'EnrollmentSubmitted') < 2 ? k : k2;
    const repeat = await jianlang.ok<Answer>(SUBMIT, { input: { ...input, clientKey: winner } });
    expect(repeat.submitEnrollment, JSON.stringify(repeat)).toMatchObject({ submission: { id: made[0].id } });
    const timeline = await sql<{ to_state: string; event: string }>(
      `select to_state, event from state_change where subject_type = 'EnrollmentSubmission' and org_path = ${await jianlangPath()}`,
    );
    expect(timeline).toEqual([{ to_state: 'PENDING_REVIEW', event: 'CREATE' }]);
  });

  it('one plan a year across channels: with plan A fixed by the member-card submission, the other channel is refused plan B by name; nothing is written', async () => {
    const [planB] = await sql<{ id: number }>(
      `insert into protection_plan (org_path, name, fee_fen, city_share_fen, district_share_fen, grassroots_share_fen, half_year_fee_fen, valid_from, valid_to, updated_at)
       select org_path, 'B类会员专享基本保障', 3000, 1500, 1500, 0, 1500, valid_from, valid_to, now() from protection_plan where id = 1 returning id`,
    );
    await sql(`update protection_year set plan_ids = plan_ids || ?::int where id = 2025`, [planB.id]);
    try {
      const o = await overview(jianlang);
      expect(o.planId).toBe('1');
      const before = (await sql<{ n: number }>(`select count(*)::int as n from enrollment_submission where org_path = ${await jianlangPath()}`))[0].n;
      const r = await jianlang.ok<{ submitEnrollment: { code: string; message: string } }>(SUBMIT, {
        input: { year: 2025, channel: 'SOCIAL_SECURITY_CARD', planId: String(planB.id), version: o.version, clientKey: clientKey() },
      });
      expect(r.submitEnrollment).toMatchObject({ code: 'BAD_USER_INPUT', message: '本会 2025 年度已按“A类会员专享基本保障”申报，另一渠道也须选择该保障计划' });
      expect((await sql<{ n: number }>(`select count(*)::int as n from enrollment_submission where org_path = ${await jianlangPath()}`))[0].n).toBe(before);
    } finally {
      await sql(`update protection_year set plan_ids = array_remove(plan_ids, ?::int) where id = 2025`, [planB.id]);
      await sql('delete from protection_plan where id = ?', [planB.id]);
    }
  });

  it('参保信息查询: the union and its superiors see the submission, its members and record; another district does not', async () => {
    const LIST = `{ enrollmentSubmissions(year: 2025) { totalCount nodes { id batchNo channel memberCount status organization { name } } } }`;
    const mine = (await jianlang.ok<{ enrollmentSubmissions: { totalCount: number; nodes: { id: string; memberCount: number }[] } }>(LIST))
      .enrollmentSubmissions;
    expect(mine.totalCount).toBe(1);
    const district = (await (await s.as('pudong')).ok<{ enrollmentSubmissions: { nodes: { id: string }[] } }>(LIST)).enrollmentSubmissions;
    // 浦东 sees its unions' submissions: this one and the demo's (张江, 陆家嘴金融).
    const pudongIds = await sql<{ id: string }>(`select s.id::text from enrollment_submission s where s.org_path like '/1/2/%' order by s.id`);
    expect(district.nodes.map((n) => n.id).sort()).toEqual(pudongIds.map((r) => r.id).sort());
    expect(district.nodes.map((n) => n.id)).toContain(mine.nodes[0].id);
    const other = await s.as('xuhui');
    // 徐汇 sees its own unions' (seeded) submissions, never 浦东's.
    const theirs = (await other.ok<{ enrollmentSubmissions: { nodes: { id: string; organization: { name: string } }[] } }>(LIST)).enrollmentSubmissions.nodes;
    expect(theirs.map((n) => n.organization.name).sort()).toEqual(['上海徐家汇商城有限公司工会', '上海漕河泾科技服务有限公司工会'].sort());
    const ONE = `query($id: ID!) { enrollmentSubmission(id: $id) { memberCount members(pageSize: 100) { totalCount nodes { name } } timeline { to event } } }`;
    const one = (
      await jianlang.ok<{ enrollmentSubmission: { memberCount: number; members: { totalCount: number }; timeline: { to: string; event: string }[] } }>(ONE, {
        id: mine.nodes[0].id,
      })
    ).enrollmentSubmission;
    expect(one.members.totalCount).toBe(one.memberCount);
    expect(one.timeline).toEqual([{ to: 'PENDING_REVIEW', event: 'CREATE' }]);
    expect(await other.errorCode(ONE, { id: mine.nodes[0].id })).toBe('NOT_FOUND');
  });

  it('the submission renders the union’s notice (告知书), downloadable as a PDF whose text says who, how many and until when', async () => {
    const url = `${s.url}/api/notices/2025/notice.pdf`;
    const get = () => fetch(url, { headers: { cookie: jianlang.cookie! } });
    let res = await get();
    for (let tries = 0; res.status === 404 && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 100)); // the notice is rendered by a job after the submission
      res = await get();
    }
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const { pages } = await readPdf(Buffer.from(await res.arrayBuffer()));
    const text = pages.join('').replace(/\s+/g, '');
    const o = await overview(jianlang);
    const [union] = await sql<{ name: string }>(`select o.name from organization o join account a on a.organization_id = o.id where a.username = 'jianlang'`);
    for (const part of [union.name, '2025', String(o.submitted), '2024年12月25日', 'A类会员专享基本保障']) expect(text).toContain(part);
    // Another union gets its own notice, never this one; without one (none stored yet) it gets 404; a district has no such download at all.
    const otherClerk = { headers: { cookie: (await s.as('xuhui-gr1')).cookie! } };
    const theirs = await fetch(url, otherClerk);
    expect(theirs.status).toBe(200);
    expect((await readPdf(Buffer.from(await theirs.arrayBuffer()))).pages.join('')).not.toContain(union.name);
    await sql(`delete from enrollment_notice where organization_id = (select organization_id from account where username = 'xuhui-gr1')`);
    expect((await fetch(url, otherClerk)).status).toBe(404);
    expect((await fetch(url, { headers: { cookie: (await s.as('pudong')).cookie! } })).status).toBe(403);
  });

  it('outside the grassroots window: OUTSIDE_WINDOW with the dates', async () => {
    s.clock.advance(45 * 86_400_000); // 2024-12-30
    try {
      const c = await s.as('jianlang');
      const r = await c.request(SUBMIT, { input: { year: 2025, channel: 'MEMBER_CARD', planId: '1', version: 1, clientKey: clientKey() } });
      expect(r.errors?.[0].extensions.code).toBe('OUTSIDE_WINDOW');
      expect(r.errors?.[0].message).toContain('2024-10-08 至 2024-12-25');
    } finally {
      s.clock.advance(-45 * 86_400_000);
    }
  });
});
