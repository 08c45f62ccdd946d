import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { toId } from '../../common/ids.js';
import { mapPage } from '../../common/pagination/page.js';
import { UserError, VersionConflict } from '../../common/errors/error-result.js';
import type { AuthedContext } from '../../common/request-context.js';
import type { Clock } from '../../common/clock.js';
import { StateChangeType, toStateChangeType } from '../../changes/state-change.type.js';
import { EnrollmentSubmissionType, toSubmissionType } from '../enrollment/enrollment.types.js';
import { toMemberType } from '../member/member.type.js';
import { OrganizationType, toOrganizationType } from '../organization/organization.type.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { DistrictBatchService } from './district-batch.service.js';
import { enrollmentMonitor } from './enrollment-monitor.js';
import type { ReviewService, SubmissionRef } from './review.service.js';
import { todosOf } from './todos.js';
import {
  ApproveSubmissionsInput,
  DistrictBatchConnection,
  DistrictBatchesArgs,
  DistrictBatchPayload,
  DistrictBatchRefInput,
  DistrictBatchResult,
  DistrictBatchSubmitted,
  DistrictBatchType,
  EnrollmentMonitorType,
  PendingSubmissionConnection,
  PendingSubmissionsArgs,
  ReadyListArgs,
  ReadyListConnection,
  RejectSubmissionMembersInput,
  RejectSubmissionMembersResult,
  ReturnSubmissionsInput,
  ReviewResult,
  SubmissionMembersRejected,
  SubmissionRefInput,
  SubmissionRejectionType,
  SubmissionsReviewed,
  SubmitDistrictBatchInput,
  SubmitDistrictBatchResult,
  TodoType,
  toDistrictBatchType,
  toVoucherType,
  VoucherType,
} from './review.types.js';

const refOf = (r: SubmissionRefInput): SubmissionRef => ({ id: toId(r.id), version: r.version });

/** 集中参保审核 (SPEC §9): the pending list, approving, returning, taking members out, the ready list. */
@Resolver()
@Allow(Permission.ENROLLMENT_REVIEW)
export class ReviewResolver {
  constructor(private readonly review: ReviewService) {}

  @Query(() => PendingSubmissionConnection, { description: '待审批参保列表: pending submissions of the subtree, oldest first' })
  async pendingSubmissions(@Ctx() ctx: AuthedContext, @Args(() => PendingSubmissionsArgs) args: PendingSubmissionsArgs): Promise<PendingSubmissionConnection> {
    const filter = {
      ...args,
      superiorId: args.superiorId == null ? null : toId(args.superiorId),
      planId: args.planId == null ? null : toId(args.planId),
    };
    return mapPage(await this.review.pending(ctx, filter, args), toSubmissionType);
  }

  @Query(() => ReadyListConnection, { description: '待提交参保列表: approved submissions of the subtree, with totals' })
  async readyList(@Ctx() ctx: AuthedContext, @Args(() => ReadyListArgs) args: ReadyListArgs): Promise<ReadyListConnection> {
    const r = await this.review.ready(ctx, args.year, args);
    return { ...mapPage(r, toSubmissionType), totals: r.totals };
  }

  @Mutation(() => ReviewResult, { description: '添加至待提交: approve, all or none' })
  async approveSubmissions(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => ApproveSubmissionsInput) input: ApproveSubmissionsInput,
  ): Promise<typeof ReviewResult> {
    return reviewed(await this.review.approve(ctx, input.submissions.map(refOf)));
  }

  @Mutation(() => ReviewResult, { description: '退回 with a reason, all or none' })
  async returnSubmissions(@Ctx() ctx: AuthedContext, @Arg('input', () => ReturnSubmissionsInput) input: ReturnSubmissionsInput): Promise<typeof ReviewResult> {
    return reviewed(await this.review.return(ctx, input.submissions.map(refOf), input.reason));
  }

  @Mutation(() => ReviewResult, { description: '移除: an approved submission back to pending' })
  async unapproveSubmission(@Ctx() ctx: AuthedContext, @Arg('submission', () => SubmissionRefInput) ref: SubmissionRefInput): Promise<typeof ReviewResult> {
    return reviewed(await this.review.unapprove(ctx, refOf(ref)));
  }

  @Mutation(() => RejectSubmissionMembersResult, { description: 'Takes single members out of a pending submission, with a reason' })
  async rejectSubmissionMembers(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => RejectSubmissionMembersInput) input: RejectSubmissionMembersInput,
  ): Promise<typeof RejectSubmissionMembersResult> {
    const r = await this.review.rejectMembers(ctx, refOf(input.submission), input.memberIds.map(toId), input.reason);
    return r instanceof UserError ? r : Object.assign(new SubmissionMembersRejected(), { submission: toSubmissionType(r) });
  }
}

function reviewed(r: number | UserError): typeof ReviewResult {
  return r instanceof UserError ? r : Object.assign(new SubmissionsReviewed(), { count: r });
}

/** What every reader of a submission sees of its review: 审核标识 and the members taken out. */
@Resolver(() => EnrollmentSubmissionType)
@Allow(Permission.ENROLLMENT_READ)
export class SubmissionReviewResolver {
  constructor(
    private readonly review: ReviewService,
    private readonly organizations: OrganizationService,
  ) {}

