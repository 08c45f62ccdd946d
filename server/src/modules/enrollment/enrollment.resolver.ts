import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { toId } from '../../common/ids.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { UserError } from '../../common/errors/error-result.js';
import { mapPage, PageArgs } from '../../common/pagination/page.js';
import { StateChangeType, toStateChangeType } from '../../changes/state-change.type.js';
import { MemberConnection } from '../member/member.type.js';
import { OrganizationType, toOrganizationType } from '../organization/organization.type.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { AuthedContext } from '../../common/request-context.js';
import { toMemberType } from '../member/member.type.js';
import { toYearType } from '../protection/protection.types.js';
import { CandidateFilter, type EnrollmentService } from './enrollment.service.js';
import type { CheckRow, SocialSecurityChecks } from './social-security-checks.js';
import { confirmationList } from './confirmation-list.js';
import { EnrollmentChannel } from '../../domain/enrollment-eligibility.js';
import {
  RequestSocialSecurityCheckInput,
  RequestSocialSecurityCheckResult,
  SocialSecurityCheckConnection,
  SocialSecurityCheckRequested,
  SocialSecurityChecksArgs,
  EnrollmentSubmissionConnection,
  EnrollmentSubmissionsArgs,
  EnrollmentSubmissionType,
  ConfirmMembersInput,
  EnrollmentConfirmationConnection,
  EnrollmentConfirmationsArgs,
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
  constructor(
    private readonly enrollment: EnrollmentService,
    private readonly checks: SocialSecurityChecks,
  ) {}

  @Mutation(() => RequestSocialSecurityCheckResult, {
    description: '获取社保卡及在职状态: sends members to the social-security registry; answers come about a working day later',
  })
  async requestSocialSecurityCheck(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => RequestSocialSecurityCheckInput) input: RequestSocialSecurityCheckInput,
  ): Promise<typeof RequestSocialSecurityCheckResult> {
    const r = await this.checks.request(ctx, input.year, input.memberIds?.map(toId) ?? null);
    return r instanceof UserError ? r : Object.assign(new SocialSecurityCheckRequested(), { requested: r });
  }

  @Query(() => SocialSecurityCheckConnection, { description: "The union's social-security checks of a year, by name" })
  async socialSecurityChecks(
    @Ctx() ctx: AuthedContext,
    @Args(() => SocialSecurityChecksArgs) args: SocialSecurityChecksArgs,
  ): Promise<SocialSecurityCheckConnection> {
    return this.checks.list(ctx, args.year, args.status ?? null, args);
  }

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
    // The social-security channel's list shows each candidate's registry check: one read for the page.
    const checks =
      args.channel === EnrollmentChannel.SOCIAL_SECURITY_CARD
        ? await this.checks.ofMembers(
            ctx,
            args.year,
            page.nodes.map((c) => c.member.id),
          )
        : new Map<number, CheckRow>();
    return mapPage(page, (c) => ({
      member: toMemberType(c.member),
      eligible: c.reasons.length === 0,
      reasons: c.reasons,
      flags: c.flags,
      socialSecurityCheck: checks.get(c.member.id) ?? null,
    }));
  }

  @Query(() => EnrollmentConfirmationConnection, {
    description: '集中参保待确认名单: the members flagged 人保状态待确认, by name, each confirmed for the year or not',
  })
  async enrollmentConfirmations(
    @Ctx() ctx: AuthedContext,
    @Args(() => EnrollmentConfirmationsArgs) args: EnrollmentConfirmationsArgs,
  ): Promise<EnrollmentConfirmationConnection> {
    return mapPage(await confirmationList(ctx, args.year, args), (c) => ({ member: toMemberType(c.member), confirmedAt: c.confirmedAt }));
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

/** 参保信息查询: submissions of the caller's subtree, with their members and record. */
@Resolver(() => EnrollmentSubmissionType)
@Allow(Permission.ENROLLMENT_READ)
export class EnrollmentSubmissionResolver {
  constructor(
    private readonly enrollment: EnrollmentService,
    private readonly organizations: OrganizationService,
  ) {}

  @Query(() => EnrollmentSubmissionConnection, { description: 'Newest first' })
  async enrollmentSubmissions(
    @Ctx() ctx: AuthedContext,
    @Args(() => EnrollmentSubmissionsArgs) args: EnrollmentSubmissionsArgs,
  ): Promise<EnrollmentSubmissionConnection> {
    const filter = { year: args.year, channel: args.channel, organizationId: args.organizationId == null ? null : toId(args.organizationId) };
    return mapPage(await this.enrollment.submissions(ctx, filter, args), toSubmissionType);
  }

  @Query(() => EnrollmentSubmissionType)
  async enrollmentSubmission(@Ctx() ctx: AuthedContext, @Arg('id', () => ID) id: string): Promise<EnrollmentSubmissionType> {
    return toSubmissionType(await this.enrollment.submission(ctx, toId(id)));
  }

  @FieldResolver(() => MemberConnection, { description: 'The members it froze, by name' })
  async members(@Ctx() ctx: AuthedContext, @Root() s: EnrollmentSubmissionType, @Args(() => PageArgs) page: PageArgs): Promise<MemberConnection> {
    return mapPage(await this.enrollment.submissionMembers(ctx, s.id, page), toMemberType);
  }

  @FieldResolver(() => [StateChangeType], { description: 'Its moves, oldest first' })
  async timeline(@Ctx() ctx: AuthedContext, @Root() s: EnrollmentSubmissionType): Promise<StateChangeType[]> {
    return (await this.enrollment.timeline(ctx, s.id)).map((c) => toStateChangeType(ctx, c));
  }

  @FieldResolver(() => OrganizationType, { description: 'The grassroots union that submitted it' })
  async organization(@Ctx() ctx: AuthedContext, @Root() s: EnrollmentSubmissionType): Promise<OrganizationType> {
    return toOrganizationType(await this.organizations.get(ctx, s.organizationId));
  }
}
