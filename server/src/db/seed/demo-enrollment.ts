import type { EntityManager } from '@mikro-orm/postgresql';
import type { PiiCipher } from '../../pii/pii-cipher.js';
import type { Organization } from '../../org-scope/organization.entity.js';
import { simulatedStatus } from '../../adapters/social-security/simulator.js';
import { EnrollmentChannel } from '../../domain/enrollment-eligibility.js';
import { ENROLLMENT_SUBMISSION_MACHINE } from '../../domain/enrollment-submission-states.js';
import { passesSocialSecurityCheck } from '../../domain/social-security-status.js';
import { sqlRows } from '../../org-scope/raw-sql.js';
import { eligibilitySql, factsSql } from '../../modules/enrollment/enrollment-checks.js';
import { renderUnionNotice } from '../../modules/enrollment/enrollment-notice.js';
import type { ProtectionPlan, ProtectionYear } from '../../modules/protection/protection-plan.entity.js';

const SS = EnrollmentChannel.SOCIAL_SECURITY_CARD;

/**
 * The demo city's 2025 grassroots submissions (SPEC §8). Five unions submitted: four enrolled their
 * members without a card through the social-security-card channel (each asked the registry, got its
 * answer the next working day, the simulator's for their ID numbers, and submitted the READY ones;
 * their abnormal members stay on the channel's list, told to use the member-card channel), and 张江
 * enrolled its card holders through the member-card channel. All wait for review here; the review,
 * the districts' batches and the center's work on them follow in demo-campaign.ts. 建朗 (`jianlang`)
 * has not started: it is the walkthrough's union.
 */
const SUBMITTED: { union: string; channel: EnrollmentChannel; requestedAt?: string; checkedOn?: string; submittedAt: string }[] = [
  { union: 'xuhui-gr2', channel: SS, requestedAt: '2024-10-17T09:40:00+08:00', checkedOn: '2024-10-18', submittedAt: '2024-10-21T10:05:00+08:00' },
  { union: 'jianjiao-gr1', channel: SS, requestedAt: '2024-11-01T14:20:00+08:00', checkedOn: '2024-11-04', submittedAt: '2024-11-05T09:15:00+08:00' },
  { union: 'xuhui-gr1', channel: SS, requestedAt: '2024-11-07T15:10:00+08:00', checkedOn: '2024-11-08', submittedAt: '2024-11-11T10:30:00+08:00' },
  { union: 'ljz-finance', channel: SS, requestedAt: '2024-11-18T09:05:00+08:00', checkedOn: '2024-11-19', submittedAt: '2024-11-20T14:45:00+08:00' },
  { union: 'zhangjiang', channel: EnrollmentChannel.MEMBER_CARD, submittedAt: '2024-12-10T11:20:00+08:00' },
];

