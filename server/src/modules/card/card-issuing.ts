import { setTimeout as sleep } from 'node:timers/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import type { PiiCipher } from '../../pii/pii-cipher.js';
import type { CardIssuer, CardIssueOutcome } from '../../adapters/card-issuer/card-issuer.js';
import { isCardNumber, maskCardNumber } from '../../domain/card-number.js';
import { CardCheckProblem } from '../../domain/card-rules.js';
import { CARD_BATCH_MACHINE, CardBatchEvent, CardBatchStatus } from '../../domain/card-batch-states.js';
import { transition } from '../../changes/transition.js';
import { enqueueMany } from '../../jobs/queue.js';
import type { JobAttempt } from '../../jobs/worker.js';
import { MessageKind } from '../message/message.entity.js';
import type { MessageService } from '../message/message.service.js';
import { CardBatch } from './card-batch.entity.js';
import type { BatchCounts, BatchStore, IssuedCard } from './batch-store.js';
import type { QueueStore, Union } from './queue-store.js';
import type { StoredProblem } from './card-queue.entity.js';

/** The job that hands a submitted batch to the issuer: it moves it IN_PRODUCTION and queues a job per chunk. */
export const PRODUCE_TASK = 'card.produce';
/** The job that gets one chunk of a batch issued. */
export const ISSUE_TASK = 'card.issue';

export interface ProduceJob {
  batchId: number;
}

export interface IssueJob {
  batchId: number;
  chunk: number;
}

export interface IssuingOptions {
  /** Tries of each job before the batch is shown stuck. */
  attempts: number;
  /** Seconds an issuer call may take. */
  timeoutSeconds: number;
}

/** The issuer's refusal of a member, in its words (kept short). */
function refusal(reason: string): StoredProblem {
  return { code: CardCheckProblem.ISSUER_REFUSED, params: { reason: String(reason).slice(0, 200) } };
}

/** The stuck reason of a batch whose job gave up. */
export const ISSUER_UNAVAILABLE = 'ISSUER_UNAVAILABLE';

/**
 * Card production, as jobs run for the clerk who submitted (their scope and language). A batch's
 * members go to the issuer in chunks (batch-store.ts CHUNK_SIZE), one job each, so a batch of 10,000
 * is a hundred requests that workers share. Each chunk's answers are stored in one transaction, and
 * only for members still pending, so a retried or re-run chunk (a killed worker's) does nothing twice.
 * The chunk that answers the batch's last member finishes it: ISSUED, or PARTIALLY_FAILED with the
 * refused members back in the queue, and a message to the union either way. An issuer that fails or
 * does not answer in time makes the job retry (with backoff); after the last try the batch stays
 * IN_PRODUCTION, marked stuck with the reason, and its pending members stay where they are.
 */
export class CardIssuing {
  constructor(
    private readonly clock: Clock,
    private readonly cipher: PiiCipher,
    private readonly issuer: CardIssuer,
    private readonly messages: MessageService,
    private readonly batches: BatchStore,
    private readonly queues: QueueStore,
    private readonly options: IssuingOptions,
  ) {}

  async produce(ctx: AuthedContext, { batchId }: ProduceJob): Promise<void> {
    const batch = await ctx.em.fork().findOne(CardBatch, batchId);
    if (!batch || batch.status !== CardBatchStatus.SUBMITTED) return; // already handed over (a repeated job)
    const now = this.clock.now();
    await ctx.em.transactional(async (tx) => {
      await transition(
        ctx,
        tx,
        { machine: CARD_BATCH_MACHINE, subject: batch, from: batch.status, event: CardBatchEvent.START_PRODUCTION, by: 'system', at: now },
        (to) => this.batches.move(tx, batch.id, batch.status, to, now),
      );
      const chunks = Array.from({ length: batch.chunkCount }, (_, chunk) => ({ batchId, chunk }) satisfies IssueJob);
      await enqueueMany(ctx, tx, ISSUE_TASK, chunks, { maxAttempts: this.options.attempts });
    });
  }

  async issue(ctx: AuthedContext, job: IssueJob, attempt: JobAttempt): Promise<void> {
    try {
      await this.issueChunk(ctx, job);
    } catch (e) {
      attempt.log.warn(
        { component: 'cards', batchId: job.batchId, chunk: job.chunk, attempt: attempt.attempt, error: (e as Error).message },
        'card issuing failed',
      );
      if (attempt.isLast) {
        await this.markStuck(ctx, job.batchId, attempt.attempt).catch((stuck: unknown) =>
          attempt.log.error({ component: 'cards', batchId: job.batchId, error: (stuck as Error).message }, 'could not mark the card batch stuck'),
        );
      }
      throw e;
    }
  }

