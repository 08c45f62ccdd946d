import { Entity, Enum, Index, PrimaryKey, PrimaryKeyProp, Property, Unique } from '@mikro-orm/core';
import { OrgScopedEntity, pathIndexExpression } from '../../org-scope/scoped-entity.js';
import { ScopedBy } from '../../org-scope/scope-filter.js';
import { CardBatchStatus } from '../../domain/card-batch-states.js';
import type { StoredProblem } from './card-queue.entity.js';

/**
 * 办卡批次: the passed members of a union's card queue, submitted at once. Its status moves only through
 * the transition kernel (a compare-and-set on the status, see batch-store.ts); the issuing jobs add to
 * its counts as chunks come back.
 */
@Entity({ tableName: 'card_batch' })
@ScopedBy('orgPath')
@Index({ name: 'card_batch_org_path_prefix_idx', expression: pathIndexExpression('card_batch', 'org_path') })
@Index({ name: 'card_batch_organization_id_id_idx', properties: ['organizationId', 'id'] })
@Index({ name: 'card_batch_status_id_idx', properties: ['status', 'id'] })
export class CardBatch extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  /** 批次编号, e.g. KB20241227000012: the business date and a city-wide sequence. */
  @Property({ type: 'string', length: 20 })
  @Unique({ name: 'card_batch_batch_no_unique' })
  batchNo!: string;

  /** The grassroots union that submitted it. */
  @Property({ type: 'integer' })
  organizationId!: number;

  @Enum({ items: () => CardBatchStatus, nativeEnumName: 'card_batch_status' })
  status!: CardBatchStatus;

  @Property({ type: 'integer' })
  memberCount!: number;

  @Property({ type: 'integer' })
  issuedCount!: number;

  @Property({ type: 'integer' })
  failedCount!: number;

  /** The issuing jobs: members are handed to the issuer in chunks, one job each. */
  @Property({ type: 'integer' })
  chunkCount!: number;

  @Property({ type: 'datetime' })
  submittedAt!: Date;

  @Property({ type: 'integer' })
  submittedBy!: number;

  /** When the issuer had answered for every member. */
  @Property({ type: 'datetime', nullable: true })
  finishedAt?: Date | null;

  /** Set when an issuing job gave up after its last try (the issuer unreachable): what the clerk is told; cleared when a chunk gets through. */
  @Property({ type: 'json', nullable: true })
  stuck?: StoredProblem | null;

  /** The clerk's reason for asking a revocation, and the reviewer's for refusing it. */
  @Property({ type: 'text', nullable: true })
  revocationReason?: string | null;

  @Property({ type: 'text', nullable: true })
  refusalReason?: string | null;

  @Property({ type: 'datetime' })
  updatedAt!: Date;
}

export enum CardBatchMemberStatus {
  /** Waiting for the issuer. */
  PENDING = 'PENDING',
  ISSUED = 'ISSUED',
  /** Refused by the issuer (the member went back to the queue). */
  FAILED = 'FAILED',
}

/** One member of a batch: which chunk (issuing job) carries it, and what the issuer answered. */
@Entity({ tableName: 'card_batch_member' })
@ScopedBy('orgPath')
@Index({ name: 'card_batch_member_org_path_prefix_idx', expression: pathIndexExpression('card_batch_member', 'org_path') })
@Index({ name: 'card_batch_member_member_id_idx', properties: ['memberId'] })
@Index({
  name: 'card_batch_member_pending_idx',
  expression: `create index "card_batch_member_pending_idx" on "card_batch_member" ("batch_id", "chunk") where "status" = 'PENDING'`,
})
export class CardBatchMember extends OrgScopedEntity {
  [PrimaryKeyProp]?: ['batchId', 'memberId'];

  @PrimaryKey({ type: 'integer' })
  batchId!: number;

  @PrimaryKey({ type: 'integer' })
  memberId!: number;

  @Property({ type: 'integer' })
  chunk!: number;

  @Enum({ items: () => CardBatchMemberStatus, nativeEnumName: 'card_batch_member_status' })
  status!: CardBatchMemberStatus;

  /** The issuer's refusal. */
  @Property({ type: 'json', nullable: true })
  failure?: StoredProblem | null;

  /** The issued card's number, masked. */
  @Property({ type: 'string', length: 32, nullable: true })
  cardNumberMasked?: string | null;
}
