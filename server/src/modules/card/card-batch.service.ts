import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { userError, type UserError, type VersionConflict } from '../../common/errors/error-result.js';
import { readPage, reverseOrder, sortOrder, SortDirection, type Page, type PageArgs } from '../../common/pagination/page.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import { changeVersioned } from '../../changes/versioned-change.js';
import { moverOf, recordCreation, timelineOf, transition } from '../../changes/transition.js';
import type { StateChange } from '../../changes/state-change.entity.js';
import { enqueue } from '../../jobs/queue.js';
import { CARD_BATCH_MACHINE, CardBatchEvent, CardBatchStatus } from '../../domain/card-batch-states.js';
import { ancestorAt, subtreePattern } from '../../org-scope/org-path.js';
import { escapeLike } from '../../org-scope/like-pattern.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { MessageKind } from '../message/message.entity.js';
import type { MessageService } from '../message/message.service.js';
import { CardQueue } from './card-queue.entity.js';
import { CardBatch, CardBatchMember, type CardBatchMemberStatus } from './card-batch.entity.js';
import { BatchStore } from './batch-store.js';
import { callerUnion, type QueueStore, type Union } from './queue-store.js';
import { PRODUCE_TASK, type ProduceJob } from './card-issuing.js';

/** The tier depth of a district (区局(产业)工会): the center is 1. */
const DISTRICT_DEPTH = 2;

export enum CardBatchSort {
  NEWEST = 'NEWEST',
  BATCH_NO = 'BATCH_NO',
}

export interface CardBatchFilter {
  /** Batches of unions in this union's subtree (one in the caller's); default: the caller's subtree. */
  organizationId?: number | null;
  status?: CardBatchStatus | null;
  /** The batch number or its start. */
  search?: string | null;
  sort?: CardBatchSort | null;
  direction?: SortDirection | null;
}

export enum RevocationDecision {
  APPROVE = 'APPROVE',
  REFUSE = 'REFUSE',
}

/**
 * 办卡批次 (SPEC §6.3): submitting a union's card queue as a batch, reading batches, and their
 * revocation (撤销办卡批次): asked by the union's clerk, decided by its district. Issuing itself is the
 * jobs' (card-issuing.ts). Every move of a batch goes through the transition kernel.
 */
