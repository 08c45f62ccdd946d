import { BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { OrgScopedEntity, pathIndexExpression } from '../org-scope/scoped-entity.js';
import { ScopedBy } from '../org-scope/scope-filter.js';
import type { AuditAction, AuditDetails, AuditTargetType } from './audit-vocabulary.js';

/**
 * One state change: who, when, what, before/after. Written in the same transaction as the change.
 * `orgPath` is the path of the organization the change belongs to, so superiors see it in scope.
 */
@Entity({ tableName: 'audit_entry' })
@ScopedBy('orgPath')
@Index({ name: 'audit_entry_org_path_prefix_idx', expression: pathIndexExpression('audit_entry', 'org_path') })
// An account's recent actions of a kind, e.g. its reveals of the last hour (the reveal limit).
@Index({ name: 'audit_entry_actor_action_at_idx', properties: ['actorAccountId', 'action', 'at'] })
// The history (变更记录) of one member, enterprise, account or union, newest first.
@Index({ name: 'audit_entry_target_idx', properties: ['targetType', 'targetId', 'id'] })
export class AuditEntry extends OrgScopedEntity {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'integer', nullable: true })
  actorAccountId?: number | null;

  @Property({ type: 'string', length: 64, nullable: true })
  actorUsername?: string | null;

  @Property({ type: 'integer' })
  @Index()
  organizationId!: number;

  @Property({ type: 'string', length: 64 })
  action!: AuditAction;

  @Property({ type: 'string', length: 32, nullable: true })
  targetType?: AuditTargetType | null;

  @Property({ type: 'string', length: 64, nullable: true })
  targetId?: string | null;

  @Property({ type: 'json', nullable: true })
  before?: AuditDetails | null;

  @Property({ type: 'json', nullable: true })
  after?: AuditDetails | null;

  @Property({ type: 'string', length: 64, nullable: true })
  ip?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string | null;
}