  @FieldResolver(() => OrganizationType, { nullable: true, description: '审核标识: the union whose reviewer approved it' })
  async approvedBy(@Ctx() ctx: AuthedContext, @Root() s: EnrollmentSubmissionType): Promise<OrganizationType | null> {
    return s.approvedByOrganizationId == null ? null : toOrganizationType(await this.organizations.get(ctx, s.approvedByOrganizationId));
  }

  @FieldResolver(() => [SubmissionRejectionType], { description: 'Members a reviewer took out, with why' })
  async rejections(@Ctx() ctx: AuthedContext, @Root() s: EnrollmentSubmissionType): Promise<SubmissionRejectionType[]> {
    return (await this.review.rejections(ctx, s.id)).map((r) => ({ ...r, member: toMemberType(r.member) }));
  }
}

/** 提交列表中的参保信息, 参保批次管理 (SPEC §9): the district's batches and vouchers; the center reads them too. */
@Resolver(() => DistrictBatchType)
@Allow(Permission.ENROLLMENT_READ)
export class DistrictBatchResolver {
  constructor(private readonly batches: DistrictBatchService) {}

  @Allow(Permission.DISTRICT_BATCH_SUBMIT)
  @Mutation(() => SubmitDistrictBatchResult, { description: 'Submits the ready list to the service center, inside the district window; once per clientKey' })
  async submitDistrictBatch(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => SubmitDistrictBatchInput) input: SubmitDistrictBatchInput,
  ): Promise<typeof SubmitDistrictBatchResult> {
    const r = await this.batches.submit(ctx, input);
    return r instanceof UserError ? r : Object.assign(new DistrictBatchSubmitted(), { batch: toDistrictBatchType(r) });
  }

  @Allow(Permission.DISTRICT_BATCH_SUBMIT)
  @Query(() => DistrictBatchConnection, { description: '参保批次管理: the district’s batches, newest first' })
  async districtBatches(@Ctx() ctx: AuthedContext, @Args(() => DistrictBatchesArgs) args: DistrictBatchesArgs): Promise<DistrictBatchConnection> {
    return mapPage(await this.batches.list(ctx, args, args), toDistrictBatchType);
  }

  @Query(() => DistrictBatchType, { description: 'One batch: the district’s own, or any for the center' })
  async districtBatch(@Ctx() ctx: AuthedContext, @Arg('id', () => ID) id: string): Promise<DistrictBatchType> {
    return toDistrictBatchType(await this.batches.get(ctx, toId(id)));
  }

  @Allow(Permission.DISTRICT_BATCH_SUBMIT)
  @Mutation(() => DistrictBatchResult, { description: '保存提交: hands the uploaded vouchers to the center' })
  async submitVouchers(@Ctx() ctx: AuthedContext, @Arg('batch', () => DistrictBatchRefInput) ref: DistrictBatchRefInput): Promise<typeof DistrictBatchResult> {
    const r = await this.batches.submitVouchers(ctx, { id: toId(ref.id), version: ref.version });
    return r instanceof UserError || r instanceof VersionConflict ? r : Object.assign(new DistrictBatchPayload(), { batch: toDistrictBatchType(r) });
  }

  @Allow(Permission.DISTRICT_BATCH_SUBMIT)
  @Mutation(() => DistrictBatchResult, { description: '删除: takes an uploaded voucher off the batch before 保存提交' })
  async removeVoucher(
    @Ctx() ctx: AuthedContext,
    @Arg('batch', () => DistrictBatchRefInput) ref: DistrictBatchRefInput,
    @Arg('voucherId', () => ID) voucherId: string,
  ): Promise<typeof DistrictBatchResult> {
    const r = await this.batches.removeVoucher(ctx, { id: toId(ref.id), version: ref.version }, toId(voucherId));
    return r instanceof UserError || r instanceof VersionConflict ? r : Object.assign(new DistrictBatchPayload(), { batch: toDistrictBatchType(r) });
  }

  @FieldResolver(() => [VoucherType], { description: '缴费凭证 files, oldest first (download: GET /api/district-batches/:id/vouchers/:voucherId)' })
  async vouchers(@Ctx() ctx: AuthedContext, @Root() b: DistrictBatchType): Promise<VoucherType[]> {
    return (await this.batches.vouchers(ctx, b.id)).map(toVoucherType);
  }

  @FieldResolver(() => [StateChangeType], { description: 'Its moves, oldest first' })
  async timeline(@Ctx() ctx: AuthedContext, @Root() b: DistrictBatchType): Promise<StateChangeType[]> {
    return (await this.batches.timeline(ctx, b.id)).map((c) => toStateChangeType(ctx, c));
  }
}

/** 集中参保实时监控 and 待办事项. */
@Resolver()
export class CampaignResolver {
  constructor(private readonly clock: Clock) {}

  @Allow(Permission.ENROLLMENT_MONITOR)
  @Query(() => EnrollmentMonitorType, { description: '集中参保实时监控: from maintained counters; poll it' })
  enrollmentMonitor(@Ctx() ctx: AuthedContext, @Arg('year', () => Int) year: number): Promise<EnrollmentMonitorType> {
    return enrollmentMonitor(ctx, year);
  }

  @Allow(Permission.MESSAGE_READ)
  @Query(() => [TodoType], { description: '待办事项 of the workbench, by the reader’s permissions' })
  todos(@Ctx() ctx: AuthedContext): Promise<TodoType[]> {
    return todosOf(ctx, this.clock);
  }
}
