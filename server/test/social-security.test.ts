import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server.js';
import { simulatedStatus } from '../src/adapters/social-security/simulator.js';
import { passesSocialSecurityCheck } from '../src/domain/social-security-status.js';

/**
 * 社保卡渠道 (SPEC §8): the registry round trip through jobs and the simulator. Candidates are sent,
 * nothing is answered before the next working day on the business clock, then NORMAL + EMPLOYED members
 * are READY and the rest ABNORMAL, exactly as the registry said; only READY members are submitted. An
 * unreachable registry is retried, then the checks are FAILED with a message; nothing is lost.
 */
const REQUEST = `mutation($input: RequestSocialSecurityCheckInput!) { requestSocialSecurityCheck(input: $input) {
  __typename ... on SocialSecurityCheckRequested { requested } ... on ErrorResult { code message } } }`;
const CHECKS = `query($status: SocialSecurityCheckStatus) { socialSecurityChecks(year: 2025, status: $status, pageSize: 100) {
  totalCount nodes { memberId name status cardStatus employmentStatus checkedOn error } } }`;
const SUBMIT = `mutation($input: SubmitEnrollmentInput!) { submitEnrollment(input: $input) {
  __typename ... on EnrollmentSubmitted { submission { memberCount channel } } ... on EnrollmentRefused { members { name reasons } } ... on ErrorResult { code message } } }`;
const CANDIDATES = `{ enrollmentCandidates(year: 2025, channel: SOCIAL_SECURITY_CARD, filter: ELIGIBLE, pageSize: 100) { totalCount nodes { member { id } } } }`;

const CANDIDATES_WITH_CHECKS = `{ enrollmentCandidates(year: 2025, channel: SOCIAL_SECURITY_CARD, filter: ELIGIBLE, pageSize: 100) {
  nodes { member { id } socialSecurityCheck { status cardStatus employmentStatus } } } }`;
type CandidateWithCheck = {
  member: { id: string };
  socialSecurityCheck: { status: string; cardStatus: string | null; employmentStatus: string | null } | null;
};

