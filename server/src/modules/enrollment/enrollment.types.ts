import { ArgsType, Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import { MaxLength, MinLength } from 'class-validator';
import { Connection, PageArgs } from '../../common/pagination/page.js';
import { ErrorResult, UserError, VersionConflict } from '../../common/errors/error-result.js';
import { PlainText } from '../../common/text/input-text.js';
import { EligibilityFlag, EnrollmentChannel, ExclusionReason } from '../../domain/enrollment-eligibility.js';
import { EnrollmentSubmissionStatus } from '../../domain/enrollment-submission-states.js';
import { MemberType } from '../member/member.type.js';
import { ProtectionYearType } from '../protection/protection.types.js';
import { CandidateFilter } from './enrollment.service.js';
import type { SubmissionRow } from './enrollment.reads.js';
import { SocialSecurityCheckStatus } from './enrollment.entity.js';
import { EmploymentStatus, SsCardStatus } from '../../domain/social-security-status.js';

registerEnumType(EnrollmentChannel, { name: 'EnrollmentChannel', description: 'MEMBER_CARD 会员卡渠道, SOCIAL_SECURITY_CARD 社保卡渠道' });
registerEnumType(ExclusionReason, { name: 'ExclusionReason', description: 'Why a member cannot be enrolled through a channel this year' });
registerEnumType(EligibilityFlag, {
  name: 'EligibilityFlag',
  description: 'What the clerk is warned of (the member stays eligible unless a reason says otherwise)',
});
registerEnumType(EnrollmentSubmissionStatus, { name: 'EnrollmentSubmissionStatus' });
registerEnumType(CandidateFilter, { name: 'CandidateFilter' });
registerEnumType(SocialSecurityCheckStatus, {
  name: 'SocialSecurityCheckStatus',
  description: 'AWAITING the registry; READY to submit; ABNORMAL: use the member-card channel; FAILED: ask again',
});
registerEnumType(SsCardStatus, { name: 'SocialSecurityCardStatus', description: 'NORMAL 正常, SEALED 封存, LOST 挂失, CANCELLED 注销, NONE 无' });
registerEnumType(EmploymentStatus, { name: 'EmploymentStatus', description: 'EMPLOYED 在职, RETIRED 退休, UNEMPLOYED 失业, UNKNOWN 未知' });

@ObjectType('EnrollmentOverview', { description: '集中参保办理: the caller union’s figures for a year' })
export class EnrollmentOverviewType {
  @Field(() => ProtectionYearType)
  year!: ProtectionYearType;

  @Field(() => Int, { description: '会员总数' })
  totalMembers!: number;

  @Field(() => Int, { description: '已办卡' })
  withCard!: number;

  @Field(() => Int, { description: '未办卡' })
  withoutCard!: number;

  @Field(() => Int, { description: '已申报' })
  submitted!: number;

  @Field(() => Int, { description: '已退休 (on the roll, or by the statutory age before coverage starts)' })
  retired!: number;

  @Field(() => Int, { description: '已死亡' })
  deceased!: number;

  @Field(() => Int, { description: '人保状态待确认, not confirmed yet' })
  pendingConfirmation!: number;

  @Field(() => Int)
  eligibleMemberCard!: number;

  @Field(() => Int, { description: 'Before the registry check' })
  eligibleSocialSecurityCard!: number;

  @Field(() => Int, { description: 'Eligible members who retire during the coverage year (the retiree warning)' })
  retiringDuringCoverage!: number;

  @Field(() => ID, { nullable: true, description: 'The plan the first submission fixed this year; both channels must use it' })
  planId!: number | null;

  @Field(() => String, { nullable: true })
  batchNo!: string | null;

  @Field(() => Int, { description: 'Send it with submitEnrollment: a submission by someone else meanwhile makes it CONFLICT' })
  version!: number;
}

@ObjectType('EnrollmentCandidate')
export class EnrollmentCandidateType {
  @Field(() => MemberType)
  member!: MemberType;

  @Field(() => Boolean)
  eligible!: boolean;

  @Field(() => [ExclusionReason])
  reasons!: ExclusionReason[];

  @Field(() => [EligibilityFlag])
  flags!: EligibilityFlag[];

  @Field(() => SocialSecurityCheckType, {
    nullable: true,
    description: 'SOCIAL_SECURITY_CARD candidates: the registry check of the year (null: never sent); always null for MEMBER_CARD',
  })
  socialSecurityCheck!: SocialSecurityCheckType | null;
}

@ObjectType()
export class EnrollmentCandidateConnection extends Connection(EnrollmentCandidateType) {}

@ArgsType()
export class EnrollmentCandidatesArgs extends PageArgs {
  @Field(() => Int)
  year!: number;

  @Field(() => EnrollmentChannel)
  channel!: EnrollmentChannel;

  @Field(() => CandidateFilter, { nullable: true, defaultValue: CandidateFilter.ALL })
  filter?: CandidateFilter | null;
}

@ObjectType('EnrollmentSubmission', { description: '集中参保申报: one submit of one channel, its members, plan and fee split frozen' })
export class EnrollmentSubmissionType {
  @Field(() => ID)
  id!: number;

  @Field(() => Int)
  year!: number;

  @Field(() => EnrollmentChannel)
  channel!: EnrollmentChannel;

  @Field(() => ID)
  planId!: number;

  @Field(() => String, { description: 'The union’s batch number of the year, shared by both channels' })
  batchNo!: string;

  @Field(() => EnrollmentSubmissionStatus)
  status!: EnrollmentSubmissionStatus;

  @Field(() => Int)
  memberCount!: number;

  @Field(() => Int, { description: 'Per person, as frozen at submission (fen)' })
  feeFen!: number;

  @Field(() => Int)
  cityShareFen!: number;

  @Field(() => Int)
  districtShareFen!: number;

  @Field(() => Int)
  grassrootsShareFen!: number;

  @Field(() => Date)
  submittedAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When a reviewer approved it (审核标识: approvedBy)' })
  approvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why a reviewer returned it' })
  returnReason!: string | null;

  @Field(() => ID, { nullable: true, description: 'The returned submission this one resubmits' })
  resubmissionOf!: number | null;

  @Field(() => ID, { nullable: true, description: 'The district batch it went to the center in' })
  districtBatchId!: number | null;

  @Field(() => Int, { description: 'Members a reviewer took out one by one (not in memberCount)' })
  rejectedCount!: number;

  @Field(() => Int, { description: 'Send it back with a review, so a change made meanwhile is a CONFLICT' })
  version!: number;

  organizationId!: number;
  approvedByOrganizationId!: number | null;
}

export function toSubmissionType(s: SubmissionRow): EnrollmentSubmissionType {
  return {
    id: s.id,
    organizationId: s.organizationId,
    year: s.year,
    channel: s.channel,
    planId: s.planId,
    batchNo: s.batchNo,
    status: s.status,
    memberCount: s.memberCount,
    feeFen: s.feeFen,
    cityShareFen: s.cityShareFen,
    districtShareFen: s.districtShareFen,
    grassrootsShareFen: s.grassrootsShareFen,
    submittedAt: s.submittedAt,
    updatedAt: s.updatedAt,
    approvedAt: s.approvedAt ?? null,
    approvedByOrganizationId: s.approvedByOrganizationId ?? null,
    returnReason: s.returnReason ?? null,
    resubmissionOf: s.resubmissionOf ?? null,
    districtBatchId: s.districtBatchId ?? null,
    rejectedCount: s.rejectedCount,
    version: s.version,
  };
}

@ObjectType()
export class EnrollmentSubmissionConnection extends Connection(EnrollmentSubmissionType) {}

@ArgsType()
export class EnrollmentSubmissionsArgs extends PageArgs {
  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => EnrollmentChannel, { nullable: true })
  channel?: EnrollmentChannel | null;

  @Field(() => ID, { nullable: true, description: 'One union of the caller’s subtree' })
  organizationId?: string | null;
}

