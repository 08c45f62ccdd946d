import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { OrgScopedEntity, pathIndexExpression } from '../../org-scope/scoped-entity.js';
import { ScopedBy } from '../../org-scope/scope-filter.js';

export enum MemberCardStatus {
  ACTIVE = 'ACTIVE',
  /** Cancelled with its batch (撤销办卡批次). */
  REVOKED = 'REVOKED',
}

/**
 * 工会会员服务卡: a card the issuer made for a member (card/ writes them when a batch is issued). The
 * number is a bank card number, so it is kept like an ID number: sealed, with a blind index for
 * uniqueness and exact search, and the masked form lists show. `orgPath` is the member's union's path
 * (it follows the member on a transfer). At most one ACTIVE card per member, and per number.
 */
@Entity({ tableName: 'member_card' })
@ScopedBy('orgPath')
@Index({ name: 'member_card_org_path_prefix_idx', expression: pathIndexExpression('member_card', 'org_path') })
@Index({
  name: 'member_card_active_member_unique',
  expression: `create unique index "member_card_active_member_unique" on "member_card" ("member_id") where "status" = 'ACTIVE'`,
})
@Index({
  name: 'member_card_active_number_unique',
  expression: `create unique index "member_card_active_number_unique" on "member_card" ("card_number_index") where "status" = 'ACTIVE'`,
})
@Index({ name: 'member_card_member_id_id_idx', properties: ['memberId', 'id'] })
@Index({ name: 'member_card_batch_id_idx', properties: ['batchId'] })
export class MemberCard extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  memberId!: number;

  /** The card batch it was issued in. */
  @Property({ type: 'integer' })
  batchId!: number;

  @Property({ type: 'text' })
  cardNumberSealed!: string;

  @Property({ type: 'string', length: 64 })
  cardNumberIndex!: string;

  /** `6231 **** **** 1234` */
  @Property({ type: 'string', length: 32 })
  cardNumberMasked!: string;

  @Enum({ items: () => MemberCardStatus, nativeEnumName: 'member_card_status' })
  status!: MemberCardStatus;

  /** Business date the issuer issued it. */
  @Property({ type: 'date' })
  issuedOn!: string;

  @Property({ type: 'date', nullable: true })
  revokedOn?: string | null;
}
