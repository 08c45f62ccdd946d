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
  /** Not before (default: at once). */
  runAt?: Date;
}

/**
 * Adds a graphile-worker job inside `tx`'s transaction, which must be open: the job exists if and only
 * if the write that causes it commits (a rollback never leaves a job; a commit never loses one).
 */
export async function enqueue<D>(ctx: AuthedContext, tx: EntityManager, task: string, data: D, options: EnqueueOptions = {}): Promise<void> {
  await enqueueMany(ctx, tx, task, [data], options);
}

/** enqueue for many jobs of one task at once: one statement, however many. */
export async function enqueueMany<D>(ctx: AuthedContext, tx: EntityManager, task: string, data: readonly D[], options: EnqueueOptions = {}): Promise<void> {
  if (!tx.isInTransaction()) throw new Error(`job ${task} must be enqueued inside the transaction of the write that causes it`);
  if (!data.length) return;
  const actor = actorOf(ctx);
  const payloads: JobPayload<D>[] = data.map((d) => ({ actor, data: d }));
  await sqlRows(
    tx,
    `select graphile_worker.add_job(?, payload::json, queue_name => ?, max_attempts => ?, run_at => ?) from jsonb_array_elements(?::jsonb) as payload`,
    [task, options.queue ?? null, options.maxAttempts ?? 5, options.runAt ?? null, JSON.stringify(payloads)],
  );
}
