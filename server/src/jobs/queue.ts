import type { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, type AuthedContext, type JobActor } from '../common/request-context.js';
import { sqlRows } from '../org-scope/raw-sql.js';

/** What every job carries: the user it acts for (their scope and language), and its own data. */
export interface JobPayload<D> {
  actor: JobActor;
  data: D;
}

export interface EnqueueOptions {
  /** Jobs of one queue run one at a time, in order. */
  queue?: string;
  /** Tries before the job is left failed (graphile-worker backs off exponentially between them). */
  maxAttempts?: number;
}

/**
 * Adds a graphile-worker job inside `tx`'s transaction, which must be open: the job exists if and only
 * if the write that causes it commits (a rollback never leaves a job; a commit never loses one).
 */
export async function enqueue<D>(ctx: AuthedContext, tx: EntityManager, task: string, data: D, options: EnqueueOptions = {}): Promise<void> {
  if (!tx.isInTransaction()) throw new Error(`job ${task} must be enqueued inside the transaction of the write that causes it`);
  const payload: JobPayload<D> = { actor: actorOf(ctx), data };
  await sqlRows(tx, `select graphile_worker.add_job(?, ?::json, queue_name => ?, max_attempts => ?)`, [
    task,
    JSON.stringify(payload),
    options.queue ?? null,
    options.maxAttempts ?? 5,
  ]);
}
