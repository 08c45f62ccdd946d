import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { toId } from '../../common/ids.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { UserError } from '../../common/errors/error-result.js';
import { PageArgs } from '../../common/pagination/page.js';
import type { AuthedContext } from '../../common/request-context.js';
import type { MessageKey } from '../../common/i18n/messages.js';
import { CardCheckProblem } from '../../domain/card-rules.js';
import { wasChanged } from '../../changes/versioned-change.js';
import { MemberPayload, MemberResult, MemberType, UpdateMemberIdExpiryInput, toMemberType } from '../member/member.type.js';
import type { MemberFilter } from '../member/member.service.js';
import { CardQueueStatus, type CardQueueEntry, type StoredProblem } from './card-queue.entity.js';
import type { CardQueueService } from './card-queue.service.js';
import {
  AddToCardQueueInput,
  AddToCardQueuePayload,
  AddToCardQueueResult,
  CardQueueConnection,
  CardQueueEntryType,
  CardQueueRefusal,
  CheckCardQueuePayload,
  RemoveFromCardQueueInput,
  RemoveFromCardQueuePayload,
  type CardProblem,
  type MemberFilterInput,
} from './card.types.js';

/** The clerk's words for each problem of the check. */
const PROBLEM_TEXT: Record<CardCheckProblem, MessageKey> = {
  [CardCheckProblem.NOT_IN_UNION]: 'cardNotInUnion',
  [CardCheckProblem.NOT_IN_ENTERPRISE]: 'cardNotInEnterprise',
  [CardCheckProblem.NOT_ACTIVE]: 'cardNotActive',
  [CardCheckProblem.NOT_RESIDENT_ID]: 'cardNotResidentId',
  [CardCheckProblem.ID_EXPIRY_MISSING]: 'cardIdExpiryMissing',
  [CardCheckProblem.ID_EXPIRED]: 'cardIdExpired',
  [CardCheckProblem.WORK_ADDRESS]: 'cardWorkAddress',
  [CardCheckProblem.MOBILE_MISSING]: 'cardMobileMissing',
  [CardCheckProblem.HAS_CARD]: 'cardHasCard',
  [CardCheckProblem.IN_LIVE_BATCH]: 'cardInLiveBatch',
  [CardCheckProblem.ISSUER_REFUSED]: 'cardIssuerRefused',
};

export function toCardProblem(ctx: AuthedContext, p: StoredProblem): CardProblem {
  const code = p.code as CardCheckProblem;
  return { code, message: ctx.t(PROBLEM_TEXT[code], p.params) };
}

export function toMemberFilter(f: MemberFilterInput): MemberFilter {
  return {
    ...f,
    organizationId: f.organizationId == null ? null : toId(f.organizationId),
    enterpriseId: f.enterpriseId == null ? null : toId(f.enterpriseId),
  };
}

function toEntryType(ctx: AuthedContext, e: CardQueueEntry): CardQueueEntryType {
  return {
    id: e.id,
    status: e.status,
    problems: e.problems.map((p) => toCardProblem(ctx, p)),
    addedAt: e.addedAt,
    checkedAt: e.checkedAt ?? null,
    memberId: e.memberId,
  };
}

@ArgsType()
class CardQueueArgs extends PageArgs {
  @Field(() => CardQueueStatus, { nullable: true, description: 'Only entries of this check status' })
  status?: CardQueueStatus | null;
}

/** 待办会员列表 of the caller's grassroots union. */
@Resolver(() => CardQueueEntryType)
@Allow(Permission.CARD_APPLY)
export class CardQueueResolver {
  constructor(private readonly queue: CardQueueService) {}

  @Query(() => CardQueueConnection, { description: "待办会员列表: the caller's union's card queue, in the order members were added" })
  async cardQueue(@Ctx() ctx: AuthedContext, @Args(() => CardQueueArgs) args: CardQueueArgs): Promise<CardQueueConnection> {
    const page = await this.queue.list(ctx, args.status ?? null, args);
    return { ...page, nodes: page.nodes.map((e) => toEntryType(ctx, e)) };
  }

  @Mutation(() => AddToCardQueueResult, { description: 'Queues members for a card (NOT_CHECKED); see AddToCardQueueInput' })
  async addToCardQueue(@Ctx() ctx: AuthedContext, @Arg('input', () => AddToCardQueueInput) input: AddToCardQueueInput): Promise<typeof AddToCardQueueResult> {
    const r = await this.queue.add(ctx, { memberIds: input.memberIds, filter: input.filter ? toMemberFilter(input.filter) : null });
    if ('refused' in r) {
      const members = r.refused.map((m) => ({ ...m, problems: m.problems.map((code) => toCardProblem(ctx, { code })) }));
      const names = members.map((m) => `${m.name}（${m.problems.map((p) => p.message).join('；')}）`).join(ctx.lang === 'en' ? ', ' : '、');
      return Object.assign(new CardQueueRefusal(), {
        code: ErrorCode.BAD_USER_INPUT,
        message: ctx.t('cardQueueRefused', { count: members.length, members: names }),
        members,
      });
    }
    return Object.assign(new AddToCardQueuePayload(), {
      ...r,
      skipped: r.skipped.map((s) => ({ ...toCardProblem(ctx, { code: s.problem }), count: s.count })),
    });
  }

  @Mutation(() => RemoveFromCardQueuePayload, { description: 'Takes members out of the queue (ones not in it: nothing to do)' })
  async removeFromCardQueue(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => RemoveFromCardQueueInput) input: RemoveFromCardQueueInput,
  ): Promise<RemoveFromCardQueuePayload> {
    return this.queue.remove(ctx, { memberIds: input.memberIds, status: input.status });
  }

  @Mutation(() => CheckCardQueuePayload, { description: '信息校验 of the whole queue, or of the entries of these members' })
  checkCardQueue(@Ctx() ctx: AuthedContext, @Arg('memberIds', () => [ID], { nullable: true }) memberIds: string[] | null): Promise<CheckCardQueuePayload> {
    return this.queue.check(ctx, memberIds);
  }

  @Allow(Permission.MEMBER_WRITE)
  @Mutation(() => MemberResult, { description: '修改证件到期日 (audited); a queued member is checked again at once' })
  async updateMemberIdExpiry(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => UpdateMemberIdExpiryInput) input: UpdateMemberIdExpiryInput,
  ): Promise<typeof MemberResult> {
    const r = await this.queue.updateIdExpiry(ctx, toId(input.memberId), input.version, input.idExpiry);
    if (r instanceof UserError) return r;
    return Object.assign(new MemberPayload(), { member: toMemberType(r), changed: wasChanged(r, input.version) });
  }

  @FieldResolver(() => MemberType, { nullable: true, description: 'Null once the member has moved to another union (the check says so)' })
  async member(@Ctx() ctx: AuthedContext, @Root() e: CardQueueEntryType): Promise<MemberType | null> {
    const m = await ctx.loaders.member.load(e.memberId);
    return m && toMemberType(m);
  }
}
