import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { userError, type UserError } from '../../common/errors/error-result.js';
import type { Page, PageArgs } from '../../common/pagination/page.js';
import { readSqlPage } from '../../common/pagination/sql-page.js';
import { asQuestionMarks, scopedSql, SqlParams } from '../../org-scope/read-db.js';
import { isUniqueViolation, sqlRows } from '../../org-scope/raw-sql.js';
import { moverOf, recordCreation, timelineOf } from '../../changes/transition.js';
import type { StateChange } from '../../changes/state-change.entity.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import { EnrollmentChannel, type EligibilityFlag, type ExclusionReason } from '../../domain/enrollment-eligibility.js';
import { ENROLLMENT_SUBMISSION_MACHINE, EnrollmentSubmissionStatus } from '../../domain/enrollment-submission-states.js';
import { MEMBER_SELECT, type MemberRow } from '../member/member.reads.js';
import type { ProtectionService } from '../protection/protection.service.js';
import type { YearRow } from '../protection/protection.reads.js';
import { eligibilitySql, factsSql, YEAR_VALUES as VALUES } from './enrollment-checks.js';
import { EnrollmentSubmission } from './enrollment.entity.js';
import { SUBMISSION_BY_ID, SUBMISSION_SELECT, type SubmissionRow } from './enrollment.reads.js';
import { NOTICE_TASK, type NoticeJob } from './enrollment-notice.js';
import { enqueue } from '../../jobs/queue.js';

/** Which candidates a list shows. */
export enum CandidateFilter {
  ELIGIBLE = 'ELIGIBLE',
  EXCLUDED = 'EXCLUDED',
  ALL = 'ALL',
}

export interface Candidate {
  member: MemberRow;
  reasons: ExclusionReason[];
  flags: EligibilityFlag[];
}

/** 集中参保办理's figures for the caller's union and a year (the manual's screen). */
export interface EnrollmentOverview {
  year: YearRow;
  totalMembers: number;
  withCard: number;
  withoutCard: number;
  submitted: number;
  retired: number;
  deceased: number;
  pendingConfirmation: number;
  eligibleMemberCard: number;
  eligibleSocialSecurityCard: number;
  retiringDuringCoverage: number;
  /** The plan the union's first submission fixed this year, if any, and the enrollment's version. */
  planId: number | null;
  batchNo: string | null;
  version: number;
}

export interface SubmitInput {
  year: number;
  channel: EnrollmentChannel;
  planId: number;
  /** The union enrollment's version as the clerk saw it (0 before the first submission). */
  version: number;
  /** One per click: a repeat of the same key answers the submission it made. */
  clientKey: string;
  /** Chosen members (all or none must be eligible); none: every eligible member of the channel. */
  memberIds?: readonly number[] | null;
}

/** Members chosen for a submission who are not eligible (any more): who and why. */
export interface Ineligible {
  memberId: number;
  name: string;
  reasons: ExclusionReason[];
}

/** The caller union's enrollment of a year: the plan its first submission fixed, its batch number and version. */
const UNION_ENROLLMENT = scopedSql(
  `select u.plan_id as "planId", u.batch_no as "batchNo", u.version from union_enrollment u where u.org_path like $1 and u.organization_id = $2 and u.year = $3`,
);
type UnionEnrollmentRow = { planId: number; batchNo: string; version: number };

/** The caller's union's members with their eligibility for `channel`: `$1` scope, `$2` year, `$3`/`$4` coverage, `$5` union. */
function candidatesFrom(channel: EnrollmentChannel): { from: string; reasons: string; flags: string } {
  const { reasons, flags } = eligibilitySql(channel);
  return { from: `member m ${factsSql(VALUES)}`, reasons, flags };
}

/** The overview's figures (without the year and the union's own enrollment). */
type Figures = Omit<EnrollmentOverview, 'year' | 'planId' | 'batchNo' | 'version'>;