export async function seedEnrollment(
  tx: EntityManager,
  byKey: Map<string, Organization>,
  cipher: PiiCipher,
  plan: ProtectionPlan,
  year: ProtectionYear,
): Promise<void> {
  const facts = factsSql({ year: String(year.id), coverageStart: `'${year.coverageStart}'`, coverageEnd: `'${year.coverageEnd}'` });
  for (const s of SUBMITTED) {
    const union = byKey.get(s.union)!;
    const [clerk] = await tx.execute<{ id: number; username: string }[]>(`select id, username from account where organization_id = ? order by id limit 1`, [
      union.id,
    ]);
    // Who the channel would list for 2025, by the app's own rule.
    const { reasons } = eligibilitySql(s.channel);
    const members = await tx.execute<{ id: number; id_number_sealed: string }[]>(
      `select m.id, m.id_number_sealed from member m ${facts} where m.organization_id = ? and cardinality(${reasons}) = 0 order by m.id`,
      [union.id],
    );
    const ready = s.channel === SS ? await askRegistry(tx, union, members, year, cipher, s) : members.map((m) => m.id);
    if (!ready.length) throw new Error(`demo enrollment: no member of ${s.union} is READY`);
    const submittedAt = new Date(s.submittedAt);
    const batchNo = `JB${year.id}${String(union.id).padStart(6, '0')}`;
    await tx.execute(`insert into union_enrollment (org_path, organization_id, year, plan_id, batch_no, updated_at, version) values (?, ?, ?, ?, ?, ?, 1)`, [
      union.path,
      union.id,
      year.id,
      plan.id,
      batchNo,
      submittedAt,
    ]);
    // No district has changed its split: the plan's defaults are in force.
    const [{ id: submissionId }] = await tx.execute<{ id: number }[]>(
      `insert into enrollment_submission (org_path, organization_id, year, channel, plan_id, batch_no, status, member_count, fee_fen, city_share_fen, district_share_fen,
                                          grassroots_share_fen, client_key, submitted_by, submitted_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [
        union.path,
        union.id,
        year.id,
        s.channel,
        plan.id,
        batchNo,
        ENROLLMENT_SUBMISSION_MACHINE.initial,
        ready.length,
        plan.feeFen,
        plan.cityShareFen,
        plan.districtShareFen,
        plan.grassrootsShareFen,
        `demo-${s.union}`,
        clerk.id,
        submittedAt,
        submittedAt,
      ],
    );
    // Real bindings: execute() would spell the array out as a list.
    await sqlRows(
      tx,
      `insert into enrollment_member (org_path, submission_id, organization_id, member_id, year, channel, holding)
       select ?, ?, ?, id, ?, ?, true from unnest(?::int[]) id`,
      [union.path, submissionId, union.id, year.id, s.channel, ready],
    );
    await tx.execute(
      `insert into state_change (org_path, subject_type, subject_id, from_state, to_state, event, actor_account_id, actor_username, at)
       values (?, ?, ?, null, ?, 'CREATE', ?, ?, ?)`,
      [union.path, ENROLLMENT_SUBMISSION_MACHINE.subject, String(submissionId), ENROLLMENT_SUBMISSION_MACHINE.initial, clerk.id, clerk.username, submittedAt],
    );
    // The notice its submission rendered, as the notice job renders it.
    const pdf = await renderUnionNotice('zh-CN', {
      unionName: union.name,
      year,
      planName: plan.name,
      enrolled: s.channel === SS ? { memberCard: 0, socialSecurityCard: ready.length } : { memberCard: ready.length, socialSecurityCard: 0 },
      issuedOn: s.submittedAt.slice(0, 10),
    });
    await tx.execute(`insert into enrollment_notice (org_path, organization_id, year, pdf, generated_at) values (?, ?, ?, ?, ?)`, [
      union.path,
      union.id,
      year.id,
      pdf,
      submittedAt,
    ]);
  }
}

/** The registry's answers for a union's members, as its social-security check job stores them; returns the READY ones. */
async function askRegistry(
  tx: EntityManager,
  union: Organization,
  members: { id: number; id_number_sealed: string }[],
  year: ProtectionYear,
  cipher: PiiCipher,
  s: { union: string; requestedAt?: string; checkedOn?: string },
): Promise<number[]> {
  const requestId = `demo-${s.union}-${year.id}`;
  const ready: number[] = [];
  for (const m of members) {
    const answer = simulatedStatus(cipher.decrypt(m.id_number_sealed));
    const passes = passesSocialSecurityCheck(answer.cardStatus, answer.employmentStatus);
    if (passes) ready.push(m.id);
    await tx.execute(
      `insert into social_security_check (org_path, organization_id, member_id, year, status, card_status, employment_status, request_id, ticket, requested_at, checked_on)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        union.path,
        union.id,
        m.id,
        year.id,
        passes ? 'READY' : 'ABNORMAL',
        answer.cardStatus,
        answer.employmentStatus,
        requestId,
        `SIM-${requestId}`,
        new Date(s.requestedAt!),
        s.checkedOn,
      ],
    );
  }
  return ready;
}
