import { EventEmitter } from 'node:events';
import { Logger, run, runMigrations, type TaskList, type WorkerEvents } from 'graphile-worker';
import pg from 'pg';
import type { AuthedContext, ContextFactory, JobActor } from '../common/request-context.js';
import { Role } from '../auth/role.js';
import { Tier } from '../org-scope/tier.js';
import type { JobPayload } from './queue.js';

/**
 * Whom a scheduled job acts as: nobody's account, at the root of the tree (every path is under `/`), so
 * its reads see the whole city; its moves are the system's (the transition kernel's 'system' mover).
 */
export const SYSTEM_ACTOR: JobActor = {
  viewer: {
    accountId: 0,
    username: 'system',
    displayName: 'system',
    role: Role.ADMIN,
    organizationId: 0,
    orgPath: '/',
    tier: Tier.CENTER,
    mustChangePassword: false,
    permissions: [],
  },
  lang: 'zh-CN',
  requestId: 'scheduled',
  ip: '',
};

/** One try of a job, as its task sees it. */
export interface JobAttempt {
  id: string;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  /** No try follows this one if it throws: the job is left failed. */
  isLast: boolean;
  log: JobLog;
}

/** A task runs as the user who caused the job (their scope, their language). Throwing retries it. */
export type JobTask<D = never> = (ctx: AuthedContext, data: D, attempt: JobAttempt) => Promise<void>;

export interface JobLog {
  error(details: object, message: string): void;
  warn(details: object, message: string): void;
  debug(details: object, message: string): void;
}

/** graphile-worker's own tables (schema graphile_worker), created or brought up to date. */
export async function migrateJobs(connectionString: string, log: JobLog): Promise<void> {
  await runMigrations({ connectionString, logger: loggerFor(log) });
}

/** A running worker; `stop` lets the jobs in hand finish, then closes every connection it opened. */
export interface JobWorker {
  stop(): Promise<void>;
}

/**
 * Runs `tasks` on graphile-worker (LISTEN/NOTIFY, so a job starts within milliseconds) with
 * `concurrency` at once in this process. Any number of processes may run workers on one database.
 */
export async function startWorker(options: {
  connectionString: string;
  concurrency: number;
  tasks: Record<string, JobTask<never>>;
  contexts: ContextFactory;
  log: JobLog;
  /** Seconds after which the jobs of a worker that stopped saying it is alive are run again elsewhere (see Liveness). */
  leaseSeconds: number;
  /** graphile-worker crontab lines (app/services.ts createCrontab). */
  crontab?: string;
}): Promise<JobWorker> {
  const taskList: TaskList = {};
  for (const [name, task] of Object.entries(options.tasks)) {
    taskList[name] = async (payload, helpers) => {
      const { actor, data } = payload as JobPayload<never>;
      const { job } = helpers;
      await task(options.contexts.forJob(actor), data, {
        id: String(job.id),
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
        isLast: job.attempts >= job.max_attempts,
        log: options.log,
      });
    };
  }
  // Our own pool: graphile-worker ends a pool it made without waiting and drops its error handler
  // first, so stopping the database right after `stop()` (npm start's shutdown) killed the process
  // on an idle connection's "terminating connection" error.
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.concurrency + 2 });
  pool.on('error', (error) => options.log.warn({ component: 'jobs', error: error.message }, 'idle job connection closed'));
  const events: WorkerEvents = new EventEmitter();
  const liveness = new Liveness(pool, events, options.leaseSeconds, options.log);
  const runner = await run(
    {
      pgPool: pool,
      concurrency: options.concurrency,
      noHandleSignals: true,
      pollInterval: 2000,
      logger: loggerFor(options.log),
      events,
      crontab: options.crontab ?? '',
    },
    taskList,
  );
  return {
    async stop() {
      await runner.stop();
      await liveness.stop();
      await pool.end();
    },
  };
}

/**
 * graphile-worker 0.16 leaves a job locked for four hours when the process running it dies without
 * stopping (killed, out of memory, the machine lost): nothing else takes it meanwhile. So each process
 * says every few seconds which of its workers are alive (table job_worker), and releases the jobs of
 * workers that stopped saying so for `leaseSeconds`: a killed worker's job runs again, in another
 * process or in the restarted one, within about a lease. A job's own work must therefore be safe to run
 * twice (every task's is: each retries anyway).
 */
class Liveness {
  private readonly workerIds = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private beat: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    events: WorkerEvents,
    private readonly leaseSeconds: number,
    private readonly log: JobLog,
  ) {
    events.on('worker:create', ({ worker }) => {
      this.workerIds.add(worker.workerId);
      this.tick();
    });
    events.on('worker:stop', ({ worker }) => this.workerIds.delete(worker.workerId));
    this.timer = setInterval(() => this.tick(), (leaseSeconds * 1000) / 4);
    this.timer.unref();
  }

  private tick(): void {
    this.beat = this.beat.then(() =>
      this.heartbeat().catch((e: unknown) => this.log.warn({ component: 'jobs', error: (e as Error).message }, 'job worker heartbeat failed')),
    );
  }

  private async heartbeat(): Promise<void> {
    const lease = this.leaseSeconds;
    await this.pool.query(
      `insert into job_worker (worker_id, seen_at) select unnest($1::text[]), now() on conflict (worker_id) do update set seen_at = excluded.seen_at`,
      [[...this.workerIds]],
    );
    const released = await this.pool.query<{ worker_id: string }>(
      `with dead as (
         select distinct j.locked_by as worker_id from graphile_worker.jobs j
         where j.locked_by is not null and j.locked_at < now() - make_interval(secs => $1)
           and not exists (select 1 from job_worker w where w.worker_id = j.locked_by and w.seen_at > now() - make_interval(secs => $1))
       ), unlocked as (select graphile_worker.force_unlock_workers(array(select worker_id from dead)))
       select worker_id from dead, unlocked`,
      [lease],
    );
    if (released.rows.length) this.log.warn({ component: 'jobs', workers: released.rows.map((r) => r.worker_id) }, 'released the jobs of workers that stopped');
    await this.pool.query(`delete from job_worker where seen_at < now() - interval '1 day'`);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.beat;
    await this.pool.query(`delete from job_worker where worker_id = any($1::text[])`, [[...this.workerIds]]).catch(() => {});
  }
}

function loggerFor(log: JobLog): Logger {
  return new Logger(() => (level, message, meta) => {
    const details = { ...meta, component: 'jobs' };
    if (level === 'error') log.error(details, message);
    else if (level === 'warning') log.warn(details, message);
    // graphile-worker says "completed task" at info for every job: debug for us.
    else log.debug(details, message);
  });
}
