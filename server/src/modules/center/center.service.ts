import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { userError, type UserError } from '../../common/errors/error-result.js';
import type { Page, PageArgs } from '../../common/pagination/page.js';
import { readSqlPage } from '../../common/pagination/sql-page.js';
import { SqlParams } from '../../org-scope/read-db.js';
import { sqlRows } from '../../org-scope/raw-sql.js';
import { moverOf, transition, transitionAll } from '../../changes/transition.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import type { AuditAction } from '../../audit-trail/audit-vocabulary.js';
import { DISTRICT_BATCH_MACHINE, DistrictBatchEvent, DistrictBatchStatus } from '../../domain/district-batch-states.js';
import { ENROLLMENT_SUBMISSION_MACHINE, EnrollmentSubmissionEvent, EnrollmentSubmissionStatus } from '../../domain/enrollment-submission-states.js';
import { MEMBER_SELECT, type MemberRow } from '../member/member.reads.js';
import { MessageKind } from '../message/message.entity.js';
import type { MessageService } from '../message/message.service.js';
import type { ProtectionService } from '../protection/protection.service.js';
import type { DistrictBatchRow, DistrictBatchService } from '../review/district-batch.service.js';

/** A covered member with the coverage's year and dates. */
export interface CoverageRow {
  member: MemberRow;
  year: number;
  planId: number;
  coverageStart: string;
  coverageEnd: string;
  districtBatchId: number;
  batchNo: string;
}

type SubmissionMove = { from: EnrollmentSubmissionStatus; event: EnrollmentSubmissionEvent };

/**
 * What each of the center's moves does: its audit action, and what it does to the batch's submissions,
 * one entry per state it moves them from (one kernel call each).
 */
const CENTER_MOVE = {
  [DistrictBatchEvent.CONFIRM]: {
    audit: 'district_batch.confirmed',
    submissions: [{ from: EnrollmentSubmissionStatus.SUBMITTED_TO_CENTER, event: EnrollmentSubmissionEvent.CONFIRM }],
  },
  [DistrictBatchEvent.COMPLETE]: {
    audit: 'district_batch.completed',
    submissions: [{ from: EnrollmentSubmissionStatus.CONFIRMED, event: EnrollmentSubmissionEvent.COMPLETE }],
  },
  // Sent back from SUBMITTED (its submissions SUBMITTED_TO_CENTER) or from CONFIRMED (CONFIRMED).
  [DistrictBatchEvent.RETURN]: {
    audit: 'district_batch.returned',
    submissions: [
      { from: EnrollmentSubmissionStatus.SUBMITTED_TO_CENTER, event: EnrollmentSubmissionEvent.SEND_BACK },
      { from: EnrollmentSubmissionStatus.CONFIRMED, event: EnrollmentSubmissionEvent.SEND_BACK },
    ],
  },
} as const satisfies Record<DistrictBatchEvent, { audit: AuditAction; submissions: readonly SubmissionMove[] }>;

/**
 * 职保中心 (SPEC §10): the inbox of district batches. Confirming records 职保中心确认时间; completing (after
 * the district submitted its vouchers) makes every member of the batch COVERED for the year; sending
 * back (with a reason) puts the batch's submissions on the district's ready list again. Each move moves
 * the batch and its submissions together, on the transition kernel, in one transaction.
 */
