import { ArrayType, Check, Entity, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { OrgScopedEntity } from '../../org-scope/scoped-entity.js';
import { ScopedBy } from '../../org-scope/scope-filter.js';
import { Organization } from '../../org-scope/organization.entity.js';

/**
 * 保障计划 (SPEC §7): a plan of the city's group protection, its fee per person and who pays it, in fen.
 * City-wide reference data kept by the center: `orgPath` is the center's, so only the center writes it
 * (the flush guard, changeVersioned), and every union reads it through reference statements (no scope
 * filter here). The database holds the rule that the shares add up to the fee.
 */
@Entity({ tableName: 'protection_plan' })
@Check({ name: 'protection_plan_shares_add_up', expression: 'city_share_fen + district_share_fen + grassroots_share_fen = fee_fen' })
export class ProtectionPlan extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 50, unique: true })
  name!: string;

  @Property({ type: 'integer' })
  feeFen!: number;

  /** 市总统一划拨 */
  @Property({ type: 'integer' })
  cityShareFen!: number;

  /** The district's default share; each district may split district + grassroots its own way (FeeSplit). */
  @Property({ type: 'integer' })
  districtShareFen!: number;

  @Property({ type: 'integer' })
  grassrootsShareFen!: number;

  /** 即时参保 from July on pays half a year (SPEC §11). */
  @Property({ type: 'integer' })
  halfYearFeeFen!: number;

  @Property({ type: 'date' })
  validFrom!: string;

  @Property({ type: 'date' })
  validTo!: string;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  @Property({ type: 'integer', version: true })
  version!: number & Opt;
}

/**
 * 保障年度: one protection year's calendar and the plans it offers. Reference data kept by the center,
 * like the plans; `id` is the year itself (2025).
 */
@Entity({ tableName: 'protection_year' })
export class ProtectionYear extends OrgScopedEntity {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: 'date' })
  coverageStart!: string;

  @Property({ type: 'date' })
  coverageEnd!: string;

  @Property({ type: 'date' })
  grassrootsOpen!: string;

  @Property({ type: 'date' })
  grassrootsClose!: string;

  @Property({ type: 'date' })
  paymentDeadline!: string;

  @Property({ type: 'date' })
  adjustmentOpen!: string;

  @Property({ type: 'date' })
  adjustmentClose!: string;

  @Property({ type: 'date' })
  districtOpen!: string;

  @Property({ type: 'date' })
  districtClose!: string;

  /** The plans offered this year (ids of ProtectionPlan). */
  @Property({ type: new ArrayType((i) => Number(i)), columnType: 'int[]' })
  planIds!: number[];

  /** The center's special account on the districts' notices (户名, 帐号, 开户行): where districts pay. */
  @Property({ type: 'string', length: 100 })
  centerAccountName!: string;

  @Property({ type: 'string', length: 40 })
  centerAccountNo!: string;

  @Property({ type: 'string', length: 100 })
  centerBank!: string;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  @Property({ type: 'integer', version: true })
  version!: number & Opt;
}

/**
 * 保障金额设置: a district's split of a plan's non-city share in one year, between itself and its
 * grassroots unions. Without one the plan's defaults are in force. Each submission copies the split in
 * force when it is made, so a later change never rewrites history.
 */
@Entity({ tableName: 'fee_split' })
@ScopedBy('orgPath')
@Unique({ name: 'fee_split_district_year_plan_unique', properties: ['district', 'year', 'planId'] })
export class FeeSplit extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @ManyToOne(() => Organization, { ref: true, index: false })
  district!: Ref<Organization>;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  planId!: number;

  @Property({ type: 'integer' })
  districtShareFen!: number;

  @Property({ type: 'integer' })
  grassrootsShareFen!: number;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  @Property({ type: 'integer', version: true })
  version!: number & Opt;
}
