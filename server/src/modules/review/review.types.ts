import { ArgsType, createUnionType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { Connection, PageArgs } from '../../common/pagination/page.js';
import { PlainText } from '../../common/text/input-text.js';
import { UserError, VersionConflict } from '../../common/errors/error-result.js';
import { EnrollmentChannel } from '../../domain/enrollment-eligibility.js';
import { DistrictBatchStatus } from '../../domain/district-batch-states.js';
import { EnrollmentSubmissionType } from '../enrollment/enrollment.types.js';
import { MemberType } from '../member/member.type.js';
import type { DistrictBatchRow, VoucherRow } from './district-batch.service.js';
import type { ReviewTotals } from './review.service.js';
import { TodoKind } from './todos.js';

registerEnumType(DistrictBatchStatus, { name: 'DistrictBatchStatus' });
registerEnumType(TodoKind, { name: 'TodoKind' });

@InputType({ description: 'A submission as the reviewer saw it' })
export class SubmissionRefInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;
}

@InputType()
export class ApproveSubmissionsInput {
  @Field(() => [SubmissionRefInput])
  submissions!: SubmissionRefInput[];
}

@InputType()
export class ReturnSubmissionsInput {
  @Field(() => [SubmissionRefInput])
  submissions!: SubmissionRefInput[];

  @Field(() => String, { description: '退回原因, shown to the clerk' })
  @PlainText('a reason: shown to the clerk')
  @MaxLength(200)
  reason!: string;
}

@InputType()
export class RejectSubmissionMembersInput {
  @Field(() => SubmissionRefInput)
  submission!: SubmissionRefInput;

  @Field(() => [ID])
  memberIds!: string[];

  @Field(() => String)
  @PlainText('a reason: shown to the clerk')
  @MaxLength(200)
  reason!: string;
}

@ObjectType({ description: 'How many submissions a review moved' })
export class SubmissionsReviewed {
  @Field(() => Int)
  count!: number;
}

export const ReviewResult = createUnionType({
  name: 'ReviewResult',
  types: () => [SubmissionsReviewed, UserError] as const,
  resolveType: (v) => (v instanceof UserError ? UserError : SubmissionsReviewed),
});

@ObjectType()
export class SubmissionMembersRejected {
  @Field(() => EnrollmentSubmissionType)
  submission!: EnrollmentSubmissionType;
}

export const RejectSubmissionMembersResult = createUnionType({
  name: 'RejectSubmissionMembersResult',
  types: () => [SubmissionMembersRejected, VersionConflict, UserError] as const,
  resolveType: (v) => (v instanceof VersionConflict ? VersionConflict : v instanceof UserError ? UserError : SubmissionMembersRejected),
});

@ObjectType({ description: 'A member a reviewer took out of a submission, and why' })
export class SubmissionRejectionType {
  @Field(() => MemberType)
  member!: MemberType;

  @Field(() => String)
  reason!: string;

  @Field(() => Date)
  rejectedAt!: Date;
}

@ArgsType()
export class PendingSubmissionsArgs extends PageArgs {
  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => String, { nullable: true, description: '单位名称 contains' })
  @PlainText('search term: compared, never stored')
  @MaxLength(100)
  unitName?: string | null;

  @Field(() => String, { nullable: true, description: '统一社会信用代码 starts with' })
  @PlainText('search term: compared, never stored')
  @MaxLength(18)
  creditCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Submitted on or after (YYYY-MM-DD)' })
  @PlainText('date: parsed as YYYY-MM-DD')
  @MaxLength(10)
  submittedFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Submitted on or before (YYYY-MM-DD)' })
  @PlainText('date: parsed as YYYY-MM-DD')
  @MaxLength(10)
  submittedTo?: string | null;

  @Field(() => ID, { nullable: true, description: '上级工会: only from below this union' })
  superiorId?: string | null;

  @Field(() => ID, { nullable: true })
  planId?: string | null;

  @Field(() => EnrollmentChannel, { nullable: true })
  channel?: EnrollmentChannel | null;
}

