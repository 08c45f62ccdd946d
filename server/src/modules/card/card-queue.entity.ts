import { Entity, Enum, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { OrgScopedEntity, pathIndexExpression } from '../../org-scope/scoped-entity.js';
import { ScopedBy } from '../../org-scope/scope-filter.js';

/** 信息校验结果 of a queued member. */
export enum CardQueueStatus {
  NOT_CHECKED = 'NOT_CHECKED',
  PASSED = 'PASSED',
  FAILED = 'FAILED',
}

/** Why an entry failed: a problem code and, for the issuer's refusal, its words. */
export interface StoredProblem {
  code: string;
  params?: Record<string, string | number>;
}

/**
 * 待办会员列表 of one grassroots union, as one versioned row (its id is the union's id): every change of
 * the queue (add, remove, check, correct, submit) bumps the version under this row's lock, and a submit
 * names the version the clerk saw, so two clerks submitting at once make one batch and the other gets a
 * VersionConflict and a fresh view. Created with the union's first queued member.
 */
@Entity({ tableName: 'card_queue' })
@ScopedBy('orgPath')
@Index({ name: 'card_queue_org_path_prefix_idx', expression: pathIndexExpression('card_queue', 'org_path') })
export class CardQueue extends OrgScopedEntity {
  /** The union's id. */
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  /** The last batch submitted from this queue (what a submit changes besides the queue's entries). */
  @Property({ type: 'string', length: 20, nullable: true })
  lastBatchNo?: string | null;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  @Property({ type: 'integer', version: true })
  version!: number & Opt;
}

/** One member waiting in a union's card queue, with the result of its last check. A member is queued once, city-wide. */
@Entity({ tableName: 'card_queue_entry' })
@ScopedBy('orgPath')
@Index({ name: 'card_queue_entry_org_path_prefix_idx', expression: pathIndexExpression('card_queue_entry', 'org_path') })
@Index({ name: 'card_queue_entry_member_unique', expression: 'create unique index "card_queue_entry_member_unique" on "card_queue_entry" ("member_id")' })
@Index({ name: 'card_queue_entry_organization_id_status_id_idx', properties: ['organizationId', 'status', 'id'] })
export class CardQueueEntry extends OrgScopedEntity {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  /** The union whose queue it is. */
  @Property({ type: 'integer' })
  organizationId!: number;

  @Property({ type: 'integer' })
  memberId!: number;

  @Enum({ items: () => CardQueueStatus, nativeEnumName: 'card_queue_status' })
  status!: CardQueueStatus;

  /** Every problem of the last check (or the issuer's refusal), in reading order. */
  @Property({ type: 'json' })
  problems!: StoredProblem[];

  @Property({ type: 'datetime' })
  addedAt!: Date;

  @Property({ type: 'integer', nullable: true })
  addedBy?: number | null;

  @Property({ type: 'datetime', nullable: true })
  checkedAt?: Date | null;
}
