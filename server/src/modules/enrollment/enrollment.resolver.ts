import { Arg, Args, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { toId } from '../../common/ids.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { UserError } from '../../common/errors/error-result.js';
import { mapPage } from '../../common/pagination/page.js';
import type { AuthedContext } from '../../common/request-context.js';
import { toMemberType } from '../member/member.type.js';
import { toYearType } from '../protection/protection.types.js';
import { CandidateFilter, type EnrollmentService } from './enrollment.service.js';
import {
  ConfirmMembersInput,
  ConfirmMembersResult,
  MembersConfirmed,
  EnrollmentCandidateConnection,
  EnrollmentCandidatesArgs,
  EnrollmentOverviewType,
  EnrollmentRefused,
  EnrollmentSubmitted,
  SubmitEnrollmentInput,
  SubmitEnrollmentResult,
  toSubmissionType,
} from './enrollment.types.js';

/** 集中参保办理 (SPEC §8): a grassroots union's screen, its candidates and its submissions. */
@Resolver()
@Allow(Permission.ENROLLMENT_APPLY)
export class EnrollmentResolver {
  constructor(private readonly enrollment: EnrollmentService) {}

  @Query(() => EnrollmentOverviewType)
  async enrollmentOverview(@Ctx() ctx: AuthedContext, @Arg('year', () => Int) year: number): Promise<EnrollmentOverviewType> {
    const o = await this.enrollment.overview(ctx, year);
    return { ...o, year: toYearType(o.year) };
  }

  @Query(() => EnrollmentCandidateConnection, { description: "The union's members for a channel, by name, each eligible or with every reason not" })
  async enrollmentCandidates(
    @Ctx() ctx: AuthedContext,
    @Args(() => EnrollmentCandidatesArgs) args: EnrollmentCandidatesArgs,
  ): Promise<EnrollmentCandidateConnection> {
    const page = await this.enrollment.candidates(ctx, args.year, args.channel, args.filter ?? CandidateFilter.ALL, args);
    return mapPage(page, (c) => ({ member: toMemberType(c.member), eligible: c.reasons.length === 0, reasons: c.reasons, flags: c.flags }));
  }

  @Mutation(() => SubmitEnrollmentResult, { description: 'Submits members of one channel for review; once per clientKey' })
  async submitEnrollment(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => SubmitEnrollmentInput) input: SubmitEnrollmentInput,
  ): Promise<typeof SubmitEnrollmentResult> {
    const r = await this.enrollment.submit(ctx, { ...input, planId: toId(input.planId), memberIds: input.memberIds?.map(toId) ?? null });
    if (r instanceof UserError) return r;
    if ('ineligible' in r) {
      const shown = r.ineligible
        .slice(0, 20)
        .map((m) => m.name)
        .join('、');
      return Object.assign(new EnrollmentRefused(), {
        code: ErrorCode.BAD_USER_INPUT,
        message: ctx.t('enrollmentIneligible', { count: r.ineligible.length, members: shown }),
        members: r.ineligible,
      });
    }
    return Object.assign(new EnrollmentSubmitted(), { submission: toSubmissionType(r) });
  }

  @Mutation(() => ConfirmMembersResult, { description: '集中参保待确认名单: confirm chosen members, or all of the list' })
  async confirmMembers(@Ctx() ctx: AuthedContext, @Arg('input', () => ConfirmMembersInput) input: ConfirmMembersInput): Promise<typeof ConfirmMembersResult> {
    const r = await this.enrollment.confirm(ctx, input.year, input.memberIds?.map(toId) ?? null);
    return r instanceof UserError ? r : Object.assign(new MembersConfirmed(), { confirmed: r });
  }
}