type Check = {
  memberId: string;
  name: string;
  status: string;
  cardStatus: string | null;
  employmentStatus: string | null;
  checkedOn: string | null;
  error: string | null;
};
const DAY = 86_400_000;

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('the registry round trip', () => {
  let s: TestServer;
  beforeAll(async () => {
    // 2024-11-15 is a Friday: the registry answers on Monday the 18th.
    s = await startTestServer({ APP_TODAY: '2024-11-15', SS_POLL_SECONDS: '1', SS_SIM_LATENCY_MS: '0', SS_SIM_DELAY_DAYS: '1' });
  });
  afterAll(() => s?.close());

  it('sends every candidate, answers only from the next working day, and sorts them as the registry said', async () => {
    const clerk = await s.as('jianlang');
    const candidates = (await clerk.ok<{ enrollmentCandidates: { totalCount: number } }>(CANDIDATES)).enrollmentCandidates.totalCount;
    expect(candidates).toBeGreaterThan(0);
    // Never sent: no check on any candidate yet.
    const unsent = (await clerk.ok<{ enrollmentCandidates: { nodes: CandidateWithCheck[] } }>(CANDIDATES_WITH_CHECKS)).enrollmentCandidates.nodes;
    expect(unsent.every((c) => c.socialSecurityCheck === null)).toBe(true);
    // Three clicks at once: every candidate is sent once, by one of them; the others send nobody.
    const answers = await Promise.all([1, 2, 3].map(() => clerk.ok<{ requestSocialSecurityCheck: { requested: number } }>(REQUEST, { input: { year: 2025 } })));
    expect(answers.map((a) => a.requestSocialSecurityCheck.requested).sort((a, b) => b - a)).toEqual([candidates, 0, 0]);
    const sentOnce = await s.orm.em
      .getConnection()
      .execute<{ n: number; batches: number }[]>(
        `select count(*)::int as n, count(distinct split_part(request_id, '-', 1))::int as batches from social_security_check c join account a on a.organization_id = c.organization_id where a.username = 'jianlang'`,
      );
    expect(sentOnce[0]).toEqual({ n: candidates, batches: 1 });
    // A later click sends nobody twice.
    expect(
      (await clerk.ok<{ requestSocialSecurityCheck: { requested: number } }>(REQUEST, { input: { year: 2025 } })).requestSocialSecurityCheck.requested,
    ).toBe(0);
    // Friday and the weekend: the job has asked (it polls every second) and is told to wait.
    await new Promise((r) => setTimeout(r, 2500));
    const waiting = await clerk.ok<{ socialSecurityChecks: { nodes: Check[] } }>(CHECKS);
    expect(waiting.socialSecurityChecks.nodes.every((c) => c.status === 'AWAITING')).toBe(true);
    s.clock.advance(3 * DAY); // Monday
    try {
      const monday = await s.as('jianlang');
      const answered = await until(
        async () => (await monday.ok<{ socialSecurityChecks: { nodes: Check[] } }>(CHECKS)).socialSecurityChecks.nodes,
        (nodes) => nodes.every((c) => c.status !== 'AWAITING'),
      );
      const sealed = await s.orm.em
        .getConnection()
        .execute<{ id: number; id_number_sealed: string }[]>(
          `select id, id_number_sealed from member where id in (${answered.map((c) => Number(c.memberId)).join(',')})`,
        );
      const idOf = new Map(sealed.map((m) => [String(m.id), s.app.services.cipher.decrypt(m.id_number_sealed)]));
      for (const c of answered) {
        const said = simulatedStatus(idOf.get(c.memberId)!);
        expect(c).toMatchObject({ cardStatus: said.cardStatus, employmentStatus: said.employmentStatus, checkedOn: '2024-11-18' });
        expect(c.status).toBe(passesSocialSecurityCheck(said.cardStatus, said.employmentStatus) ? 'READY' : 'ABNORMAL');
      }
      const ready = answered.filter((c) => c.status === 'READY');
      const abnormal = answered.filter((c) => c.status === 'ABNORMAL');
      expect(ready.length).toBeGreaterThan(0);

      // Submitting: a chosen member who is not READY refuses the call; all READY members go.
      if (abnormal.length) {
        const refused = await monday.ok<{ submitEnrollment: { __typename: string; members: { reasons: string[] }[] } }>(SUBMIT, {
          input: {
            year: 2025,
            channel: 'SOCIAL_SECURITY_CARD',
            planId: '1',
            version: 0,
            clientKey: 'ss-refused-1',
            memberIds: [ready[0].memberId, abnormal[0].memberId],
          },
        });
        expect(refused.submitEnrollment).toMatchObject({ __typename: 'EnrollmentRefused', members: [{ reasons: ['SOCIAL_SECURITY_NOT_READY'] }] });
      }
      // The channel's candidates carry their check, as the checks list has it.
      const listed = (await monday.ok<{ enrollmentCandidates: { nodes: CandidateWithCheck[] } }>(CANDIDATES_WITH_CHECKS)).enrollmentCandidates.nodes;
      expect(listed).toHaveLength(answered.length);
      for (const c of listed) {
        const check = answered.find((a) => a.memberId === c.member.id)!;
        expect(c.socialSecurityCheck).toEqual({ status: check.status, cardStatus: check.cardStatus, employmentStatus: check.employmentStatus });
      }
      const made = await monday.ok<{ submitEnrollment: { submission: { memberCount: number; channel: string } } }>(SUBMIT, {
        input: { year: 2025, channel: 'SOCIAL_SECURITY_CARD', planId: '1', version: 0, clientKey: 'ss-all-1' },
      });
      expect(made.submitEnrollment.submission).toEqual({ memberCount: ready.length, channel: 'SOCIAL_SECURITY_CARD' });
      // Submitted members are done: 待提交 (READY) is empty, and only the abnormal ones stay on the list.
      const after = await monday.ok<{ socialSecurityChecks: { nodes: Check[] } }>(CHECKS);
      expect(after.socialSecurityChecks.nodes.map((c) => c.memberId).sort()).toEqual(abnormal.map((c) => c.memberId).sort());
      expect((await monday.ok<{ socialSecurityChecks: { totalCount: number } }>(CHECKS, { status: 'READY' })).socialSecurityChecks.totalCount).toBe(0);
    } finally {
      s.clock.advance(-3 * DAY);
    }
  });

  it('a member with a card or of another union cannot be sent', async () => {
    const clerk = await s.as('jianlang');
    const [withCard] = await s.orm.em
      .getConnection()
      .execute<{ member_id: number }[]>(
        `select c.member_id from member_card c join account a on a.org_path = c.org_path where a.username = 'jianlang' and c.status = 'ACTIVE' limit 1`,
      );
    const r = await clerk.ok<{ requestSocialSecurityCheck: { code: string } }>(REQUEST, { input: { year: 2025, memberIds: [String(withCard.member_id)] } });
    expect(r.requestSocialSecurityCheck.code).toBe('BAD_USER_INPUT');
    const [other] = await s.orm.em
      .getConnection()
      .execute<{ id: number }[]>(`select m.id from member m join account a on a.organization_id = m.organization_id where a.username = 'xuhui-gr1' limit 1`);
    expect(await clerk.errorCode(REQUEST, { input: { year: 2025, memberIds: [String(other.id)] } })).toBe('NOT_FOUND');
  });
});

describe('an unreachable registry', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ APP_TODAY: '2024-11-15', SS_POLL_SECONDS: '1', SS_SIM_LATENCY_MS: '0', SS_SIM_FAILURE_RATE: '1', SS_CHECK_ATTEMPTS: '2' });
  });
  afterAll(() => s?.close());

  it('is tried again, then every check of the batch is FAILED with a message to ask again; nothing is lost', async () => {
    const clerk = await s.as('xuhui-gr1');
    const sent = (await clerk.ok<{ requestSocialSecurityCheck: { requested: number } }>(REQUEST, { input: { year: 2025 } })).requestSocialSecurityCheck
      .requested;
    expect(sent).toBeGreaterThan(0);
    const checks = await until(
      async () => (await clerk.ok<{ socialSecurityChecks: { nodes: Check[] } }>(CHECKS)).socialSecurityChecks.nodes,
      (nodes) => nodes.every((c) => c.status === 'FAILED'),
    );
    expect(checks).toHaveLength(sent);
    expect(checks.every((c) => c.status === 'FAILED' && c.error === '社保系统暂时无法访问，多次重试未成功，请稍后重新获取')).toBe(true);
    // Asked again: every one of them is sent anew.
    expect(
      (await clerk.ok<{ requestSocialSecurityCheck: { requested: number } }>(REQUEST, { input: { year: 2025 } })).requestSocialSecurityCheck.requested,
    ).toBe(sent);
  });
});