@ObjectType()
export class PendingSubmissionConnection extends Connection(EnrollmentSubmissionType) {}

@ObjectType({ description: 'Members, fee and its split per payer (fen)' })
export class ReviewTotalsType {
  @Field(() => Int)
  submissions!: number;

  @Field(() => Int)
  memberCardMembers!: number;

  @Field(() => Int)
  socialSecurityMembers!: number;

  @Field(() => Float, { description: '保障费用 (fen)' })
  feeFen!: number;

  @Field(() => Float, { description: '市总统一划拨 (fen)' })
  cityFen!: number;

  @Field(() => Float, { description: '区局/各级工会缴费 (fen)' })
  districtFen!: number;

  @Field(() => Float, { description: '基层单位缴费 (fen)' })
  grassrootsFen!: number;
}

@ObjectType({ description: '待提交参保列表: approved submissions and their totals' })
export class ReadyListConnection extends Connection(EnrollmentSubmissionType) {
  @Field(() => ReviewTotalsType)
  totals!: ReviewTotals;
}

@ArgsType()
export class ReadyListArgs extends PageArgs {
  @Field(() => Int)
  year!: number;
}

@InputType()
export class SubmitDistrictBatchInput {
  @Field(() => Int)
  year!: number;

  @Field(() => String, { description: '经办人姓名' })
  @PlainText('a name')
  @MaxLength(50)
  handlerName!: string;

  @Field(() => String, { description: '经办人手机' })
  @PlainText('a phone number: checked by normalizeMobile')
  @MaxLength(20)
  handlerPhone!: string;

  @Field(() => String, { description: '经办人邮箱' })
  @PlainText('an email address: checked')
  @MaxLength(100)
  handlerEmail!: string;

  @Field(() => String, { description: 'One per click: a repeat answers the batch it made' })
  @PlainText('an idempotency key')
  @MaxLength(64)
  clientKey!: string;
}

@ObjectType({ description: '参保批次: a district ready list as submitted to the service center' })
export class DistrictBatchType {
  @Field(() => ID)
  id!: number;

  @Field(() => Int)
  year!: number;

  @Field(() => String)
  batchNo!: string;

  @Field(() => DistrictBatchStatus)
  status!: DistrictBatchStatus;

  @Field(() => Int)
  submissionCount!: number;

  @Field(() => Int)
  memberCardMembers!: number;

  @Field(() => Int)
  socialSecurityMembers!: number;

  @Field(() => Int, { description: '参保人数' })
  memberCount!: number;

  @Field(() => Float)
  feeFen!: number;

  @Field(() => Float)
  cityFen!: number;

  @Field(() => Float)
  districtFen!: number;

  @Field(() => Float)
  grassrootsFen!: number;

  @Field(() => String)
  handlerName!: string;

  @Field(() => String, { description: 'Masked in lists (138****0000)' })
  handlerPhone!: string;

  @Field(() => String)
  handlerEmail!: string;

  @Field(() => Date)
  submittedAt!: Date;

  @Field(() => Date, { description: '最后更新时间' })
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: '职保中心确认时间' })
  confirmedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => String, { nullable: true })
  returnReason!: string | null;

  @Field(() => Date, { nullable: true, description: '凭证上传时间' })
  vouchersUploadedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  vouchersSubmittedAt!: Date | null;

  @Field(() => Int)
  version!: number;

  organizationId!: number;
}

