import { Entity, Enum, Index, PrimaryKey, PrimaryKeyProp, Property, Unique, type Opt } from '@mikro-orm/core';
import { OrgScopedEntity, pathIndexExpression } from '../../org-scope/scoped-entity.js';
import { ScopedBy } from '../../org-scope/scope-filter.js';
import { EnrollmentChannel } from '../../domain/enrollment-eligibility.js';
import { EnrollmentSubmissionStatus } from '../../domain/enrollment-submission-states.js';
import { EmploymentStatus, SsCardStatus } from '../../domain/social-security-status.js';

/**
 * A grassroots union's enrollment in one year: the plan its first submission fixed (SPEC §8: one plan
 * per union per year), its batch number, and the version every submission moves, so two clerks
 * submitting at once end in one submission and a CONFLICT.
 */
@Entity({ tableName: 'union_enrollment' })
@ScopedBy('orgPath')
@Unique({ name: 'union_enrollment_union_year_unique', properties: ['organizationId', 'year'] })
@Index({ name: 'union_enrollment_org_path_prefix_idx', expression: pathIndexExpression('union_enrollment', 'org_path') })
export class UnionEnrollment extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  organizationId!: number;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  planId!: number;

  /** The union's batch number of the year; each channel's submissions carry it (FAQ 5). */
  @Property({ type: 'string', length: 24 })
  batchNo!: string;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  @Property({ type: 'integer', version: true })
  version!: number & Opt;
}

/**
 * 集中参保申报: one submit of one channel. It freezes its members (EnrollmentMember), the plan and the
 * fee split in force, per person in fen, so later changes of either never rewrite it.
 */
@Entity({ tableName: 'enrollment_submission' })
@ScopedBy('orgPath')
@Unique({ name: 'enrollment_submission_client_key_unique', properties: ['organizationId', 'clientKey'] })
@Index({ name: 'enrollment_submission_org_path_prefix_idx', expression: pathIndexExpression('enrollment_submission', 'org_path') })
@Index({ name: 'enrollment_submission_union_year_idx', properties: ['organizationId', 'year'] })
@Index({ name: 'enrollment_submission_district_batch_idx', properties: ['districtBatchId'] })
export class EnrollmentSubmission extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  organizationId!: number;

  @Property({ type: 'integer' })
  year!: number;

  @Enum({ items: () => EnrollmentChannel, nativeEnumName: 'enrollment_channel' })
  channel!: EnrollmentChannel;

  @Property({ type: 'integer' })
  planId!: number;

  @Property({ type: 'string', length: 24 })
  batchNo!: string;

  @Enum({ items: () => EnrollmentSubmissionStatus, nativeEnumName: 'enrollment_submission_status' })
  status!: EnrollmentSubmissionStatus;

  @Property({ type: 'integer' })
  memberCount!: number;

  /** Per person, frozen at submission (fen). */
  @Property({ type: 'integer' })
  feeFen!: number;

  @Property({ type: 'integer' })
  cityShareFen!: number;

  @Property({ type: 'integer' })
  districtShareFen!: number;

  @Property({ type: 'integer' })
  grassrootsShareFen!: number;

  /** The submit's idempotency key (one per click): the same key answers the same submission. */
  @Property({ type: 'string', length: 64 })
  clientKey!: string;

  @Property({ type: 'integer' })
  submittedBy!: number;

  @Property({ type: 'datetime' })
  submittedAt!: Date;

  @Property({ type: 'datetime' })
  updatedAt!: Date;

  /** 审核标识: the superior union whose reviewer approved it (a secondary union or the district). */
  @Property({ type: 'integer', nullable: true })
  approvedByOrganizationId?: number | null;

  @Property({ type: 'datetime', nullable: true })
  approvedAt?: Date | null;

  /** Why a reviewer returned it (the clerk fixes and resubmits). */
  @Property({ type: 'text', nullable: true })
  returnReason?: string | null;

  /** The returned submission of the same union, year and channel this one resubmits. */
  @Property({ type: 'integer', nullable: true })
  resubmissionOf?: number | null;

  /** The district batch it went to the center in (SUBMITTED_TO_CENTER onwards). */
  @Property({ type: 'integer', nullable: true })
  districtBatchId?: number | null;

  /** Members a reviewer took out one by one (each with a reason; no longer counted in memberCount). */
  @Property({ type: 'integer' })
  rejectedCount: number & Opt = 0;

  @Property({ type: 'integer', version: true })
  version!: number & Opt;
}

/**
 * A member in a submission. `holding` while the submission holds the member for the year (not returned
 * or void): a member is held by one submission a year, city-wide, which the database ensures.
 */
@Entity({ tableName: 'enrollment_member' })
@Index({ name: 'enrollment_member_org_path_prefix_idx', expression: pathIndexExpression('enrollment_member', 'org_path') })
@Index({
  name: 'enrollment_member_holding_unique',
  expression: 'create unique index "enrollment_member_holding_unique" on "enrollment_member" ("member_id", "year") where "holding"',
})
@Index({ name: 'enrollment_member_submission_idx', properties: ['submissionId'] })
export class EnrollmentMember extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true, type: 'bigint' })
  id!: string;

  @Property({ type: 'integer' })
  submissionId!: number;

  @Property({ type: 'integer' })
  organizationId!: number;

  @Property({ type: 'integer' })
  memberId!: number;

  @Property({ type: 'integer' })
  year!: number;

  @Enum({ items: () => EnrollmentChannel, nativeEnumName: 'enrollment_channel' })
  channel!: EnrollmentChannel;

  @Property({ type: 'boolean' })
  holding: boolean & Opt = true;

  /** Why a reviewer took this member out of the submission (the rest goes on); null while in it. */
  @Property({ type: 'text', nullable: true })
  rejectedReason?: string | null;

  @Property({ type: 'datetime', nullable: true })
  rejectedAt?: Date | null;
}

