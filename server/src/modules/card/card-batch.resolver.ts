import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { toId } from '../../common/ids.js';
import { UserError } from '../../common/errors/error-result.js';
import { PageArgs, SortDirection } from '../../common/pagination/page.js';
import type { AuthedContext } from '../../common/request-context.js';
import { PlainText } from '../../common/text/input-text.js';
import { eventsOpen } from '../../domain/state-machine.js';
import { CARD_BATCH_MACHINE, CardBatchStatus } from '../../domain/card-batch-states.js';
import { StateChangeType, toStateChangeType } from '../../changes/state-change.type.js';
import { OrganizationType, toOrganizationType } from '../organization/organization.type.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { MemberType, toMemberType } from '../member/member.type.js';
import { CardBatchMemberStatus, type CardBatch, type CardBatchMember } from './card-batch.entity.js';
import { CardBatchSort, type CardBatchService } from './card-batch.service.js';
import { ISSUER_UNAVAILABLE } from './card-issuing.js';
import { toCardProblem } from './card-queue.resolver.js';
import {
  CardBatchConnection,
  CardBatchMemberConnection,
  CardBatchMemberType,
  CardBatchPayload,
  CardBatchResult,
  CardBatchType,
  RequestCardBatchRevocationInput,
  ReviewCardBatchRevocationInput,
  SubmitCardBatchResult,
} from './card.types.js';

function toBatchType(ctx: AuthedContext, b: CardBatch): CardBatchType {
  return {
    id: b.id,
    batchNo: b.batchNo,
    status: b.status,
    availableEvents: eventsOpen(CARD_BATCH_MACHINE, b.status, ctx.viewer.permissions),
    memberCount: b.memberCount,
    issuedCount: b.issuedCount,
    failedCount: b.failedCount,
    pendingCount: b.memberCount - b.issuedCount - b.failedCount,
    submittedAt: b.submittedAt,
    finishedAt: b.finishedAt ?? null,
    stuckReason: b.stuck?.code === ISSUER_UNAVAILABLE ? ctx.t('cardIssuerUnavailable', b.stuck.params) : null,
    revocationReason: b.revocationReason ?? null,
    refusalReason: b.refusalReason ?? null,
    organizationId: b.organizationId,
    submittedById: b.submittedBy,
  };
}

function payload(ctx: AuthedContext, b: CardBatch): CardBatchPayload {
  return Object.assign(new CardBatchPayload(), { batch: toBatchType(ctx, b) });
}

@ArgsType()
class CardBatchesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Batches of the unions in this union's subtree (one in the caller's); default: the caller's subtree" })
  organizationId?: string | null;

  @Field(() => CardBatchStatus, { nullable: true, description: 'e.g. REVOCATION_REQUESTED: what a district has to review' })
  status?: CardBatchStatus | null;

  @Field(() => String, { nullable: true, description: 'A batch number, or its start' })
  @PlainText('batch number: compared, never stored')
  @MaxLength(20)
  search?: string | null;

  @Field(() => CardBatchSort, { nullable: true, defaultValue: CardBatchSort.NEWEST })
  sort?: CardBatchSort | null;

  @Field(() => SortDirection, { nullable: true, description: "Default: the sort's own (NEWEST: DESC, BATCH_NO: ASC)" })
  direction?: SortDirection | null;
}

@ArgsType()
class BatchMembersArgs extends PageArgs {
  @Field(() => CardBatchMemberStatus, { nullable: true })
  status?: CardBatchMemberStatus | null;
}

/** 办卡批次: read by whoever reads the members (the union and its superiors), submitted and revoked as the table says. */
@Resolver(() => CardBatchType)
@Allow(Permission.MEMBER_READ)
export class CardBatchResolver {
  constructor(
    private readonly batches: CardBatchService,
    private readonly organizations: OrganizationService,
  ) {}

  @Query(() => CardBatchConnection, { description: "办卡批次管理: batches of the caller's subtree" })
  async cardBatches(@Ctx() ctx: AuthedContext, @Args(() => CardBatchesArgs) args: CardBatchesArgs): Promise<CardBatchConnection> {
    const page = await this.batches.list(ctx, { ...args, organizationId: args.organizationId == null ? null : toId(args.organizationId) }, args);
    return { ...page, nodes: page.nodes.map((b) => toBatchType(ctx, b)) };
  }