export class CardBatchService {
  readonly store = new BatchStore();

  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationService,
    private readonly messages: MessageService,
    private readonly queues: QueueStore,
    private readonly issueAttempts: number,
  ) {}

  /**
   * 提交办卡: every PASSED member of the caller's queue becomes one SUBMITTED batch, whose production is
   * queued as a job. Refused while any entry is unchecked or failed, or a passed member changed since
   * the check. `queueVersion` is the queue's version the clerk saw: if anyone changed the queue since
   * (another clerk submitting it, a double click), a VersionConflict and nothing written.
   */
  async submit(ctx: AuthedContext, queueVersion: number): Promise<CardBatch | VersionConflict | UserError> {
    const union = callerUnion(ctx);
    const now = this.clock.now();
    const today = this.clock.today();
    if (!(await ctx.em.fork().count(CardQueue, { id: union.id }))) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('cardQueueEmpty'));
    let submitted: { batchNo: string; memberCount: number } | null = null;
    let batchId = 0;
    const result = await changeVersioned(ctx, this.audit, {
      entity: CardQueue,
      id: union.id,
      version: queueVersion,
      action: 'card.batch_submitted',
      targetType: 'Organization',
      organization: () => union,
      view: () => ({ batchNo: submitted?.batchNo ?? null, memberCount: submitted?.memberCount ?? null }),
      apply: async (queue, tx) => {
        const s = await this.queues.summary(tx, union.id);
        if (s.notCheckedCount + s.failedCount > 0) {
          return userError(ErrorCode.BAD_USER_INPUT, ctx.t('cardQueueBlocked', { failed: s.failedCount, notChecked: s.notCheckedCount }));
        }
        if (!s.passedCount) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('cardQueueEmpty'));
        const stale = await this.queues.stalePassed(tx, union.id, today);
        if (stale) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('cardQueueStale', { count: stale }));
        queue.lastBatchNo = await this.store.nextBatchNo(tx, today);
        queue.updatedAt = now;
        submitted = { batchNo: queue.lastBatchNo, memberCount: s.passedCount };
      },
      // Under the queue's row lock: a racer that lost never gets here.
      written: async (queue, tx) => {
        const batch = await this.store.create(tx, union, queue.lastBatchNo!, ctx.viewer.accountId, now);
        batchId = batch.id;
        recordCreation(tx, CARD_BATCH_MACHINE, { id: batch.id, orgPath: union.path }, moverOf(ctx), now);
        await enqueue(ctx, tx, PRODUCE_TASK, { batchId: batch.id } satisfies ProduceJob, { maxAttempts: this.issueAttempts });
      },
    });
    return result instanceof CardQueue ? this.get(ctx, batchId) : result;
  }

  async list(ctx: AuthedContext, filter: CardBatchFilter, pageArgs: PageArgs): Promise<Page<CardBatch>> {
    const scope = filter.organizationId != null ? (await this.organizations.get(ctx, filter.organizationId)).path : ctx.viewer.orgPath;
    const where = {
      orgPath: { $like: subtreePattern(scope) },
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.search?.trim() ? { batchNo: { $like: `${escapeLike(filter.search.trim().toUpperCase())}%` } } : {}),
    };
    const sort = filter.sort ?? CardBatchSort.NEWEST;
    const order = sortOrder(
      sort === CardBatchSort.NEWEST ? { id: 'asc' } : { batchNo: 'asc' },
      filter.direction ?? (sort === CardBatchSort.NEWEST ? SortDirection.DESC : SortDirection.ASC),
    );
    return readPage(
      ctx,
      pageArgs,
      {
        count: () => ctx.em.count(CardBatch, where),
        fetch: (w) => ctx.em.find(CardBatch, where, { orderBy: w.reversed ? reverseOrder(order) : order, offset: w.offset, limit: w.limit }),
      },
      (b) => b,
    );
  }

  /** A batch in the caller's scope (NOT_FOUND otherwise), read afresh. */
  async get(ctx: AuthedContext, id: number): Promise<CardBatch> {
    const batch = await ctx.em.fork().findOne(CardBatch, id);
    if (!batch) throw new AppError('NOT_FOUND', ctx.t('notFound'));
    return batch;
  }

  /** A batch's members with the issuer's answer each, in member order. */
  members(ctx: AuthedContext, batchId: number, status: CardBatchMemberStatus | null, pageArgs: PageArgs): Promise<Page<CardBatchMember>> {
    const where = { batchId, ...(status ? { status } : {}) };
    return readPage(
      ctx,
      pageArgs,
      {
        count: () => ctx.em.count(CardBatchMember, where),
        fetch: (w) => ctx.em.find(CardBatchMember, where, { orderBy: { memberId: w.reversed ? 'desc' : 'asc' }, offset: w.offset, limit: w.limit }),
      },
      (m) => m,
    );
  }

  timeline(ctx: AuthedContext, id: number): Promise<StateChange[]> {
    return timelineOf(ctx.em, CARD_BATCH_MACHINE.subject, id);
  }

  /** 申请撤销: the union's clerk asks its district to revoke an issued (or partly failed) batch, with a reason. */
  async requestRevocation(ctx: AuthedContext, id: number, reason: string): Promise<CardBatch> {
    const batch = await this.get(ctx, id);
    await this.move(ctx, batch, CardBatchEvent.REQUEST_REVOCATION, reason, async (tx) => {
      this.recordAudit(ctx, tx, 'card.revocation_requested', batch, reason);
      const district = ancestorAt(batch.orgPath, DISTRICT_DEPTH);
      const union = await this.organizations.get(ctx, batch.organizationId);
      if (district) {
        await this.messages.send(tx, {
          recipient: district,
          kind: MessageKind.CARD_REVOCATION_REQUESTED,
          params: { organization: union.name, batchNo: batch.batchNo, count: batch.issuedCount, reason },
        });
      }
    });
    return this.get(ctx, id);
  }

  /**
   * 撤销办卡批次审核 by the batch's district: granting cancels the batch's cards and puts their members
   * back in the union's queue; refusing (a reason required) leaves the cards. The union is told either way.
   */
  async reviewRevocation(ctx: AuthedContext, id: number, decision: RevocationDecision, reason: string | null): Promise<CardBatch | UserError> {
    const batch = await this.get(ctx, id);
    const union: Union = { id: batch.organizationId, path: batch.orgPath };
    if (decision === RevocationDecision.REFUSE && !reason) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('cardRefusalReasonRequired'), 'reason');
    const approve = decision === RevocationDecision.APPROVE;
    await this.move(ctx, batch, approve ? CardBatchEvent.APPROVE_REVOCATION : CardBatchEvent.REFUSE_REVOCATION, reason, async (tx) => {
      const now = this.clock.now();
      if (approve) {
        const members = await this.store.revokeCards(tx, batch.id, this.clock.today());
        await this.queues.requeue(
          tx,
          union,
          members.map((memberId) => ({ memberId, problem: null })),
          now,
        );
      }
      this.recordAudit(ctx, tx, approve ? 'card.revocation_approved' : 'card.revocation_refused', batch, reason);
      await this.messages.send(tx, {
        recipient: union,
        kind: approve ? MessageKind.CARD_REVOCATION_APPROVED : MessageKind.CARD_REVOCATION_REFUSED,
        params: { batchNo: batch.batchNo, reason: reason ?? '' },
      });
    });
    return this.get(ctx, id);
  }

  /** A user's move of the batch (the kernel checks it and records it), then `more` in the same transaction. */
  private async move(ctx: AuthedContext, batch: CardBatch, event: CardBatchEvent, reason: string | null, more: (tx: EntityManager) => Promise<void>) {
    const now = this.clock.now();
    const reasons =
      event === CardBatchEvent.REQUEST_REVOCATION
        ? { revocationReason: reason ?? undefined }
        : event === CardBatchEvent.REFUSE_REVOCATION
          ? { refusalReason: reason ?? undefined }
          : {};
    await ctx.em.transactional(async (tx) => {
      await transition(
        ctx,
        tx,
        {
          machine: CARD_BATCH_MACHINE,
          subject: { id: batch.id, orgPath: batch.orgPath },
          from: batch.status,
          event,
          by: moverOf(ctx),
          at: now,
          reason: reason ? { text: reason } : undefined,
        },
        (to) => this.store.move(tx, batch.id, batch.status, to, now, reasons),
      );
      await more(tx);
    });
  }

  private recordAudit(
    ctx: AuthedContext,
    tx: EntityManager,
    action: 'card.revocation_requested' | 'card.revocation_approved' | 'card.revocation_refused',
    batch: CardBatch,
    reason: string | null,
  ): void {
    this.audit.record(ctx, tx, {
      action,
      organization: { id: batch.organizationId, path: batch.orgPath },
      targetType: 'CardBatch',
      targetId: batch.id,
      after: { batchNo: batch.batchNo, reason },
    });
  }
}
