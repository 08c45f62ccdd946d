import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { userError, type UserError, type VersionConflict } from '../../common/errors/error-result.js';
import type { Page, PageArgs } from '../../common/pagination/page.js';
import { readSqlPage } from '../../common/pagination/sql-page.js';
import { escapeLike } from '../../org-scope/like-pattern.js';
import { scopedSql, SqlParams } from '../../org-scope/read-db.js';
import { sqlRows } from '../../org-scope/raw-sql.js';
import { moverOf, transitionAll } from '../../changes/transition.js';
import { changeVersioned } from '../../changes/versioned-change.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import { MAX_PAGE_SIZE } from '../../common/pagination/page.js';
import { EnrollmentChannel } from '../../domain/enrollment-eligibility.js';
import { ENROLLMENT_SUBMISSION_MACHINE, EnrollmentSubmissionEvent, EnrollmentSubmissionStatus } from '../../domain/enrollment-submission-states.js';
import { EnrollmentSubmission } from '../enrollment/enrollment.entity.js';
import { SUBMISSION_SELECT, type SubmissionRow } from '../enrollment/enrollment.reads.js';
import { MEMBER_SELECT, type MemberRow } from '../member/member.reads.js';
import { MessageKind } from '../message/message.entity.js';
import type { MessageService } from '../message/message.service.js';

/** A submission as a reviewer saw it: any other version is a CONFLICT. */
export interface SubmissionRef {
  id: number;
  version: number;
}

/** 待审批参保列表's filters (SPEC §9). Dates are business dates (YYYY-MM-DD), both ends included. */
export interface PendingFilter {
  year?: number | null;
  unitName?: string | null;
  creditCode?: string | null;
  submittedFrom?: string | null;
  submittedTo?: string | null;
  /** A union of the caller's subtree: only submissions from below it. */
  superiorId?: number | null;
  planId?: number | null;
  channel?: EnrollmentChannel | null;
}

/** Members, fee and its split per payer over a set of submissions, in fen. */
export interface ReviewTotals {
  submissions: number;
  memberCardMembers: number;
  socialSecurityMembers: number;
  feeFen: number;
  cityFen: number;
  districtFen: number;
  grassrootsFen: number;
}

/** A member a reviewer took out of a submission, and why. */
export interface Rejection {
  member: MemberRow;
  reason: string;
  rejectedAt: Date;
}

/** The SQL of ReviewTotals over `enrollment_submission s` rows. */
export const TOTALS_SELECT = `count(*)::int as submissions,
  coalesce(sum(s.member_count) filter (where s.channel = 'MEMBER_CARD'), 0)::int as "memberCardMembers",
  coalesce(sum(s.member_count) filter (where s.channel = 'SOCIAL_SECURITY_CARD'), 0)::int as "socialSecurityMembers",
  coalesce(sum(s.member_count::bigint * s.fee_fen), 0)::float8 as "feeFen",
  coalesce(sum(s.member_count::bigint * s.city_share_fen), 0)::float8 as "cityFen",
  coalesce(sum(s.member_count::bigint * s.district_share_fen), 0)::float8 as "districtFen",
  coalesce(sum(s.member_count::bigint * s.grassroots_share_fen), 0)::float8 as "grassrootsFen"`;

const READY_TOTALS = scopedSql(`select ${TOTALS_SELECT} from enrollment_submission s where s.org_path like $1 and s.year = $2 and s.status = 'APPROVED'`);

const REJECTIONS = scopedSql(
  `select ${MEMBER_SELECT}, em.rejected_reason as "rejectedReason", em.rejected_at as "rejectedAt"
     from enrollment_member em join member m on m.id = em.member_id
    where em.org_path like $1 and em.submission_id = $2 and em.rejected_reason is not null order by em.rejected_at, m.id`,
);

/** Submissions of the subtree by id, with the version and state each is in now. */
const SUBMISSIONS_BY_ID = scopedSql(
  `select s.id, s.org_path as "orgPath", s.organization_id as "organizationId", s.status, s.version, s.year, s.channel, s.member_count as "memberCount"
     from enrollment_submission s where s.org_path like $1 and s.id = any($2::int[])`,
);
type Current = {
  id: number;
  orgPath: string;
  organizationId: number;
  status: EnrollmentSubmissionStatus;
  version: number;
  year: number;
  channel: EnrollmentChannel;
  memberCount: number;
};

