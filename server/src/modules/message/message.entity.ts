import { BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { OrgScopedEntity, pathIndexExpression } from '../../org-scope/scoped-entity.js';
import { ScopedBy } from '../../org-scope/scope-filter.js';

/** What a message says; its text comes from the i18n catalog in the reader's language (message.service.ts). */
export enum MessageKind {
  /** An account below the recipient reached its hourly limit of full personal data views. */
  REVEAL_LIMIT_REACHED = 'REVEAL_LIMIT_REACHED',
  /** The union's card batch is issued: every member has a card. */
  CARD_BATCH_ISSUED = 'CARD_BATCH_ISSUED',
  /** The union's card batch is done, some members refused by the issuer (back in the queue). */
  CARD_BATCH_PARTIALLY_FAILED = 'CARD_BATCH_PARTIALLY_FAILED',
  /** The union's card batch cannot reach the issuer after every try (it stays in production). */
  CARD_BATCH_STUCK = 'CARD_BATCH_STUCK',
  /** To a district: a union below asks to revoke a card batch. */
  CARD_REVOCATION_REQUESTED = 'CARD_REVOCATION_REQUESTED',
  /** To the union: its district granted the revocation. */
  CARD_REVOCATION_APPROVED = 'CARD_REVOCATION_APPROVED',
  /** To the union: its district refused the revocation, with a reason. */
  CARD_REVOCATION_REFUSED = 'CARD_REVOCATION_REFUSED',
  /** To the union: a reviewer returned its enrollment submission, with a reason. */
  ENROLLMENT_RETURNED = 'ENROLLMENT_RETURNED',
  /** To the union: a reviewer took members out of its submission, with a reason. */
  ENROLLMENT_MEMBERS_REJECTED = 'ENROLLMENT_MEMBERS_REJECTED',
  /** To the union: its submission is void, unpaid by the deadline (it may use instant enrollment). */
  ENROLLMENT_VOID = 'ENROLLMENT_VOID',
  /** A window closes in three days and the recipient has not acted. */
  WINDOW_CLOSING = 'WINDOW_CLOSING',
  /** To the district: the center sent its batch back, with a reason. */
  DISTRICT_BATCH_RETURNED = 'DISTRICT_BATCH_RETURNED',
  /** To the district: the center completed its batch; the members are covered. */
  DISTRICT_BATCH_COMPLETED = 'DISTRICT_BATCH_COMPLETED',
}

/**
 * 消息提醒 (SPEC §12): a notice to the accounts of one organization. `orgPath` is the recipient's path
 * (the scope filter keeps every read inside the reader's subtree); `readAt` is shared by the
 * organization's accounts, like a union's paper inbox.
 */
@Entity({ tableName: 'message' })
@ScopedBy('orgPath')
@Index({ name: 'message_org_path_prefix_idx', expression: pathIndexExpression('message', 'org_path') })
@Index({ name: 'message_organization_id_id_idx', properties: ['organizationId', 'id'] })
@Index({ name: 'message_dedupe_key_created_at_idx', properties: ['dedupeKey', 'createdAt'] })
export class Message extends OrgScopedEntity {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  /** The recipient organization. */
  @Property({ type: 'integer' })
  organizationId!: number;

  @Property({ type: 'string', length: 64 })
  kind!: MessageKind;

  /** The values the text is rendered with. */
  @Property({ type: 'json' })
  params!: Record<string, string | number>;

  /** Sent at most once per this key within a window (see MessageService.sendOnce). */
  @Property({ type: 'string', length: 128, nullable: true })
  dedupeKey?: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  readAt?: Date | null;
}
