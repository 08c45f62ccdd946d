import { BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { OrgScopedEntity, pathIndexExpression } from '../org-scope/scoped-entity.js';
import { ScopedBy } from '../org-scope/scope-filter.js';

/**
 * One move of a stateful thing (changes/transition.ts writes every one): who, when, from, to, by
 * which event and why. The `timeline` of each such object in the API reads these. Under the scope
 * filter by the subject's organization, like the subject itself.
 */
@Entity({ tableName: 'state_change' })
@ScopedBy('orgPath')
@Index({ name: 'state_change_org_path_prefix_idx', expression: pathIndexExpression('state_change', 'org_path') })
@Index({ name: 'state_change_subject_idx', properties: ['subjectType', 'subjectId', 'id'] })
export class StateChange extends OrgScopedEntity {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  /** The state machine's subject, e.g. `MemberImport`. */
  @Property({ type: 'string', length: 64 })
  subjectType!: string;

  @Property({ type: 'string', length: 64 })
  subjectId!: string;

  /** Null for the first state (creation). */
  @Property({ type: 'string', length: 32, nullable: true })
  fromState!: string | null;

  @Property({ type: 'string', length: 32 })
  toState!: string;

  @Property({ type: 'string', length: 32 })
  event!: string;

  /** Null when the system (a job) made the move. */
  @Property({ type: 'integer', nullable: true })
  actorAccountId!: number | null;

  @Property({ type: 'string', length: 64, nullable: true })
  actorUsername!: string | null;

  @Property({ type: 'datetime' })
  at!: Date;

  /** An i18n key (with its parameters) or a user's words: why, when the move has a reason. */
  @Property({ type: 'json', nullable: true })
  reason!: { key: string; params?: Record<string, string | number> } | { text: string } | null;
}