/** The union's figures stored for a year, if still those of its roll now (`$2` union, `$3` year, `$4`/`$5` coverage). */
const STORED_FIGURES = scopedSql(
  `select f.figures from enrollment_figures f
    where f.org_path like $1 and f.organization_id = $2 and f.year = $3 and f.coverage_start = $4::date and f.coverage_end = $5::date
      and f.stamp = coalesce((select s.stamp from union_roll_stamp s where s.organization_id = $2), 0)`,
);

/** The union's figures counted, with the roll stamp they were counted at (one statement: one snapshot). */
const COUNT_FIGURES = (() => {
  const card = candidatesFrom(EnrollmentChannel.MEMBER_CARD);
  const social = eligibilitySql(EnrollmentChannel.SOCIAL_SECURITY_CARD);
  return scopedSql(
    `select coalesce((select s.stamp from union_roll_stamp s where s.organization_id = $5), 0)::text as stamp,
            count(*)::int as "totalMembers",
            count(*) filter (where has_card)::int as "withCard",
            count(*) filter (where not has_card)::int as "withoutCard",
            count(*) filter (where enrolled_here)::int as "submitted",
            count(*) filter (where 'RETIRED' = any(card_reasons))::int as "retired",
            count(*) filter (where life_status = 'DECEASED')::int as "deceased",
            count(*) filter (where 'PENDING_CONFIRMATION' = any(card_reasons) and not enrolled_here)::int as "pendingConfirmation",
            count(*) filter (where cardinality(card_reasons) = 0)::int as "eligibleMemberCard",
            count(*) filter (where cardinality(social_reasons) = 0)::int as "eligibleSocialSecurityCard",
            count(*) filter (where 'RETIRES_DURING_COVERAGE' = any(flags) and cardinality(card_reasons) * cardinality(social_reasons) = 0)::int as "retiringDuringCoverage"
       from (select f.has_card, f.enrolled_here, m.life_status, ${card.reasons} as card_reasons, ${social.reasons} as social_reasons, ${card.flags} as flags
               from ${card.from} where m.org_path like $1 and m.organization_id = $5) c`,
    { planEachTime: true },
  );
})();

/**
 * 集中参保办理 (SPEC §8), the grassroots side: the overview, the candidates of each channel with every
 * reason for exclusion, and submissions that freeze the members, the plan and the fee split.
 */