@InputType()
export class SubmitEnrollmentInput {
  @Field(() => Int)
  year!: number;

  @Field(() => EnrollmentChannel)
  channel!: EnrollmentChannel;

  @Field(() => ID)
  planId!: string;

  @Field(() => Int, { description: 'EnrollmentOverview.version as read' })
  version!: number;

  @Field(() => String, { description: 'A fresh key per click (e.g. a UUID): a repeat answers the submission it made' })
  @PlainText('an opaque key: compared, never shown')
  @MinLength(8)
  @MaxLength(64)
  clientKey!: string;

  @Field(() => [ID], { nullable: true, description: 'Chosen members (each must be eligible); none: every eligible member of the channel' })
  memberIds?: string[] | null;
}

@ObjectType()
export class IneligibleMember {
  @Field(() => ID)
  memberId!: number;

  @Field(() => String)
  name!: string;

  @Field(() => [ExclusionReason])
  reasons!: ExclusionReason[];
}

@ObjectType({ implements: ErrorResult, description: 'Chosen members who are not eligible (any more): nothing was submitted' })
export class EnrollmentRefused extends ErrorResult {
  @Field(() => [IneligibleMember])
  members!: IneligibleMember[];
}

@ObjectType()
export class EnrollmentSubmitted {
  @Field(() => EnrollmentSubmissionType)
  submission!: EnrollmentSubmissionType;
}