export function toDistrictBatchType(b: DistrictBatchRow): DistrictBatchType {
  return {
    id: b.id,
    organizationId: b.organizationId,
    year: b.year,
    batchNo: b.batchNo,
    status: b.status,
    submissionCount: b.submissionCount,
    memberCardMembers: b.memberCardMembers,
    socialSecurityMembers: b.socialSecurityMembers,
    memberCount: b.memberCardMembers + b.socialSecurityMembers,
    feeFen: Number(b.feeFen),
    cityFen: Number(b.cityFen),
    districtFen: Number(b.districtFen),
    grassrootsFen: Number(b.grassrootsFen),
    handlerName: b.handlerName,
    handlerPhone: b.handlerPhone.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2'),
    handlerEmail: b.handlerEmail,
    submittedAt: b.submittedAt,
    updatedAt: b.updatedAt,
    confirmedAt: b.confirmedAt ?? null,
    completedAt: b.completedAt ?? null,
    returnReason: b.returnReason ?? null,
    vouchersUploadedAt: b.vouchersUploadedAt ?? null,
    vouchersSubmittedAt: b.vouchersSubmittedAt ?? null,
    version: b.version,
  };
}

@ObjectType()
export class DistrictBatchConnection extends Connection(DistrictBatchType) {}

@ArgsType()
export class DistrictBatchesArgs extends PageArgs {
  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => DistrictBatchStatus, { nullable: true })
  status?: DistrictBatchStatus | null;
}

@ObjectType()
export class DistrictBatchSubmitted {
  @Field(() => DistrictBatchType)
  batch!: DistrictBatchType;
}

export const SubmitDistrictBatchResult = createUnionType({
  name: 'SubmitDistrictBatchResult',
  types: () => [DistrictBatchSubmitted, UserError] as const,
  resolveType: (v) => (v instanceof UserError ? UserError : DistrictBatchSubmitted),
});

@ObjectType({ description: '缴费凭证: one file, checked by its content' })
export class VoucherType {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  fileName!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => Int)
  byteSize!: number;

  @Field(() => String, { description: 'SHA-256 of the stored bytes' })
  sha256!: string;

  @Field(() => Date)
  uploadedAt!: Date;
}

export function toVoucherType(v: VoucherRow): VoucherType {
  return { ...v };
}

@InputType()
export class DistrictBatchRefInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;
}

@ObjectType()
export class DistrictBatchPayload {
  @Field(() => DistrictBatchType)
  batch!: DistrictBatchType;
}

export const DistrictBatchResult = createUnionType({
  name: 'DistrictBatchResult',
  types: () => [DistrictBatchPayload, VersionConflict, UserError] as const,
  resolveType: (v) => (v instanceof VersionConflict ? VersionConflict : v instanceof UserError ? UserError : DistrictBatchPayload),
});

@InputType()
export class ReturnDistrictBatchInput {
  @Field(() => DistrictBatchRefInput)
  batch!: DistrictBatchRefInput;

  @Field(() => String)
  @PlainText('a reason: shown to the district')
  @MaxLength(200)
  reason!: string;
}

@ObjectType({ description: '集中参保实时监控: a subtree’s campaign of a year (amounts in fen)' })
export class EnrollmentMonitorType {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: 'Grassroots unions in the subtree' })
  unions!: number;

  @Field(() => Int, { description: 'Approved or beyond' })
  submitted!: number;

  @Field(() => Int, { description: 'Awaiting review' })
  pending!: number;

  @Field(() => Int, { description: 'Returned, not yet submitted again' })
  returned!: number;

  @Field(() => Int, { description: 'Every submission void' })
  voided!: number;

  @Field(() => Int)
  notStarted!: number;

  @Field(() => Int)
  pendingSubmissions!: number;

  @Field(() => Int)
  memberCardMembers!: number;

  @Field(() => Int)
  socialSecurityMembers!: number;

  @Field(() => Float)
  cityFen!: number;

  @Field(() => Float)
  districtFen!: number;

  @Field(() => Float)
  grassrootsFen!: number;
}

@ObjectType({ description: '待办事项: what waits for the reader' })
export class TodoType {
  @Field(() => TodoKind)
  kind!: TodoKind;

  @Field(() => Int)
  count!: number;

  @Field(() => String, { nullable: true, description: 'DEADLINE: the date (YYYY-MM-DD)' })
  dueOn!: string | null;

  @Field(() => String, { nullable: true, description: 'DEADLINE: what closes (windowGrassroots, paymentDeadline, windowAdjustment, windowDistrict)' })
  deadline!: string | null;
}
