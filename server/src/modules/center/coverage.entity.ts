import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { OrgScopedEntity, pathIndexExpression } from '../../org-scope/scoped-entity.js';
import { ScopedBy } from '../../org-scope/scope-filter.js';

/**
 * 保障信息: a member covered in a year, written when the service center completes the district batch
 * holding the member's submission (SPEC §10). One row per member and year, city-wide.
 */
@Entity({ tableName: 'member_coverage' })
@ScopedBy('orgPath')
@Unique({ name: 'member_coverage_member_year_unique', properties: ['memberId', 'year'] })
@Index({ name: 'member_coverage_org_path_prefix_idx', expression: pathIndexExpression('member_coverage', 'org_path') })
@Index({ name: 'member_coverage_batch_idx', properties: ['districtBatchId'] })
export class MemberCoverage extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true, type: 'bigint' })
  id!: string;

  @Property({ type: 'integer' })
  memberId!: number;

  /** The union the member was enrolled through. */
  @Property({ type: 'integer' })
  organizationId!: number;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  planId!: number;

  @Property({ type: 'integer' })
  submissionId!: number;

  @Property({ type: 'integer' })
  districtBatchId!: number;

  @Property({ type: 'date' })
  coverageStart!: string;

  @Property({ type: 'date' })
  coverageEnd!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
