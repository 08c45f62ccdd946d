import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { toId } from '../../common/ids.js';
import { mapPage } from '../../common/pagination/page.js';
import { UserError } from '../../common/errors/error-result.js';
import type { AuthedContext } from '../../common/request-context.js';
import { toMemberType } from '../member/member.type.js';
import type { DistrictBatchService } from '../review/district-batch.service.js';
import {
  DistrictBatchConnection,
  DistrictBatchesArgs,
  DistrictBatchPayload,
  DistrictBatchRefInput,
  DistrictBatchResult,
  ReturnDistrictBatchInput,
  toDistrictBatchType,
} from '../review/review.types.js';
import type { CenterService } from './center.service.js';
import { CoverageArgs, CoverageConnection } from './center.types.js';

/** 职保中心 (SPEC §10): the inbox of district batches and its moves. */
@Resolver()
@Allow(Permission.DISTRICT_BATCH_REVIEW)
export class CenterResolver {
  constructor(
    private readonly center: CenterService,
    private readonly batches: DistrictBatchService,
  ) {}

  @Query(() => DistrictBatchConnection, { description: 'Every district’s batches, newest first' })
  async centerBatches(@Ctx() ctx: AuthedContext, @Args(() => DistrictBatchesArgs) args: DistrictBatchesArgs): Promise<DistrictBatchConnection> {
    return mapPage(await this.batches.list(ctx, args, args), toDistrictBatchType);
  }

  @Mutation(() => DistrictBatchResult, { description: '确认: records 职保中心确认时间' })
  async confirmDistrictBatch(
    @Ctx() ctx: AuthedContext,
    @Arg('batch', () => DistrictBatchRefInput) ref: DistrictBatchRefInput,
  ): Promise<typeof DistrictBatchResult> {
    return payload(await this.center.confirm(ctx, { id: toId(ref.id), version: ref.version }));
  }

  @Mutation(() => DistrictBatchResult, { description: '完成: every member of the batch is covered for the year (vouchers submitted first)' })
  async completeDistrictBatch(
    @Ctx() ctx: AuthedContext,
    @Arg('batch', () => DistrictBatchRefInput) ref: DistrictBatchRefInput,
  ): Promise<typeof DistrictBatchResult> {
    return payload(await this.center.complete(ctx, { id: toId(ref.id), version: ref.version }));
  }

  @Mutation(() => DistrictBatchResult, { description: '退回: its submissions go back to the district’s ready list' })
  async returnDistrictBatch(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => ReturnDistrictBatchInput) input: ReturnDistrictBatchInput,
  ): Promise<typeof DistrictBatchResult> {
    return payload(await this.center.sendBack(ctx, { id: toId(input.batch.id), version: input.batch.version }, input.reason));
  }
}

/** 保障信息查询: who is covered in the caller's subtree. */
@Resolver()
@Allow(Permission.ENROLLMENT_READ)
export class CoverageResolver {
  constructor(private readonly center: CenterService) {}

  @Query(() => CoverageConnection, { description: 'Covered members of the caller’s subtree, by name' })
  async coverage(@Ctx() ctx: AuthedContext, @Args(() => CoverageArgs) args: CoverageArgs): Promise<CoverageConnection> {
    const filter = { year: args.year, organizationId: args.organizationId == null ? null : toId(args.organizationId) };
    return mapPage(await this.center.coverage(ctx, filter, args), (c) => ({ ...c, member: toMemberType(c.member) }));
  }
}

function payload(r: Parameters<typeof toDistrictBatchType>[0] | UserError): typeof DistrictBatchResult {
  return r instanceof UserError ? r : Object.assign(new DistrictBatchPayload(), { batch: toDistrictBatchType(r) });
}
