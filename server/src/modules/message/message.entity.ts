import { BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { OrgScopedEntity, pathIndexExpression } from '../../org-scope/scoped-entity.js';
import { ScopedBy } from '../../org-scope/scope-filter.js';

/** What a message says; its text comes from the i18n catalog in the reader's language (message.service.ts). */
export enum MessageKind {
  /** An account below the recipient reached its hourly limit of full personal data views. */
  REVEAL_LIMIT_REACHED = 'REVEAL_LIMIT_REACHED',
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
