import { Entity, Enum, Formula, Index, ManyToOne, PrimaryKey, Property, type Opt, type Ref } from '@mikro-orm/core';
import { Organization } from '../../org-scope/organization.entity.js';
import { OrgScopedEntity } from '../../org-scope/scoped-entity.js';
import { ScopedBy } from '../../org-scope/scope-filter.js';
import { FemalePostType, Gender, LifeStatus, MemberCategory } from '../../domain/member-category.js';
import { IdType } from '../../domain/id-document.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';

/**
 * 会员: a union member, kept by one grassroots union. The ID number and mobile are stored encrypted
 * (`*Sealed`) with a keyed blind index (`*Index`) for uniqueness and exact search, plus the masked
 * form lists show (`*Masked`), so a list never decrypts and the table holds no readable value.
 */
@Entity({ tableName: 'member' })
@ScopedBy('orgPath')
// Subtree prefix scans in id order (the default sort and keyset paging).
@Index({ name: 'member_org_path_id_idx', expression: 'create index "member_org_path_id_idx" on "member" ("org_path" text_pattern_ops, "id")' })
// A union's members by name: the enrollment candidate lists' order (a page of twenty reads twenty-odd rows).
@Index({ name: 'member_organization_name_idx', expression: 'create index "member_organization_name_idx" on "member" ("organization_id", "name", "id")' })
// A person is a member of one union city-wide; a mobile belongs to one active member.
@Index({ name: 'member_id_number_index_unique', expression: 'create unique index "member_id_number_index_unique" on "member" ("id_number_index")' })
@Index({
  name: 'member_mobile_index_active_unique',
  expression: `create unique index "member_mobile_index_active_unique" on "member" ("mobile_index") where "life_status" = 'ACTIVE'`,
})
// Mobiles of retired and deceased members, for search; an import (all active) never pays for this one.
@Index({
  name: 'member_mobile_index_inactive_idx',
  expression: `create index "member_mobile_index_inactive_idx" on "member" ("mobile_index") where "life_status" <> 'ACTIVE'`,
})
// Search by the last 4 characters of an ID number inside a subtree (MemberService.searchConditions):
// the suffix the masked form already shows, so the index holds nothing a list does not.
@Index({
  name: 'member_id_number_suffix_idx',
  expression: `create index "member_id_number_suffix_idx" on "member" (right("id_number_masked", 4), "org_path" text_pattern_ops)`,
})
export class Member extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  /** 会员编号, unique city-wide, from a sequence. */
  @Property({ type: 'string', length: 16, unique: true })
  memberNo!: string;

  /*
   * No foreign-key constraints on the two references below: checking them costs every imported row two
   * locked lookups (a quarter of a 100,000-row import). Both are set only by MemberService and the
   * import, from an organization and an enterprise they have just loaded inside the caller's scope,
   * and neither organizations nor enterprises are ever deleted.
   */

  /** The grassroots union keeping the member. No index of its own: members of one union are found through org_path (member_org_path_id_idx). */
  @ManyToOne(() => Organization, { ref: true, index: false, createForeignKeyConstraint: false })
  organization!: Ref<Organization>;

  @ManyToOne(() => Enterprise, { ref: true, nullable: true, index: true, createForeignKeyConstraint: false })
  enterprise?: Ref<Enterprise> | null;

  @Property({ type: 'string', length: 50 })
  @Index()
  name!: string;

  @Enum({ items: () => Gender, nativeEnumName: 'gender' })
  gender!: Gender;

  @Property({ type: 'date', nullable: true })
  birthDate?: string | null;

  @Enum({ items: () => IdType, nativeEnumName: 'id_type' })
  idType!: IdType;

  @Property({ type: 'text' })
  idNumberSealed!: string;

  @Property({ type: 'string', length: 64 })
  idNumberIndex!: string;

  @Property({ type: 'string', length: 32 })
  idNumberMasked!: string;

  /**
   * The last 4 characters of an 18-character ID number (resident ID, HK/Macao/Taiwan permit), as its
   * masked form shows them; for shorter documents the mask shows fewer, so this is not one of them.
   * Computed, never stored: the index member_id_number_suffix_idx is on the same expression.
   */
  @Formula((alias) => `right(${alias}.id_number_masked, 4)`, { lazy: true })
  idNumberSuffix?: string & Opt;

  /** Has an ACTIVE member service card (member_card). Computed, never stored; the members(hasCard:) filter. */
  @Formula((alias) => `exists (select 1 from member_card c where c.member_id = ${alias}.id and c.status = 'ACTIVE')`, { lazy: true })
  hasCard?: boolean & Opt;

  /** null with idExpiryLongTerm: 长期. */
  @Property({ type: 'date', nullable: true })
  idExpiry?: string | null;

  @Property({ type: 'boolean' })
  idExpiryLongTerm: boolean & Opt = false;

  @Property({ type: 'text', nullable: true })
  mobileSealed?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  mobileIndex?: string | null;

  @Property({ type: 'string', length: 16, nullable: true })
  mobileMasked?: string | null;

  /** 工作单位详细地址 */
  @Property({ type: 'string', length: 100, nullable: true })
  workAddress?: string | null;

  @Enum({ items: () => MemberCategory, nativeEnumName: 'member_category' })
  category!: MemberCategory;

  @Enum({ items: () => LifeStatus, nativeEnumName: 'life_status', default: LifeStatus.ACTIVE })
  lifeStatus: LifeStatus & Opt = LifeStatus.ACTIVE;

  /** Date of retirement or death, with lifeStatus. */
  @Property({ type: 'date', nullable: true })
  lifeStatusDate?: string | null;

  /** Women's original statutory retirement age depends on the post (SPEC §8). */
  @Enum({ items: () => FemalePostType, nativeEnumName: 'female_post_type', nullable: true })
  femalePostType?: FemalePostType | null;

  /** 入会日期 */
  @Property({ type: 'date' })
  joinedAt!: string;

  /** 人保状态待确认: no social-insurance record, must be confirmed by hand. */
  @Property({ type: 'boolean' })
  needsConfirmation: boolean & Opt = false;

  /** 电子会员证激活日期 */
  @Property({ type: 'date', nullable: true })
  ecardActivatedAt?: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  @Property({ type: 'integer', version: true })
  version!: number & Opt;

  /** The reference's id, as a read-path row (MemberRow) has it: the entity and the row map alike. */
  get organizationId(): number & Opt {
    return this.organization.id;
  }

  get enterpriseId(): (number & Opt) | null {
    return this.enterprise?.id ?? null;
  }
}
