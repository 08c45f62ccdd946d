import { Logger, run, runMigrations, type TaskList } from 'graphile-worker';
import pg from 'pg';
import type { AuthedContext, ContextFactory } from '../common/request-context.js';
import type { JobPayload } from './queue.js';

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
  const runner = await run(
    {
      pgPool: pool,
      concurrency: options.concurrency,
      noHandleSignals: true,
      pollInterval: 2000,
      logger: loggerFor(options.log),
    },
    taskList,
  );
  return {
    async stop() {
      await runner.stop();
      await pool.end();
    },
  };
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
