import { Property } from '@mikro-orm/core';

/**
 * Base of every org-owned entity: it carries its organization's materialized path so the
 * scope filter and the flush guard can check it without a join.
 * Subclasses add `@ScopedBy('orgPath')` and a `text_pattern_ops` index on org_path (see pathIndex).
 */
export abstract class OrgScopedEntity {
  @Property({ type: 'string', length: 255 })
  orgPath!: string;
}

/** A btree index usable by `LIKE 'prefix%'` on a path column, whatever the database collation. */
export function pathIndexExpression(table: string, column: string): string {
  return `create index "${table}_${column}_prefix_idx" on "${table}" ("${column}" text_pattern_ops)`;
}
