import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The table rate-limiter-flexible keeps its counters in (see rate-limits.ts). Only the library writes
 * it; the entity is here so the schema check knows the table.
 */
@Entity({ tableName: 'rate_limit', readonly: true })
export class RateLimitRow {
  @PrimaryKey({ type: 'string', length: 255 })
  key!: string;

  @Property({ type: 'integer', default: 0 })
  points!: number;

  /** Epoch milliseconds when the window ends. */
  @Property({ type: 'bigint', nullable: true })
  @Index()
  expire?: string | null;
}
