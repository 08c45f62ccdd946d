import type { MikroORM } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { RequestContext } from './request-context.js';
import { AppError } from './errors/app-error.js';

/** A limit: `key` may spend `points` per `durationSeconds` (a fixed window starting at its first hit). */
export interface LimitSpec {
  points: number;
  durationSeconds: number;
}

export interface RateLimit {
  /** Spends one point of `key`; throws RATE_LIMITED (localised, with `retryAfterSeconds`) when none is left. */
  consume(ctx: RequestContext, key: string): Promise<void>;
}

const TABLE = 'rate_limit';
const PRUNE_EVERY_MS = 60_000;

/**
 * Request rate limits in PostgreSQL (rate-limiter-flexible's store; the table comes from a migration),
 * so a limit holds across every API process on the database and survives restarts. Limits share one
 * table; their names prefix the keys.
 */
export class RateLimits {
  private nextPruneAt = 0;

  constructor(private readonly orm: MikroORM) {}

  define(name: string, { points, durationSeconds }: LimitSpec): RateLimit {
    let limiter: RateLimiterPostgres | undefined;
    // Made on first use: building the schema (or its snapshot) wires the services without a database.
    const store = () =>
      (limiter ??= new RateLimiterPostgres({
        storeClient: this.orm.em.getKnex(),
        storeType: 'knex',
        tableName: TABLE,
        tableCreated: true,
        // Its own sweeper is a timer per limiter that outlives the app; prune() below does the same job.
        clearExpiredByTimeout: false,
        keyPrefix: name,
        points,
        duration: durationSeconds,
        // A key over its limit is refused from this process's memory until its window ends, so a flood
        // from one client stops costing a database round trip per request.
        inMemoryBlockOnConsumed: points + 1,
      }));
    return {
      consume: async (ctx, key) => {
        await this.prune();
        try {
          await store().consume(key);
        } catch (e) {
          if (!(e instanceof RateLimiterRes)) throw e; // the store failed: a bug or an outage, not a limit
          throw new AppError('RATE_LIMITED', ctx.t('rateLimited'), { retryAfterSeconds: Math.ceil(e.msBeforeNext / 1000) });
        }
      },
    };
  }

  /**
   * Rows of expired windows are dead weight, and a spray of addresses makes one row each: delete them,
   * at most once a minute per process. The library stamps rows with the real time, not the business
   * clock, so this does too.
   */
  private async prune(): Promise<void> {
    const now = Date.now();
    if (now < this.nextPruneAt) return;
    this.nextPruneAt = now + PRUNE_EVERY_MS;
    await this.orm.em.getConnection().execute(`delete from ${TABLE} where expire < ?`, [now]);
  }
}