export class EnrollmentService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly protection: ProtectionService,
  ) {}

  private yearValues(ctx: AuthedContext, y: YearRow): unknown[] {
    return [y.id, y.coverageStart, y.coverageEnd, ctx.viewer.organizationId];
  }

  async overview(ctx: AuthedContext, year: number): Promise<EnrollmentOverview> {
    const y = await this.protection.year(ctx, year);
    const [figures, [own]] = await Promise.all([this.figures(ctx, y), ctx.reads.rows<UnionEnrollmentRow>(UNION_ENROLLMENT, [ctx.viewer.organizationId, y.id])]);
    return { year: y, ...figures, planId: own?.planId ?? null, batchNo: own?.batchNo ?? null, version: own?.version ?? 0 };
  }

  /**
   * The union's figures of a year: stored ones while its roll is unchanged since they were counted
   * (see Migration20261220000000EnrollmentFigures), else counted now and stored for the next view.
   */
  private async figures(ctx: AuthedContext, y: YearRow): Promise<Figures> {
    const union = ctx.viewer.organizationId;
    const stored = await ctx.reads.one<{ figures: Figures }>(STORED_FIGURES, [union, y.id, y.coverageStart, y.coverageEnd]);
    if (stored) return stored.figures;
    const { stamp, ...figures } = (await ctx.reads.one<Figures & { stamp: string }>(COUNT_FIGURES, this.yearValues(ctx, y)))!;
    // Stored on the primary; a later count (a newer stamp) is never overwritten by an older one.
    await sqlRows(
      ctx.em,
      `insert into enrollment_figures as f (organization_id, year, org_path, stamp, coverage_start, coverage_end, figures) values (?, ?, ?, ?, ?, ?, ?::jsonb)
       on conflict (organization_id, year) do update set org_path = excluded.org_path, stamp = excluded.stamp, coverage_start = excluded.coverage_start,
         coverage_end = excluded.coverage_end, figures = excluded.figures
       where f.stamp <= excluded.stamp`,
      [union, y.id, ctx.viewer.orgPath, stamp, y.coverageStart, y.coverageEnd, JSON.stringify(figures)],
    );
    return figures;
  }

  /** A page of the union's members for a channel, eligible or excluded (with every reason), by name. */
  async candidates(ctx: AuthedContext, year: number, channel: EnrollmentChannel, filter: CandidateFilter, pageArgs: PageArgs): Promise<Page<Candidate>> {
    const y = await this.protection.year(ctx, year);
    const c = candidatesFrom(channel);
    const params = new SqlParams();
    for (const v of this.yearValues(ctx, y)) params.add(v);
    const where = ['m.org_path like $1', 'm.organization_id = $5'];
    if (filter === CandidateFilter.ELIGIBLE) where.push(`cardinality(${c.reasons}) = 0`);
    if (filter === CandidateFilter.EXCLUDED) where.push(`cardinality(${c.reasons}) > 0`);
    const page = await readSqlPage<MemberRow & { reasons: ExclusionReason[]; flags: EligibilityFlag[] }>(ctx, pageArgs, {
      select: `${MEMBER_SELECT}, ${c.reasons} as reasons, ${c.flags} as flags`,
      from: c.from,
      where,
      params,
      order: { 'm.name': 'asc', 'm.id': 'asc' },
      // A union's size decides the plan: from 50,000 members twenty by name (an index walk), or all of a few.
      statements: { planEachTime: true },
      // From the union's figures, not a count of the rule over every member per page.
      count: async () => {
        const figures = await this.figures(ctx, y);
        const eligible = channel === EnrollmentChannel.MEMBER_CARD ? figures.eligibleMemberCard : figures.eligibleSocialSecurityCard;
        return {
          [CandidateFilter.ALL]: figures.totalMembers,
          [CandidateFilter.ELIGIBLE]: eligible,
          [CandidateFilter.EXCLUDED]: figures.totalMembers - eligible,
        }[filter];
      },
    });
    return { ...page, nodes: page.nodes.map(({ reasons, flags, ...member }) => ({ member, reasons, flags })) };
  }

  /**
   * Submits members of one channel: inside the grassroots window, with the plan the union's first
   * submission fixed (or fixing it), against the union enrollment's version (a second clerk at once gets
   * CONFLICT), once per client key (a double click answers the first submission). Chosen members who are
   * not eligible refuse the whole call, each with the reasons; nothing is written then.
   */
  async submit(ctx: AuthedContext, input: SubmitInput): Promise<EnrollmentSubmission | UserError | { ineligible: Ineligible[] }> {
    const union = { id: ctx.viewer.organizationId, path: ctx.viewer.orgPath };
    const repeated = await ctx.em.findOne(EnrollmentSubmission, { organizationId: union.id, clientKey: input.clientKey });
    if (repeated) return repeated;
    const y = await this.protection.year(ctx, input.year);
    this.protection.assertInWindow(ctx, 'windowGrassroots', { open: y.grassrootsOpen, close: y.grassrootsClose });
    const split = (await this.protection.splitsInForce(ctx, y.id)).find((s) => s.plan.id === input.planId);
    if (!split) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('planNotOffered', { year: y.id }), 'planId');
    // Only the plan the union's first submission fixed is needed here, not the overview (a pass over every member).
    const [own] = await ctx.reads.rows<UnionEnrollmentRow>(UNION_ENROLLMENT, [union.id, y.id]);
    if (own && own.planId !== input.planId) {
      const fixed = (await this.protection.plans(ctx)).find((p) => p.id === own.planId);
      return userError(ErrorCode.BAD_USER_INPUT, ctx.t('enrollmentPlanFixed', { year: y.id, plan: fixed?.name ?? String(own.planId) }), 'planId');
    }
    const now = this.clock.now();
    const c = candidatesFrom(input.channel);
    // Through the social-security-card channel only members the registry found NORMAL + EMPLOYED (READY).
    const reasons =
      input.channel === EnrollmentChannel.SOCIAL_SECURITY_CARD
        ? `(${c.reasons} || case when exists (select 1 from social_security_check sc where sc.member_id = m.id and sc.year = $2 and sc.status = 'READY')
                              then array[]::text[] else array['SOCIAL_SECURITY_NOT_READY'] end)`
        : c.reasons;
    const chosen = input.memberIds ? [...new Set(input.memberIds)] : null;
    try {
      return await ctx.em.transactional(async (tx) => {
        const batchNo = await this.claim(tx, union, y.id, input, now);
        if (!batchNo) throw new Conflict();
        const submission = tx.create(EnrollmentSubmission, {
          orgPath: union.path,
          organizationId: union.id,
          year: y.id,
          channel: input.channel,
          planId: input.planId,
          batchNo,
          status: EnrollmentSubmissionStatus.PENDING_REVIEW,
          memberCount: 0,
          feeFen: split.plan.feeFen,
          cityShareFen: split.cityShareFen,
          districtShareFen: split.districtShareFen,
          grassrootsShareFen: split.grassrootsShareFen,
          clientKey: input.clientKey,
          submittedBy: ctx.viewer.accountId,
          submittedAt: now,
          updatedAt: now,
          resubmissionOf: await this.returnedToResubmit(tx, union.id, y.id, input.channel),
        });
        await tx.flush();
        const values = [union.path + '%', y.id, y.coverageStart, y.coverageEnd, union.id, submission.id, input.channel, chosen ?? []];
        const scopeOf = `m.org_path like $1 and m.organization_id = $5 ${chosen ? 'and m.id = any($8::int[])' : ''}`;
        // Who is eligible, read first and inserted after: a statement that inserted enrollments while its
        // rule read them would see every member's earlier inserts (invisible, but scanned) when planned badly.
        const [pick] = await sqlRows<{ ids: number[] | null; found: number; refused: Ineligible[] | null }>(
          tx,
          ...knex(
            `select array_agg(m.id) filter (where cardinality(r.reasons) = 0) as ids, count(*)::int as found,
                    ${chosen ? `json_agg(json_build_object('memberId', m.id, 'name', m.name, 'reasons', r.reasons) order by m.name, m.id) filter (where cardinality(r.reasons) > 0)` : 'null'} as refused
               from ${c.from} cross join lateral (select ${reasons} as reasons) r where ${scopeOf}`,
            values,
          ),
        );
        if (chosen && pick.found !== chosen.length) throw new AppError('NOT_FOUND', ctx.t('notFound'));
        if (pick.refused) throw new Refused(pick.refused);
        if (!pick.ids) throw new Nothing();
        const [{ n }] = await sqlRows<{ n: number }>(
          tx,
          ...knex(
            `with added as (
               insert into enrollment_member (org_path, submission_id, organization_id, member_id, year, channel, holding)
               select m.org_path, $6, m.organization_id, m.id, $2, $7::enrollment_channel, true from member m
                where m.id = any($9::int[]) and m.org_path like $1 and m.organization_id = $5 returning 1)
             select count(*)::int as n from added`,
            [...values, pick.ids],
          ),
        );
        // A member moved to another union since the read: the clerk's list is not what it was.
        if (n !== pick.ids.length) throw new Conflict();
        submission.memberCount = n;
        recordCreation(tx, ENROLLMENT_SUBMISSION_MACHINE, { id: submission.id, orgPath: union.path }, moverOf(ctx), now);
        this.audit.record(ctx, tx, {
          action: 'enrollment.submitted',
          organization: union,
          targetType: 'EnrollmentSubmission',
          targetId: submission.id,
          after: { year: y.id, planId: input.planId, batchNo, memberCount: n },
        });
        await tx.flush();
        // Each submission regenerates the union's notice; one queue per union keeps them in order.
        await enqueue(ctx, tx, NOTICE_TASK, { year: y.id } satisfies NoticeJob, { queue: `notice-${union.id}` });
        return submission;
      });
    } catch (e) {
      if (e instanceof Refused) return { ineligible: e.members };
      if (e instanceof Nothing) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('enrollmentNobody'));
      if (e instanceof Conflict || isUniqueViolation(e)) {
        // A double click that lost the race to its own first click: answer that submission.
        const first = await ctx.em.fork().findOne(EnrollmentSubmission, { organizationId: union.id, clientKey: input.clientKey });
        return first ?? userError(ErrorCode.CONFLICT, ctx.t('enrollmentConflict'));
      }
      throw e;
    }
  }

  /** The submissions of the caller's subtree, newest first; a year, a channel and a union narrow them. */
  async submissions(
    ctx: AuthedContext,
    filter: { year?: number | null; channel?: EnrollmentChannel | null; organizationId?: number | null },
    pageArgs: PageArgs,
  ): Promise<Page<SubmissionRow>> {
    const params = new SqlParams();
    const where = ['s.org_path like $1'];
    if (filter.year != null) where.push(`s.year = ${params.add(filter.year)}`);
    if (filter.channel) where.push(`s.channel = ${params.add(filter.channel)}`);
    if (filter.organizationId != null) where.push(`s.organization_id = ${params.add(filter.organizationId)}`);
    return readSqlPage(ctx, pageArgs, { select: SUBMISSION_SELECT, from: 'enrollment_submission s', where, params, order: { 's.id': 'desc' } });
  }

  /** One submission in the caller's subtree; NOT_FOUND otherwise. */
  async submission(ctx: AuthedContext, id: number): Promise<SubmissionRow> {
    const row = Number.isSafeInteger(id) ? await ctx.reads.one<SubmissionRow>(SUBMISSION_BY_ID, [id]) : undefined;
    if (!row) throw new AppError('NOT_FOUND', ctx.t('notFound'));
    return row;
  }

  /** The members a submission froze, by name. */
  submissionMembers(ctx: AuthedContext, submissionId: number, pageArgs: PageArgs): Promise<Page<MemberRow>> {
    const params = new SqlParams();
    return readSqlPage(ctx, pageArgs, {
      select: MEMBER_SELECT,
      from: 'enrollment_member em join member m on m.id = em.member_id',
      // Not the members a reviewer took out (rejections lists those).
      where: ['em.org_path like $1', `em.submission_id = ${params.add(submissionId)}`, 'em.rejected_reason is null'],
      params,
      order: { 'm.name': 'asc', 'm.id': 'asc' },
    });
  }

  timeline(ctx: AuthedContext, id: number): Promise<StateChange[]> {
    return timelineOf(ctx.em, ENROLLMENT_SUBMISSION_MACHINE.subject, id);
  }

  /**
   * 集中参保待确认名单: confirms members of the caller's union flagged 人保状态待确认 for a year, the chosen
   * ones (any of another union is NOT_FOUND, any not flagged refuses the call) or all of them. Confirmed
   * members join the member-card channel's list. Confirming twice is nothing (a double click).
   */
  async confirm(ctx: AuthedContext, year: number, memberIds: readonly number[] | null): Promise<number | UserError> {
    const y = await this.protection.year(ctx, year);
    this.protection.assertInWindow(ctx, 'windowGrassroots', { open: y.grassrootsOpen, close: y.grassrootsClose });
    const union = { id: ctx.viewer.organizationId, path: ctx.viewer.orgPath };
    const chosen = memberIds ? [...new Set(memberIds)] : null;
    if (chosen) {
      const found = await ctx.reads.rows<{ id: number; name: string; needs: boolean }>(
        scopedSql(
          `select m.id, m.name, m.needs_confirmation as needs from member m where m.org_path like $1 and m.organization_id = $2 and m.id = any($3::int[])`,
        ),
        [union.id, chosen],
      );
      if (found.length !== chosen.length) throw new AppError('NOT_FOUND', ctx.t('notFound'));
      const notFlagged = found.filter((m) => !m.needs);
      if (notFlagged.length)
        return userError(ErrorCode.BAD_USER_INPUT, ctx.t('enrollmentNotToConfirm', { members: notFlagged.map((m) => m.name).join('、') }), 'memberIds');
    }
    return ctx.em.transactional(async (tx) => {
      const rows = await sqlRows<{ id: number }>(
        tx,
        `insert into enrollment_confirmation (org_path, member_id, year, confirmed_by, confirmed_at)
         select m.org_path, m.id, ?, ?, ? from member m
          where m.org_path like ? and m.organization_id = ? and m.needs_confirmation ${chosen ? 'and m.id = any(?::int[])' : ''}
         on conflict (member_id, year) do nothing returning id`,
        [y.id, ctx.viewer.accountId, this.clock.now(), `${union.path}%`, union.id, ...(chosen ? [chosen] : [])],
      );
      if (rows.length) {
        this.audit.record(ctx, tx, {
          action: 'enrollment.confirmed',
          organization: union,
          targetType: 'Organization',
          targetId: union.id,
          after: { year: y.id, memberCount: rows.length },
        });
      }
      return rows.length;
    });
  }

  /** The union's latest returned submission of a channel not yet resubmitted: the one a new submission fixes. */
  private async returnedToResubmit(tx: Parameters<typeof sqlRows>[0], union: number, year: number, channel: EnrollmentChannel): Promise<number | null> {
    const [row] = await sqlRows<{ id: number }>(
      tx,
      `select s.id from enrollment_submission s
        where s.organization_id = ? and s.year = ? and s.channel = ? and s.status = 'RETURNED'
          and not exists (select 1 from enrollment_submission r where r.organization_id = s.organization_id and r.resubmission_of = s.id)
        order by s.id desc limit 1`,
      [union, year, channel],
    );
    return row?.id ?? null;
  }

  /**
   * Takes the union's enrollment of the year at the version the clerk saw: creates it (version 0) or
   * bumps it; the batch number, or null when someone submitted meanwhile.
   */
  private async claim(
    tx: Parameters<typeof sqlRows>[0],
    union: { id: number; path: string },
    year: number,
    input: SubmitInput,
    now: Date,
  ): Promise<string | null> {
    if (input.version === 0) {
      const batchNo = `JB${year}${String(union.id).padStart(6, '0')}`;
      const rows = await sqlRows<{ batch_no: string }>(
        tx,
        `insert into union_enrollment (org_path, organization_id, year, plan_id, batch_no, updated_at, version) values (?, ?, ?, ?, ?, ?, 1)
         on conflict (organization_id, year) do nothing returning batch_no`,
        [union.path, union.id, year, input.planId, batchNo, now],
      );
      return rows[0]?.batch_no ?? null;
    }
    const rows = await sqlRows<{ batch_no: string }>(
      tx,
      `update union_enrollment set version = version + 1, updated_at = ? where organization_id = ? and year = ? and version = ? returning batch_no`,
      [now, union.id, year, input.version],
    );
    return rows[0]?.batch_no ?? null;
  }
}

function knex(text: string, values: unknown[]): [string, unknown[]] {
  const q = asQuestionMarks(text, values);
  return [q.sql, q.bindings];
}

class Refused extends Error {
  constructor(readonly members: Ineligible[]) {
    super('ineligible members');
  }
}
class Nothing extends Error {}
class Conflict extends Error {}