/** 集中参保待确认名单: a member flagged 人保状态待确认 whom the clerk confirmed for a year. */
@Entity({ tableName: 'enrollment_confirmation' })
@Unique({ name: 'enrollment_confirmation_member_year_unique', properties: ['memberId', 'year'] })
@Index({ name: 'enrollment_confirmation_org_path_prefix_idx', expression: pathIndexExpression('enrollment_confirmation', 'org_path') })
export class EnrollmentConfirmation extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  memberId!: number;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'integer' })
  confirmedBy!: number;

  @Property({ type: 'datetime' })
  confirmedAt!: Date;
}

/**
 * 告知书: a union's enrollment notice of a year as last rendered (after each submission, by a job), so
 * a download is a read, never a render.
 */
@Entity({ tableName: 'enrollment_notice' })
@Unique({ name: 'enrollment_notice_union_year_unique', properties: ['organizationId', 'year'] })
@Index({ name: 'enrollment_notice_org_path_prefix_idx', expression: pathIndexExpression('enrollment_notice', 'org_path') })
export class EnrollmentNotice extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  organizationId!: number;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'blob' })
  pdf!: Buffer;

  @Property({ type: 'datetime' })
  generatedAt!: Date;
}

/** Where a member's social-security check stands: sent and waiting, passed (READY), or not. */
export enum SocialSecurityCheckStatus {
  /** Sent to the registry; its answer is awaited (about a working day). */
  AWAITING = 'AWAITING',
  /** NORMAL card and EMPLOYED: may be submitted through the social-security-card channel. */
  READY = 'READY',
  /** Answered otherwise: the member must use the member-card channel. */
  ABNORMAL = 'ABNORMAL',
  /** The registry could not be reached after every try: ask again. */
  FAILED = 'FAILED',
}

/** 获取社保卡及在职状态: one member's check with the social-security registry, for a year. */
@Entity({ tableName: 'social_security_check' })
@ScopedBy('orgPath')
@Unique({ name: 'social_security_check_member_year_unique', properties: ['memberId', 'year'] })
@Index({ name: 'social_security_check_org_path_prefix_idx', expression: pathIndexExpression('social_security_check', 'org_path') })
@Index({ name: 'social_security_check_request_idx', properties: ['requestId'] })
export class SocialSecurityCheck extends OrgScopedEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  organizationId!: number;

  @Property({ type: 'integer' })
  memberId!: number;

  @Property({ type: 'integer' })
  year!: number;

  @Enum({ items: () => SocialSecurityCheckStatus, nativeEnumName: 'social_security_check_status' })
  status!: SocialSecurityCheckStatus;

  @Enum({ items: () => SsCardStatus, nativeEnumName: 'ss_card_status', nullable: true })
  cardStatus?: SsCardStatus | null;

  @Enum({ items: () => EmploymentStatus, nativeEnumName: 'employment_status', nullable: true })
  employmentStatus?: EmploymentStatus | null;

  /** The batch it was sent in (the registry's idempotency key) and the registry's ticket for it. */
  @Property({ type: 'string', length: 64 })
  requestId!: string;

  @Property({ type: 'string', length: 128, nullable: true })
  ticket?: string | null;

  @Property({ type: 'datetime' })
  requestedAt!: Date;

  /** The business date the registry's answer describes. */
  @Property({ type: 'date', nullable: true })
  checkedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  error?: string | null;
}

/*
 * A union's enrollment figures without recounting its members per view (Migration20261220000000EnrollmentFigures):
 * triggers bump a union's stamp on every change to the rows the eligibility rule reads; figures counted at a stamp
 * serve every view until it moves. Written by triggers and EnrollmentService.figures only, hence `readonly`.
 */

/** A union's roll stamp: bumped with every change to its members, cards, confirmations and enrollments. */
@Entity({ tableName: 'union_roll_stamp', readonly: true })
export class UnionRollStamp {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  organizationId!: number;

  @Property({ type: 'bigint' })
  stamp!: string;
}

/** A union's figures of a year (集中参保办理's screen), as counted at a stamp for the year's coverage dates. */
@Entity({ tableName: 'enrollment_figures', readonly: true })
@ScopedBy('orgPath')
@Index({ name: 'enrollment_figures_org_path_prefix_idx', expression: pathIndexExpression('enrollment_figures', 'org_path') })
export class EnrollmentFigures extends OrgScopedEntity {
  [PrimaryKeyProp]?: ['organizationId', 'year'];

  @PrimaryKey({ type: 'integer', autoincrement: false })
  organizationId!: number;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  @Property({ type: 'bigint' })
  stamp!: string;

  @Property({ type: 'date' })
  coverageStart!: string;

  @Property({ type: 'date' })
  coverageEnd!: string;

  @Property({ type: 'json' })
  figures!: Record<string, number>;
}