export class CenterService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly messages: MessageService,
    private readonly batches: DistrictBatchService,
    private readonly protection: ProtectionService,
  ) {}

  confirm(ctx: AuthedContext, ref: { id: number; version: number }): Promise<DistrictBatchRow> {
    return this.move(ctx, ref, DistrictBatchEvent.CONFIRM, null);
  }

  complete(ctx: AuthedContext, ref: { id: number; version: number }): Promise<DistrictBatchRow> {
    return this.move(ctx, ref, DistrictBatchEvent.COMPLETE, null);
  }

  async sendBack(ctx: AuthedContext, ref: { id: number; version: number }, reason: string): Promise<DistrictBatchRow | UserError> {
    const why = reason.trim();
    if (!why) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('reviewReasonRequired'), 'reason');
    return this.move(ctx, ref, DistrictBatchEvent.RETURN, why);
  }

  private async move(ctx: AuthedContext, ref: { id: number; version: number }, event: DistrictBatchEvent, reason: string | null): Promise<DistrictBatchRow> {
    const batch = await this.batches.get(ctx, ref.id);
    if (batch.version !== ref.version) throw new AppError('CONFLICT', ctx.t('conflict'));
    if (event === DistrictBatchEvent.COMPLETE && !batch.vouchersSubmittedAt) throw new AppError('CONFLICT', ctx.t('centerVouchersNotSubmitted'));
    const y = await this.protection.year(ctx, batch.year);
    const now = this.clock.now();
    const district = { id: batch.organizationId, path: batch.orgPath };
    await ctx.em.transactional(async (tx) => {
      await transition(
        ctx,
        tx,
        {
          machine: DISTRICT_BATCH_MACHINE,
          subject: { id: batch.id, orgPath: district.path },
          from: batch.status,
          event,
          by: moverOf(ctx),
          at: now,
          reason: reason ? { text: reason } : undefined,
        },
        async (to) =>
          (
            await sqlRows(
              tx,
              `update district_batch set status = ?, updated_at = ?, version = version + 1,
                 confirmed_at = case when ? then ?::timestamptz else confirmed_at end,
                 completed_at = case when ? then ?::timestamptz else completed_at end,
                 return_reason = coalesce(?, return_reason)
               where id = ? and version = ? and status = ? returning id`,
              [to, now, to === DistrictBatchStatus.CONFIRMED, now, to === DistrictBatchStatus.COMPLETED, now, reason, batch.id, batch.version, batch.status],
            )
          ).length === 1,
      );
      const m = CENTER_MOVE[event];
      const held = await sqlRows<{ id: number; orgPath: string; status: EnrollmentSubmissionStatus }>(
        tx,
        `select id, org_path as "orgPath", status from enrollment_submission where district_batch_id = ? order by id`,
        [batch.id],
      );
      for (const { from, event: submissionEvent } of m.submissions) {
        const subjects = held.filter((s) => s.status === from);
        await transitionAll(
          ctx,
          tx,
          { machine: ENROLLMENT_SUBMISSION_MACHINE, subjects, from, event: submissionEvent, by: moverOf(ctx), at: now },
          async (to) => this.moveSubmissions(tx, subjects, from, to, now),
        );
      }
      if (event === DistrictBatchEvent.COMPLETE) await this.cover(tx, batch.id, y, now);
      if (event !== DistrictBatchEvent.CONFIRM) {
        await this.messages.send(tx, {
          recipient: district,
          kind: event === DistrictBatchEvent.COMPLETE ? MessageKind.DISTRICT_BATCH_COMPLETED : MessageKind.DISTRICT_BATCH_RETURNED,
          params: { batchNo: batch.batchNo, reason: reason ?? '', year: batch.year, count: batch.memberCardMembers + batch.socialSecurityMembers },
        });
      }
      this.audit.record(ctx, tx, {
        action: m.audit,
        organization: district,
        targetType: 'DistrictBatch',
        targetId: batch.id,
        before: { status: batch.status },
        after: { status: event, batchNo: batch.batchNo, reason },
      });
    });
    return this.batches.get(ctx, batch.id);
  }

  private async moveSubmissions(
    tx: EntityManager,
    subjects: { id: number }[],
    from: EnrollmentSubmissionStatus,
    to: EnrollmentSubmissionStatus,
    now: Date,
  ): Promise<number> {
    const sentBack = to === EnrollmentSubmissionStatus.APPROVED;
    const rows = await sqlRows(
      tx,
      `update enrollment_submission set status = ?, updated_at = ?, version = version + 1 ${sentBack ? ', district_batch_id = null' : ''}
        where id = any(?::int[]) and status = ? returning id`,
      [to, now, subjects.map((s) => s.id), from],
    );
    return rows.length;
  }

  /** A coverage row per member of the batch (the members its submissions still hold), for the year's dates. */
  private async cover(tx: EntityManager, batchId: number, y: { id: number; coverageStart: string; coverageEnd: string }, now: Date): Promise<void> {
    await sqlRows(
      tx,
      `insert into member_coverage (org_path, member_id, organization_id, year, plan_id, submission_id, district_batch_id, coverage_start, coverage_end, created_at)
       select em.org_path, em.member_id, em.organization_id, em.year, s.plan_id, s.id, s.district_batch_id, ?, ?, ?
         from enrollment_submission s join enrollment_member em on em.submission_id = s.id and em.holding
        where s.district_batch_id = ?`,
      [y.coverageStart, y.coverageEnd, now, batchId],
    );
  }

  /** 保障信息查询: covered members of the caller's subtree, by name; a year and a union narrow them. */
  async coverage(ctx: AuthedContext, filter: { year?: number | null; organizationId?: number | null }, pageArgs: PageArgs): Promise<Page<CoverageRow>> {
    const params = new SqlParams();
    const where = ['c.org_path like $1'];
    if (filter.year != null) where.push(`c.year = ${params.add(filter.year)}`);
    if (filter.organizationId != null) where.push(`c.organization_id = ${params.add(filter.organizationId)}`);
    const page = await readSqlPage<
      MemberRow & { year: number; planId: number; coverageStart: string; coverageEnd: string; districtBatchId: number; batchNo: string }
    >(ctx, pageArgs, {
      select: `${MEMBER_SELECT}, c.year, c.plan_id as "planId", c.coverage_start::text as "coverageStart", c.coverage_end::text as "coverageEnd", c.district_batch_id as "districtBatchId", b.batch_no as "batchNo"`,
      from: 'member_coverage c join member m on m.id = c.member_id join district_batch b on b.id = c.district_batch_id',
      where,
      params,
      order: { 'm.name': 'asc', 'c.id': 'asc' },
    });
    return {
      ...page,
      nodes: page.nodes.map(({ year, planId, coverageStart, coverageEnd, districtBatchId, batchNo, ...member }) => ({
        member,
        year,
        planId,
        coverageStart,
        coverageEnd,
        districtBatchId,
        batchNo,
      })),
    };
  }
}