  @Query(() => CardBatchType)
  async cardBatch(@Ctx() ctx: AuthedContext, @Arg('id', () => ID) id: string): Promise<CardBatchType> {
    return toBatchType(ctx, await this.batches.get(ctx, toId(id)));
  }

  @Allow(Permission.CARD_APPLY)
  @Mutation(() => SubmitCardBatchResult, {
    description: "提交办卡: every passed member of the caller's queue as one batch. queueVersion: cardQueue's summary.version as the clerk saw it",
  })
  async submitCardBatch(@Ctx() ctx: AuthedContext, @Arg('queueVersion', () => Int) queueVersion: number): Promise<typeof SubmitCardBatchResult> {
    const r = await this.batches.submit(ctx, queueVersion);
    return r instanceof UserError ? r : payload(ctx, r);
  }

  @Allow(Permission.CARD_APPLY)
  @Mutation(() => CardBatchResult, { description: 'Asks the district to revoke an ISSUED or PARTIALLY_FAILED batch; a second ask: CONFLICT' })
  async requestCardBatchRevocation(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => RequestCardBatchRevocationInput) input: RequestCardBatchRevocationInput,
  ): Promise<typeof CardBatchResult> {
    return payload(ctx, await this.batches.requestRevocation(ctx, toId(input.batchId), input.reason));
  }

  @Allow(Permission.CARD_REVOCATION_REVIEW)
  @Mutation(() => CardBatchResult, {
    description: '撤销办卡批次审核 by the batch’s district: APPROVE revokes it (its members back in the queue), REFUSE needs a reason',
  })
  async reviewCardBatchRevocation(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => ReviewCardBatchRevocationInput) input: ReviewCardBatchRevocationInput,
  ): Promise<typeof CardBatchResult> {
    const r = await this.batches.reviewRevocation(ctx, toId(input.batchId), input.decision, input.reason ?? null);
    return r instanceof UserError ? r : payload(ctx, r);
  }

  @FieldResolver(() => OrganizationType, { description: 'The grassroots union that submitted it' })
  async organization(@Ctx() ctx: AuthedContext, @Root() b: CardBatchType): Promise<OrganizationType> {
    return toOrganizationType(await this.organizations.get(ctx, b.organizationId));
  }

  @FieldResolver(() => String, { nullable: true, description: 'The username of the clerk who submitted it' })
  async submittedBy(@Ctx() ctx: AuthedContext, @Root() b: CardBatchType): Promise<string | null> {
    return (await ctx.loaders.account.load(b.submittedById))?.username ?? null;
  }

  @FieldResolver(() => [StateChangeType], { description: 'Its moves, oldest first' })
  async timeline(@Ctx() ctx: AuthedContext, @Root() b: CardBatchType): Promise<StateChangeType[]> {
    return (await this.batches.timeline(ctx, b.id)).map((c) => toStateChangeType(ctx, c));
  }

  @FieldResolver(() => CardBatchMemberConnection, { description: 'Its members with the issuer’s answer each, by member' })
  async members(@Ctx() ctx: AuthedContext, @Root() b: CardBatchType, @Args(() => BatchMembersArgs) args: BatchMembersArgs): Promise<CardBatchMemberConnection> {
    const page = await this.batches.members(ctx, b.id, args.status ?? null, args);
    return { ...page, nodes: page.nodes.map((m) => toBatchMemberType(ctx, m)) };
  }
}

function toBatchMemberType(ctx: AuthedContext, m: CardBatchMember): CardBatchMemberType {
  return {
    status: m.status,
    cardNumberMasked: m.cardNumberMasked ?? null,
    failure: m.failure ? toCardProblem(ctx, m.failure).message : null,
    memberId: m.memberId,
  };
}

@Resolver(() => CardBatchMemberType)
@Allow(Permission.MEMBER_READ)
export class CardBatchMemberResolver {
  @FieldResolver(() => MemberType, { nullable: true, description: 'Null once the member has moved out of the caller’s scope' })
  async member(@Ctx() ctx: AuthedContext, @Root() m: CardBatchMemberType): Promise<MemberType | null> {
    const member = await ctx.loaders.member.load(m.memberId);
    return member && toMemberType(member);
  }
}
