import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import type { UserError, VersionConflict } from '../../common/errors/error-result.js';
import { readPage, type Page, type PageArgs } from '../../common/pagination/page.js';
import { assertAllInScope } from '../../org-scope/assert-in-scope.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import { Member } from '../member/member.entity.js';
import type { MemberFilter, MemberService } from '../member/member.service.js';
import { CardQueueEntry, CardQueueStatus } from './card-queue.entity.js';
import { callerUnion, QueueStore, type FilteredAdd, type QueueSummary, type RefusedMember } from './queue-store.js';

/** What queueing answered: who was added, and who was not (by reason). */
export interface QueueAdded extends FilteredAdd {
  queue: QueueSummary;
}

/** Queueing refused: nobody was added, because of these members. */
export interface QueueRefused {
  refused: RefusedMember[];
}

/**
 * 待办会员列表 (SPEC §6.2): a grassroots union's members waiting for a card application. The clerk adds
 * members (chosen, or every member of a filtered list), checks them (信息校验), corrects an ID expiry
 * date in place (修改证件到期日), removes whom the check refuses, and submits the rest as a card batch
 * (card-batch.service.ts). The queue is the caller's own union's (CARD_APPLY is granted at grassroots
 * unions only). Every change bumps the queue's version (see CardQueue).
 */
export class CardQueueService {
  readonly store = new QueueStore();

  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly members: MemberService,
  ) {}

  /** The queue's entries (of one check status, or all), oldest first, as the clerk works through them. */
  async list(ctx: AuthedContext, status: CardQueueStatus | null, pageArgs: PageArgs): Promise<Page<CardQueueEntry> & { summary: QueueSummary }> {
    const where = { organizationId: callerUnion(ctx).id, ...(status ? { status } : {}) };
    const [page, summary] = await Promise.all([
      readPage(
        ctx,
        pageArgs,
        {
          count: () => ctx.em.count(CardQueueEntry, where),
          fetch: (w) => ctx.em.find(CardQueueEntry, where, { orderBy: { id: w.reversed ? 'desc' : 'asc' }, offset: w.offset, limit: w.limit }),
        },
        (e) => e,
      ),
      this.summary(ctx),
    ]);
    return { ...page, summary };
  }

  summary(ctx: AuthedContext): Promise<QueueSummary> {
    return this.store.summary(ctx.em, callerUnion(ctx).id);
  }

  /**
   * Queues members: the chosen ones (`memberIds`, all-or-nothing: any of another union is NOT_FOUND, any
   * who can never get a card here, or has or is getting one, refuses the whole call, each with its
   * reasons), or every member of a filtered member list who can (`filter`; the others are counted by
   * reason). Members already queued stay as they are (a double click adds nobody twice).
   */
  async add(ctx: AuthedContext, input: { memberIds?: readonly string[] | null; filter?: MemberFilter | null }): Promise<QueueAdded | QueueRefused> {
    if ((input.memberIds == null) === (input.filter == null)) throw new AppError('BAD_USER_INPUT', ctx.t('cardQueueIdsOrFilter'), { field: 'memberIds' });
    const union = callerUnion(ctx);
    const now = this.clock.now();
    const today = this.clock.today();
    const accountId = ctx.viewer.accountId;
    const matching = input.filter ? await this.members.idsQuery(ctx, input.filter) : null;
    const ids = input.memberIds ? await this.inScope(ctx, input.memberIds) : [];
    try {
      const added = await ctx.em.transactional(async (tx): Promise<FilteredAdd> => {
        await this.store.lock(tx, union, now);
        let result: FilteredAdd;
        if (matching) result = await this.store.addMatching(tx, union, matching, today, accountId, now);
        else {
          const refused = await this.store.refusals(tx, union.id, ids, today);
          if (refused.length) throw new Refused(refused);
          const n = await this.store.add(tx, union, ids, accountId, now);
          result = { added: n, alreadyQueued: ids.length - n, skipped: [] };
        }
        this.record(ctx, tx, 'card.queued', result.added);
        return result;
      });
      return { ...added, queue: await this.summary(ctx) };
    } catch (e) {
      if (e instanceof Refused) return { refused: e.members };
      throw e;
    }
  }

  /**
   * Takes the chosen members (of the caller's union: any other is NOT_FOUND), or every entry of a check
   * status, out of the queue; a chosen member not in it is nothing to do (a double click).
   */
  async remove(
    ctx: AuthedContext,
    input: { memberIds?: readonly string[] | null; status?: CardQueueStatus | null },
  ): Promise<{ removed: number; queue: QueueSummary }> {
    if ((input.memberIds == null) === (input.status == null)) throw new AppError('BAD_USER_INPUT', ctx.t('cardQueueIdsOrFilter'), { field: 'memberIds' });
    const union = callerUnion(ctx);
    const which = input.memberIds ? { memberIds: await this.inScope(ctx, input.memberIds) } : { status: input.status! };
    const removed = await ctx.em.transactional(async (tx) => {
      await this.store.lock(tx, union, this.clock.now());
      const n = await this.store.remove(tx, union.id, which);
      this.record(ctx, tx, 'card.unqueued', n);
      return n;
    });
    return { removed, queue: await this.summary(ctx) };
  }

  /** 信息校验 of the whole queue, or of the chosen members' entries (members of the caller's union): each PASSED, or FAILED with every reason. */
  async check(ctx: AuthedContext, chosen: readonly string[] | null): Promise<{ checked: number; queue: QueueSummary }> {
    const union = callerUnion(ctx);
    const memberIds = chosen ? await this.inScope(ctx, chosen) : null;
    const checked = await ctx.em.transactional(async (tx) => {
      await this.store.lock(tx, union, this.clock.now());
      return this.store.check(tx, union.id, memberIds, this.clock.today(), this.clock.now());
    });
    return { checked, queue: await this.summary(ctx) };
  }

  /** 修改证件到期日 (audited, versioned like any member edit); a queued member is checked again at once. */
  updateIdExpiry(ctx: AuthedContext, memberId: number, version: number, idExpiry: string): Promise<Member | VersionConflict | UserError> {
    const union = callerUnion(ctx);
    return this.members.updateIdExpiry(ctx, memberId, version, idExpiry, async (m, tx) => {
      if (!(await tx.count(CardQueueEntry, { organizationId: union.id, memberId: m.id }))) return;
      await this.store.lock(tx, union, this.clock.now());
      await this.store.check(tx, union.id, [m.id], this.clock.today(), this.clock.now());
    });
  }

  /** The ids of these members, all of the caller's union (NOT_FOUND naming any other, as assertAllInScope does). */
  private async inScope(ctx: AuthedContext, memberIds: readonly string[]): Promise<number[]> {
    return (await assertAllInScope(ctx, Member, memberIds)).map((m) => m.id);
  }

  /** The audit row of a change of the queue's members (none when nobody came or went), under the union. */
  private record(ctx: AuthedContext, tx: EntityManager, action: 'card.queued' | 'card.unqueued', count: number): void {
    if (!count) return;
    const union = callerUnion(ctx);
    this.audit.record(ctx, tx, { action, organization: union, targetType: 'Organization', targetId: union.id, after: { memberCount: count } });
  }
}

/** Unwinds the queueing transaction and carries the refused members out. */
class Refused extends Error {
  constructor(readonly members: RefusedMember[]) {
    super('refused');
  }
}