/**
 * 集中参保审核 (SPEC §9) by a secondary or district union: the submissions pending below it, approving
 * (the district's ready list, 待提交参保列表) or returning them, singly or in bulk, taking single members
 * out, and taking an approved one back to pending. Every move goes through the transition kernel.
 */
export class ReviewService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly messages: MessageService,
  ) {}

  /** 待审批参保列表: pending submissions of the caller's subtree, oldest first (first come, first reviewed). */
  pending(ctx: AuthedContext, filter: PendingFilter, pageArgs: PageArgs): Promise<Page<SubmissionRow>> {
    const params = new SqlParams();
    const where = ['s.org_path like $1', `s.status = 'PENDING_REVIEW'`];
    if (filter.year != null) where.push(`s.year = ${params.add(filter.year)}`);
    if (filter.unitName?.trim()) where.push(`o.name like ${params.add(`%${escapeLike(filter.unitName.trim())}%`)}`);
    if (filter.creditCode?.trim()) where.push(`o.credit_code like ${params.add(`${escapeLike(filter.creditCode.trim().toUpperCase())}%`)}`);
    // Business dates in Shanghai: "submitted between" means the clerk's calendar days.
    if (filter.submittedFrom) where.push(`s.submitted_at >= (${params.add(filter.submittedFrom)}::date)::timestamp at time zone 'Asia/Shanghai'`);
    if (filter.submittedTo) where.push(`s.submitted_at < (${params.add(filter.submittedTo)}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
    if (filter.superiorId != null)
      where.push(`s.org_path like (select sup.path || '%' from organization sup where sup.id = ${params.add(filter.superiorId)} and sup.path like $1)`);
    if (filter.planId != null) where.push(`s.plan_id = ${params.add(filter.planId)}`);
    if (filter.channel) where.push(`s.channel = ${params.add(filter.channel)}`);
    return readSqlPage(ctx, pageArgs, {
      select: SUBMISSION_SELECT,
      from: 'enrollment_submission s join organization o on o.id = s.organization_id',
      where,
      params,
      order: { 's.submitted_at': 'asc', 's.id': 'asc' },
    });
  }

  /** 待提交参保列表: the approved submissions of the caller's subtree for a year, with their totals. */
  async ready(ctx: AuthedContext, year: number, pageArgs: PageArgs): Promise<Page<SubmissionRow> & { totals: ReviewTotals }> {
    const params = new SqlParams();
    const [page, totals] = await Promise.all([
      readSqlPage<SubmissionRow>(ctx, pageArgs, {
        select: SUBMISSION_SELECT,
        from: 'enrollment_submission s',
        where: ['s.org_path like $1', `s.year = ${params.add(year)}`, `s.status = 'APPROVED'`],
        params,
        order: { 's.approved_at': 'asc', 's.id': 'asc' },
      }),
      ctx.reads.one<ReviewTotals>(READY_TOTALS, [year]),
    ]);
    return { ...page, totals: totals! };
  }

  /** 添加至待提交: approves submissions as seen; all of them or none (CONFLICT, naming how many moved meanwhile). */
  async approve(ctx: AuthedContext, refs: readonly SubmissionRef[]): Promise<number> {
    const now = this.clock.now();
    return this.moveAll(ctx, refs, EnrollmentSubmissionStatus.PENDING_REVIEW, EnrollmentSubmissionEvent.APPROVE, null, async (tx, rows, to) =>
      this.casUpdate(tx, rows, `status = ?, approved_by_organization_id = ?, approved_at = ?, updated_at = ?`, [to, ctx.viewer.organizationId, now, now]),
    );
  }

  /**
   * 退回: returns submissions to their clerks with a reason (their members are free again; each union
   * gets a message). All or none, like approve.
   */
  async return(ctx: AuthedContext, refs: readonly SubmissionRef[], reason: string): Promise<number | UserError> {
    const why = reason.trim();
    if (!why) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('reviewReasonRequired'), 'reason');
    const now = this.clock.now();
    return this.moveAll(ctx, refs, EnrollmentSubmissionStatus.PENDING_REVIEW, EnrollmentSubmissionEvent.RETURN, why, async (tx, rows, to) => {
      const moved = await this.casUpdate(tx, rows, `status = ?, return_reason = ?, updated_at = ?`, [to, why, now]);
      await sqlRows(tx, `update enrollment_member set holding = false where submission_id = any(?::int[]) and holding`, [rows.map((r) => r.id)]);
      await this.messages.sendMany(
        tx,
        rows.map((r) => ({
          recipient: { id: r.organizationId, path: r.orgPath },
          kind: MessageKind.ENROLLMENT_RETURNED,
          params: { year: r.year, channel: `@channel${r.channel}`, count: r.memberCount, reason: why },
        })),
      );
      return moved;
    });
  }

  /** 移除: takes an approved submission off the ready list, back to pending review. */
  async unapprove(ctx: AuthedContext, ref: SubmissionRef): Promise<number> {
    const now = this.clock.now();
    return this.moveAll(ctx, [ref], EnrollmentSubmissionStatus.APPROVED, EnrollmentSubmissionEvent.UNAPPROVE, null, (tx, rows, to) =>
      this.casUpdate(tx, rows, `status = ?, approved_by_organization_id = null, approved_at = null, updated_at = ?`, [to, now]),
    );
  }

  /**
   * Takes single members out of a pending submission, with a reason: the rest goes on, the members are
   * free to be submitted again, and the union is told who and why. Taking every member out is refused
   * (that is a return). On the versioned-change helper: a stale version is a CONFLICT.
   */
  async rejectMembers(
    ctx: AuthedContext,
    ref: SubmissionRef,
    memberIds: readonly number[],
    reason: string,
  ): Promise<EnrollmentSubmission | VersionConflict | UserError> {
    const why = reason.trim();
    if (!why) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('reviewReasonRequired'), 'reason');
    const chosen = [...new Set(memberIds)];
    if (!chosen.length) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('fieldRequired'), 'memberIds');
    if (chosen.length > MAX_PAGE_SIZE) throw new AppError('BAD_USER_INPUT', ctx.t('idsTooMany', { max: MAX_PAGE_SIZE }), { field: 'memberIds' });
    const now = this.clock.now();
    // The reason this call took members out for: none before, `why` after, so the audit row always carries it.
    let given: string | null = null;
    return changeVersioned(ctx, this.audit, {
      entity: EnrollmentSubmission,
      id: ref.id,
      version: ref.version,
      action: 'enrollment.members_rejected',
      targetType: 'EnrollmentSubmission',
      organization: (s) => ({ id: s.organizationId, path: s.orgPath }),
      view: (s) => ({ memberCount: s.memberCount, reason: given }),
      apply: async (s, tx) => {
        if (s.status !== EnrollmentSubmissionStatus.PENDING_REVIEW)
          return userError(ErrorCode.CONFLICT, ctx.t(this.frozen(s.status) ? 'reviewFrozen' : 'invalidTransition'));
        if (chosen.length >= s.memberCount) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('reviewRejectAll'), 'memberIds');
        const taken = await sqlRows<{ memberId: number }>(
          tx,
          `update enrollment_member set holding = false, rejected_reason = ?, rejected_at = ?
            where submission_id = ? and member_id = any(?::int[]) and rejected_reason is null returning member_id as "memberId"`,
          [why, now, s.id, chosen],
        );
        if (taken.length !== chosen.length) {
          const missing = chosen.filter((id) => !taken.some((t) => t.memberId === id));
          return userError(ErrorCode.BAD_USER_INPUT, ctx.t('reviewMembersNotInSubmission', { members: missing.slice(0, 20).join('、') }), 'memberIds');
        }
        s.memberCount -= taken.length;
        s.rejectedCount += taken.length;
        s.updatedAt = now;
        given = why;
        await this.messages.send(tx, {
          recipient: { id: s.organizationId, path: s.orgPath },
          kind: MessageKind.ENROLLMENT_MEMBERS_REJECTED,
          params: { year: s.year, count: taken.length, reason: why },
        });
      },
    });
  }

  /** The members a reviewer took out of a submission, by when. */
  async rejections(ctx: AuthedContext, submissionId: number): Promise<Rejection[]> {
    const rows = await ctx.reads.rows<MemberRow & { rejectedReason: string; rejectedAt: Date }>(REJECTIONS, [submissionId]);
    return rows.map(({ rejectedReason, rejectedAt, ...member }) => ({ member, reason: rejectedReason, rejectedAt }));
  }

  /** Whether a submission in `status` has gone to the center (nothing about it changes any more). */
  private frozen(status: EnrollmentSubmissionStatus): boolean {
    return [EnrollmentSubmissionStatus.SUBMITTED_TO_CENTER, EnrollmentSubmissionStatus.CONFIRMED, EnrollmentSubmissionStatus.COMPLETED].includes(status);
  }

  /**
   * Moves the referenced submissions of the caller's subtree from `from` by `event`, all or none: any
   * not found is NOT_FOUND (outside the subtree looks the same); any in another state or version is a
   * CONFLICT naming how many. Returns how many moved.
   */
  private async moveAll(
    ctx: AuthedContext,
    refs: readonly SubmissionRef[],
    from: EnrollmentSubmissionStatus,
    event: keyof typeof AUDIT_ACTION,
    reason: string | null,
    write: (tx: EntityManager, rows: Current[], to: EnrollmentSubmissionStatus) => Promise<number>,
  ): Promise<number> {
    const wanted = new Map(refs.map((r) => [r.id, r.version]));
    if (!wanted.size) throw new AppError('BAD_USER_INPUT', ctx.t('fieldRequired'), { field: 'submissions' });
    if (wanted.size > MAX_BULK) throw new AppError('BAD_USER_INPUT', ctx.t('idsTooMany', { max: MAX_BULK }), { field: 'submissions' });
    const rows = await ctx.reads.rows<Current>(SUBMISSIONS_BY_ID, [[...wanted.keys()]]);
    if (rows.length !== wanted.size) throw new AppError('NOT_FOUND', ctx.t('notFound'));
    const frozen = rows.filter((r) => this.frozen(r.status));
    if (frozen.length) throw new AppError('CONFLICT', ctx.t('reviewFrozen'));
    const stale = rows.filter((r) => r.status !== from || r.version !== wanted.get(r.id));
    const conflict = (count: number) => new AppError('CONFLICT', ctx.t('reviewConflict', { count }));
    if (stale.length) throw conflict(stale.length);
    const now = this.clock.now();
    return ctx.em.transactional(async (tx) => {
      let moved = 0;
      await transitionAll(
        ctx,
        tx,
        {
          machine: ENROLLMENT_SUBMISSION_MACHINE,
          subjects: rows.map((r) => ({ id: r.id, orgPath: r.orgPath })),
          from,
          event,
          by: moverOf(ctx),
          at: now,
          reason: reason ? { text: reason } : undefined,
        },
        async (to) => (moved = await write(tx, rows, to)),
        () => conflict(rows.length - moved),
      );
      this.audit.record(ctx, tx, {
        action: AUDIT_ACTION[event],
        organization: { id: ctx.viewer.organizationId, path: ctx.viewer.orgPath },
        targetType: 'Organization',
        targetId: ctx.viewer.organizationId,
        after: { submissionCount: moved, reason },
      });
      return moved;
    });
  }

  /** Sets `set` on the rows still at the version and state the reviewer saw; how many it set. */
  private async casUpdate(tx: EntityManager, rows: Current[], set: string, values: unknown[]): Promise<number> {
    const moved = await sqlRows(
      tx,
      `update enrollment_submission s set ${set}, version = s.version + 1
         from unnest(?::int[], ?::int[], ?::enrollment_submission_status[]) as seen(id, version, status)
        where s.id = seen.id and s.version = seen.version and s.status = seen.status returning s.id`,
      [...values, rows.map((r) => r.id), rows.map((r) => r.version), rows.map((r) => r.status)],
    );
    return moved.length;
  }
}

/** The most submissions one bulk call moves: a district's whole pending list (the bench approves 2,000). */
export const MAX_BULK = 5000;

const AUDIT_ACTION = {
  [EnrollmentSubmissionEvent.APPROVE]: 'enrollment.approved',
  [EnrollmentSubmissionEvent.RETURN]: 'enrollment.returned',
  [EnrollmentSubmissionEvent.UNAPPROVE]: 'enrollment.unapproved',
} as const satisfies Partial<Record<EnrollmentSubmissionEvent, string>>;