  private async issueChunk(ctx: AuthedContext, { batchId, chunk }: IssueJob): Promise<void> {
    const batch = await ctx.em.fork().findOne(CardBatch, batchId);
    if (!batch || batch.status !== CardBatchStatus.IN_PRODUCTION) return;
    const applicants = await this.batches.pendingApplicants(ctx.em, batchId, chunk);
    const answers = applicants.length
      ? await this.withTimeout(
          this.issuer.issue({
            requestId: `${batch.batchNo}-${chunk}`,
            applicants: applicants.map((a) => ({
              ref: String(a.memberId),
              name: a.name,
              idNumber: this.cipher.decrypt(a.idNumberSealed),
              mobile: a.mobileSealed ? this.cipher.decrypt(a.mobileSealed) : '',
              workAddress: a.workAddress ?? '',
            })),
          }),
        )
      : [];
    const { issued, refused, unanswered } = this.sort(ctx, answers, new Set(applicants.map((a) => a.memberId)));
    const taken = refusal(ctx.t('cardNumberTaken'));
    const today = this.clock.today();
    const now = this.clock.now();
    await ctx.em.transactional(async (tx) => {
      const counts = await this.batches.recordChunk(tx, batchId, issued, refused, taken, today, now);
      if (counts.status === CardBatchStatus.IN_PRODUCTION && counts.issuedCount + counts.failedCount === counts.memberCount) {
        await this.finish(ctx, tx, batch, counts);
      }
    });
    // What the issuer left unanswered stays pending: the job is tried again for it.
    if (unanswered) throw new Error(`the card issuer answered ${answers.length} of ${applicants.length} applicants of ${batch.batchNo}-${chunk}`);
  }

  /** The issuer's answers for our applicants: cards (sealed and masked) and refusals; how many it left out. */
  private sort(ctx: AuthedContext, answers: CardIssueOutcome[], asked: Set<number>) {
    const issued: IssuedCard[] = [];
    const refused: { memberId: number; problem: StoredProblem }[] = [];
    const answered = new Set<number>();
    for (const a of answers) {
      const memberId = Number(a.ref);
      if (!asked.has(memberId) || answered.has(memberId)) continue;
      answered.add(memberId);
      if ('refusal' in a || !isCardNumber(a.cardNumber)) {
        refused.push({ memberId, problem: refusal('refusal' in a ? a.refusal : ctx.t('cardNumberInvalid')) });
      } else {
        issued.push({
          memberId,
          sealed: this.cipher.encrypt(a.cardNumber),
          index: this.cipher.blindIndex('card', a.cardNumber),
          masked: maskCardNumber(a.cardNumber),
        });
      }
    }
    return { issued, refused, unanswered: asked.size - answered.size };
  }

  /** Ends production of a batch whose every member the issuer has answered, in the last chunk's transaction. */
  private async finish(ctx: AuthedContext, tx: EntityManager, batch: CardBatch, counts: BatchCounts): Promise<void> {
    const now = this.clock.now();
    const union: Union = { id: batch.organizationId, path: batch.orgPath };
    const failed = counts.failedCount > 0;
    await transition(
      ctx,
      tx,
      {
        machine: CARD_BATCH_MACHINE,
        subject: batch,
        from: CardBatchStatus.IN_PRODUCTION,
        event: failed ? CardBatchEvent.SOME_FAILED : CardBatchEvent.ALL_ISSUED,
        by: 'system',
        at: now,
      },
      (to) => this.batches.move(tx, batch.id, CardBatchStatus.IN_PRODUCTION, to, now, { finished: true }),
    );
    if (failed) await this.queues.requeue(tx, union, await this.batches.refusedMembers(tx, batch.id), now);
    await this.messages.send(tx, {
      recipient: union,
      kind: failed ? MessageKind.CARD_BATCH_PARTIALLY_FAILED : MessageKind.CARD_BATCH_ISSUED,
      params: { batchNo: batch.batchNo, count: counts.issuedCount, issued: counts.issuedCount, failed: counts.failedCount },
    });
  }

  /** After a chunk's last try: the batch shows it is stuck, and the union is told once. */
  private async markStuck(ctx: AuthedContext, batchId: number, attempts: number): Promise<void> {
    const batch = await ctx.em.fork().findOne(CardBatch, batchId);
    if (!batch) return;
    await ctx.em.transactional(async (tx) => {
      if (!(await this.batches.markStuck(tx, batchId, { code: ISSUER_UNAVAILABLE, params: { attempts } }, this.clock.now()))) return;
      await this.messages.send(tx, {
        recipient: { id: batch.organizationId, path: batch.orgPath },
        kind: MessageKind.CARD_BATCH_STUCK,
        params: { batchNo: batch.batchNo, attempts },
      });
    });
  }

  private async withTimeout<T>(work: Promise<T>): Promise<T> {
    const abort = new AbortController();
    try {
      return await Promise.race([
        work,
        sleep(this.options.timeoutSeconds * 1000, undefined, { signal: abort.signal }).then(() => {
          throw new Error(`the card issuer did not answer within ${this.options.timeoutSeconds} s`);
        }),
      ]);
    } finally {
      abort.abort();
    }
  }
}
