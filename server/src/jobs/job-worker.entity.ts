import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The graphile-worker workers alive, by the time they last said so (jobs/worker.ts writes it every few
 * seconds). A job locked by a worker that stopped saying so (its process was killed) is released for
 * another worker: graphile-worker itself would leave it locked for four hours. Only raw SQL touches it.
 */
@Entity({ tableName: 'job_worker', readonly: true })
export class JobWorker {
  @PrimaryKey({ type: 'text' })
  workerId!: string;

  @Property({ type: 'datetime' })
  @Index({ name: 'job_worker_seen_at_idx' })
  seenAt!: Date;
}
