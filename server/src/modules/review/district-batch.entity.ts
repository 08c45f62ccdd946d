import { Entity, Enum, Index, PrimaryKey, PrimaryKeyProp, Property, Unique, type Opt } from '@mikro-orm/core';
import { OrgScopedEntity, pathIndexExpression } from '../../org-scope/scoped-entity.js';
import { ScopedBy } from '../../org-scope/scope-filter.js';
import { DistrictBatchStatus } from '../../domain/district-batch-states.js';

/**
 * 参保批次: a district's ready list as it submitted it to the service center (SPEC §9). Its totals are
 * frozen at submission from the submissions it holds (each with its own frozen split), so the notice,
 * the statistics table and the amounts owed never move afterwards.
 */
@Entity({ tableName: 'district_batch' })
@ScopedBy('orgPath')
@Unique({ name: 'district_batch_batch_no_unique', properties: ['batchNo'] })
@Unique({ name: 'district_batch_client_key_unique', properties: ['organizationId', 'clientKey'] })
@Index({ name: 'district_batch_org_path_prefix_idx', expression: pathIndexExpression('district_batch', 'org_path') })
@Index({ name: 'district_batch_status_idx', properties: ['status', 'id'] })
export class DistrictBatch extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  /** The district. */
  @Property({ type: 'integer' })
  organizationId!: number;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'string', length: 24 })
  batchNo!: string;

  @Enum({ items: () => DistrictBatchStatus, nativeEnumName: 'district_batch_status' })
  status!: DistrictBatchStatus;

  @Property({ type: 'integer' })
  submissionCount!: number;

  @Property({ type: 'integer' })
  memberCardMembers!: number;

  @Property({ type: 'integer' })
  socialSecurityMembers!: number;

  /** Amounts owed in fen: the whole fee, and each payer's part (they add up to it). */
  @Property({ type: 'bigint' })
  feeFen!: string;

  @Property({ type: 'bigint' })
  cityFen!: string;

  @Property({ type: 'bigint' })
  districtFen!: string;

  @Property({ type: 'bigint' })
  grassrootsFen!: string;

  /** 经办人: who submitted it for the district, and how to reach them. */
  @Property({ type: 'string', length: 50 })
  handlerName!: string;

  @Property({ type: 'string', length: 20 })
  handlerPhone!: string;

  @Property({ type: 'string', length: 254 })
  handlerEmail!: string;

  /** The center's account as the year named it when the batch was submitted: what its notice prints, ever after. */
  @Property({ type: 'string', length: 100 })
  centerAccountName!: string;

  @Property({ type: 'string', length: 40 })
  centerAccountNo!: string;

  @Property({ type: 'string', length: 100 })
  centerBank!: string;

  /** The submit's idempotency key (one per click). */
  @Property({ type: 'string', length: 64 })
  clientKey!: string;

  @Property({ type: 'integer' })
  submittedBy!: number;

  @Property({ type: 'datetime' })
  submittedAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  /** 职保中心确认时间. */
  @Property({ type: 'datetime', nullable: true })
  confirmedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  completedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  returnReason?: string | null;

  /** 凭证上传时间: when the district last attached a voucher file. */
  @Property({ type: 'datetime', nullable: true })
  vouchersUploadedAt?: Date | null;

  /** When the district submitted its vouchers to the center (after which they are the center's to check). */
  @Property({ type: 'datetime', nullable: true })
  vouchersSubmittedAt?: Date | null;

  @Property({ type: 'integer', version: true })
  version!: number & Opt;
}

/**
 * 缴费凭证: one file of a batch's payment voucher, checked by its content (documents/voucher-file.ts) and
 * kept in the database, not on a web server's disk: every API process serves it, none exposes it.
 */
@Entity({ tableName: 'district_batch_voucher' })
@ScopedBy('orgPath')
@Index({ name: 'district_batch_voucher_org_path_prefix_idx', expression: pathIndexExpression('district_batch_voucher', 'org_path') })
@Index({ name: 'district_batch_voucher_batch_idx', properties: ['districtBatchId', 'id'] })
export class DistrictBatchVoucher extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  districtBatchId!: number;

  /** The name the district gave it (shown, never trusted for its type). */
  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Property({ type: 'string', length: 64 })
  contentType!: string;

  @Property({ type: 'integer' })
  byteSize!: number;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'blob', lazy: true })
  content!: Buffer;

  @Property({ type: 'integer' })
  uploadedBy!: number;

  @Property({ type: 'datetime' })
  uploadedAt!: Date;
}

/**
 * 集中参保实时监控's counters: one union's campaign of a year, kept by a trigger on its submissions
 * (Migration20261221000000Review), so a subtree's monitor sums these rows instead of recounting members.
 */
@Entity({ tableName: 'union_campaign', readonly: true })
@ScopedBy('orgPath')
@Index({ name: 'union_campaign_org_path_prefix_idx', expression: pathIndexExpression('union_campaign', 'org_path') })
export class UnionCampaign extends OrgScopedEntity {
  [PrimaryKeyProp]?: ['organizationId', 'year'];

  @PrimaryKey({ type: 'integer', autoincrement: false })
  organizationId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  /** The union's standing: RETURNED (to fix) before PENDING (awaiting review) before SUBMITTED (approved or beyond), else VOID. */
  @Property({ type: 'string', length: 16 })
  standing!: string;

  @Property({ type: 'integer' })
  pendingSubmissions!: number;

  @Property({ type: 'integer' })
  memberCardMembers!: number;

  @Property({ type: 'integer' })
  socialSecurityMembers!: number;

  @Property({ type: 'bigint' })
  cityFen!: string;

  @Property({ type: 'bigint' })
  districtFen!: string;

  @Property({ type: 'bigint' })
  grassrootsFen!: string;
}
