import { Entity, Index, OneToOne, PrimaryKey, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/core';
import { Organization } from '../../org-scope/organization.entity.js';
import { OrgScopedEntity, pathIndexExpression } from '../../org-scope/scoped-entity.js';
import { ScopedBy } from '../../org-scope/scope-filter.js';

/*
 * Maintained counters behind the workbench (SPEC §12). PostgreSQL triggers on `organization`, `member`
 * and `enterprise` write these tables (Migration20261127020000MemberStats), so they stay exact whatever
 * code path writes those rows: the ORM, the set-based import, plain SQL. The application only reads them,
 * hence `readonly`. `org_path` is the organization's path, kept by the trigger on organization.
 */

/** One row per organization: what it keeps itself (members and enterprises live in grassroots unions). */
@Entity({ tableName: 'organization_totals', readonly: true })
@ScopedBy('orgPath')
// Only the path is indexed, so the triggers' increments are HOT updates (no index churn, no bloat).
@Index({ name: 'organization_totals_org_path_prefix_idx', expression: pathIndexExpression('organization_totals', 'org_path') })
export class OrganizationTotals extends OrgScopedEntity {
  [PrimaryKeyProp]?: 'organization';

  @OneToOne(() => Organization, { primary: true, ref: true, deleteRule: 'cascade', updateRule: 'cascade' })
  organization!: Ref<Organization>;

  @Property({ type: 'boolean' })
  grassroots!: boolean;

  /** Members of every life status. */
  @Property({ type: 'integer', default: 0 })
  members!: number;

  @Property({ type: 'integer', default: 0 })
  activeMembers!: number;

  @Property({ type: 'integer', default: 0 })
  enterprises!: number;
}

/** Per organization and calendar day: members who joined that day (by joinedAt) and e-cards activated that day. */
@Entity({ tableName: 'member_daily_stats', readonly: true })
@ScopedBy('orgPath')
// A subtree over a date range: by day first for wide subtrees over short ranges, by path first for narrow
// ones. The counts stay out of the indexes, so incrementing them is a HOT update.
@Index({
  name: 'member_daily_stats_day_path_idx',
  expression: 'create index "member_daily_stats_day_path_idx" on "member_daily_stats" ("day", "org_path" text_pattern_ops)',
})
@Index({
  name: 'member_daily_stats_path_day_idx',
  expression: 'create index "member_daily_stats_path_day_idx" on "member_daily_stats" ("org_path" text_pattern_ops, "day")',
})
export class MemberDailyStats extends OrgScopedEntity {
  [PrimaryKeyProp]?: ['organizationId', 'day'];

  /**
   * The organization, without a foreign key: this table grows with the member table, and a bulk import
   * would pay one constraint check per new row. The trigger on organization removes a deleted one's rows.
   */
  @PrimaryKey({ type: 'integer', autoincrement: false })
  organizationId!: number;

  @PrimaryKey({ type: 'date' })
  day!: string;

  @Property({ type: 'integer', default: 0 })
  joined!: number;

  @Property({ type: 'integer', default: 0 })
  ecardActivated!: number;
}

/*
 * The same figures per subtree: an organization and everything below it (its own row included), kept by
 * triggers on the two tables above (Migration20261127040000SubtreeStats). Read by organization id, which
 * the workbench has checked against the caller's scope, hence no path and no scope filter here.
 */

@Entity({ tableName: 'subtree_totals', readonly: true })
export class SubtreeTotals {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  organizationId!: number;

  @Property({ type: 'integer', default: 0 })
  members!: number;

  @Property({ type: 'integer', default: 0 })
  activeMembers!: number;

  @Property({ type: 'integer', default: 0 })
  enterprises!: number;

  /** Grassroots unions in the subtree. */
  @Property({ type: 'integer', default: 0 })
  grassroots!: number;
}

@Entity({ tableName: 'subtree_daily_stats', readonly: true })
export class SubtreeDailyStats {
  [PrimaryKeyProp]?: ['organizationId', 'day'];

  @PrimaryKey({ type: 'integer', autoincrement: false })
  organizationId!: number;

  @PrimaryKey({ type: 'date' })
  day!: string;

  @Property({ type: 'integer', default: 0 })
  joined!: number;

  @Property({ type: 'integer', default: 0 })
  ecardActivated!: number;
}