export const SubmitEnrollmentResult = createUnionType({
  name: 'SubmitEnrollmentResult',
  types: () => [EnrollmentSubmitted, EnrollmentRefused, VersionConflict, UserError] as const,
});

@InputType()
export class ConfirmMembersInput {
  @Field(() => Int)
  year!: number;

  @Field(() => [ID], { nullable: true, description: 'Chosen members of the confirmation list; none: all of it' })
  memberIds?: string[] | null;
}

@ObjectType()
export class MembersConfirmed {
  @Field(() => Int, { description: 'Newly confirmed (0 when all were confirmed already)' })
  confirmed!: number;
}

/** 集中参保待确认名单: a member flagged 人保状态待确认 and its confirmation for the year. */
@ObjectType('EnrollmentConfirmation')
export class EnrollmentConfirmationType {
  @Field(() => MemberType)
  member!: MemberType;

  @Field(() => Date, { nullable: true, description: 'When the clerk confirmed the member for the year; null: still to confirm' })
  confirmedAt!: Date | null;
}

@ObjectType()
export class EnrollmentConfirmationConnection extends Connection(EnrollmentConfirmationType) {}

@ArgsType()
export class EnrollmentConfirmationsArgs extends PageArgs {
  @Field(() => Int)
  year!: number;
}

export const ConfirmMembersResult = createUnionType({ name: 'ConfirmMembersResult', types: () => [MembersConfirmed, UserError] as const });

/** One member's social-security check (获取社保卡及在职状态). */
@ObjectType('SocialSecurityCheck')
export class SocialSecurityCheckType {
  @Field(() => ID)
  memberId!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  idNumberMasked!: string;

  @Field(() => SocialSecurityCheckStatus)
  status!: SocialSecurityCheckStatus;

  @Field(() => SsCardStatus, { nullable: true })
  cardStatus!: SsCardStatus | null;

  @Field(() => EmploymentStatus, { nullable: true })
  employmentStatus!: EmploymentStatus | null;

  @Field(() => Date)
  requestedAt!: Date;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the day the registry’s answer describes' })
  checkedOn!: string | null;

  @Field(() => String, { nullable: true })
  error!: string | null;
}

@ObjectType()
export class SocialSecurityCheckConnection extends Connection(SocialSecurityCheckType) {}

@ArgsType()
export class SocialSecurityChecksArgs extends PageArgs {
  @Field(() => Int)
  year!: number;

  @Field(() => SocialSecurityCheckStatus, { nullable: true, description: 'None: every check' })
  status?: SocialSecurityCheckStatus | null;
}

@InputType()
export class RequestSocialSecurityCheckInput {
  @Field(() => Int)
  year!: number;

  @Field(() => [ID], { nullable: true, description: 'Chosen candidates of the channel; none: every candidate not awaiting or ready' })
  memberIds?: string[] | null;
}

@ObjectType()
export class SocialSecurityCheckRequested {
  @Field(() => Int, { description: 'Members sent to the registry' })
  requested!: number;
}

export const RequestSocialSecurityCheckResult = createUnionType({
  name: 'RequestSocialSecurityCheckResult',
  types: () => [SocialSecurityCheckRequested, UserError] as const,
});
