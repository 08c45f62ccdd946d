import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, MaxLength } from 'class-validator';
import { Connection } from '../../common/pagination/page.js';
import { ErrorResult, UserError, VersionConflict } from '../../common/errors/error-result.js';
import { HumanText, PlainText } from '../../common/text/input-text.js';
import { MAX_IDS_PER_SCOPE_CHECK } from '../../org-scope/assert-in-scope.js';
import { CardCheckProblem } from '../../domain/card-rules.js';
import { CardBatchEvent, CardBatchStatus } from '../../domain/card-batch-states.js';
import { LifeStatus, MemberCategory } from '../../domain/member-category.js';
import { CardQueueStatus } from './card-queue.entity.js';
import { CardBatchMemberStatus } from './card-batch.entity.js';
import { CardBatchSort, RevocationDecision } from './card-batch.service.js';

registerEnumType(CardQueueStatus, { name: 'CardQueueStatus', description: '信息校验结果: 未校验 / 已通过 / 未通过' });
registerEnumType(CardCheckProblem, { name: 'CardCheckProblem', description: 'Why a member cannot be submitted for a card (see domain/card-rules.ts)' });
registerEnumType(CardBatchStatus, { name: 'CardBatchStatus', description: 'See domain/card-batch-states.ts for the moves between them' });
registerEnumType(CardBatchEvent, { name: 'CardBatchEvent' });
registerEnumType(CardBatchMemberStatus, { name: 'CardBatchMemberStatus' });
registerEnumType(CardBatchSort, {
  name: 'CardBatchSort',
  description: 'NEWEST: by submission (newest first unless direction ASC); BATCH_NO ascending unless DESC',
});
registerEnumType(RevocationDecision, { name: 'CardRevocationDecision' });

/** One reason of a check, in the caller's language. */
@ObjectType()
export class CardProblem {
  @Field(() => CardCheckProblem)
  code!: CardCheckProblem;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: "The caller's card queue in numbers; `version` is what submitCardBatch takes" })
export class CardQueueSummary {
  @Field(() => Int, { description: 'Changes with every change of the queue; 0 before anyone was queued' })
  version!: number;

  @Field(() => Int)
  totalCount!: number;

  @Field(() => Int)
  notCheckedCount!: number;

  @Field(() => Int)
  passedCount!: number;

  @Field(() => Int)
  failedCount!: number;
}

@ObjectType('CardQueueEntry', { description: '待办会员: a member waiting for a card application' })
export class CardQueueEntryType {
  @Field(() => ID)
  id!: string;

  @Field(() => CardQueueStatus)
  status!: CardQueueStatus;

  @Field(() => [CardProblem], { description: 'Every reason of the last check (or the issuer’s refusal), in reading order; empty unless FAILED' })
  problems!: CardProblem[];

  @Field(() => Date)
  addedAt!: Date;

  @Field(() => Date, { nullable: true })
  checkedAt!: Date | null;

  memberId!: number;
}

@ObjectType()
export class CardQueueConnection extends Connection(CardQueueEntryType) {
  @Field(() => CardQueueSummary, { description: 'The whole queue, whatever the status filter' })
  summary!: CardQueueSummary;
}

@InputType({ description: 'The filters of the member list (members), to act on every member it lists' })
export class MemberFilterInput {
  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;

  @Field(() => MemberCategory, { nullable: true })
  category?: MemberCategory | null;

  @Field(() => LifeStatus, { nullable: true })
  lifeStatus?: LifeStatus | null;

  @Field(() => Boolean, { nullable: true })
  needsConfirmation?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  hasCard?: boolean | null;

  @Field(() => String, { nullable: true, description: 'As members(search:)' })
  @PlainText('search term: compared, never stored')
  @MaxLength(50)
  search?: string | null;
}

@InputType({ description: 'Either memberIds (chosen members, all or none) or filter (every member the list shows who can apply here)' })
export class AddToCardQueueInput {
  @Field(() => [ID], { nullable: true, description: `At most ${MAX_IDS_PER_SCOPE_CHECK}` })
  @ArrayMaxSize(MAX_IDS_PER_SCOPE_CHECK)
  memberIds?: string[] | null;

  @Field(() => MemberFilterInput, { nullable: true })
  filter?: MemberFilterInput | null;
}

@ObjectType({ description: 'Members of a filtered list not queued, by their first reason' })
export class CardProblemCount {
  @Field(() => CardCheckProblem)
  code!: CardCheckProblem;

  @Field(() => String)
  message!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class AddToCardQueuePayload {
  @Field(() => Int)
  added!: number;

  @Field(() => Int, { description: 'Already in the queue: left as they were' })
  alreadyQueued!: number;

  @Field(() => [CardProblemCount], { description: 'By filter only: members who cannot apply here' })
  skipped!: CardProblemCount[];

  @Field(() => CardQueueSummary)
  queue!: CardQueueSummary;
}

@ObjectType()
export class RefusedMember {
  @Field(() => ID)
  memberId!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  memberNo!: string;

  @Field(() => [CardProblem])
  problems!: CardProblem[];
}

@ObjectType({ implements: ErrorResult, description: 'Nobody was queued: these chosen members cannot be, each with every reason' })
export class CardQueueRefusal extends ErrorResult {
  @Field(() => [RefusedMember])
  members!: RefusedMember[];
}

export const AddToCardQueueResult = createUnionType({
  name: 'AddToCardQueueResult',
  types: () => [AddToCardQueuePayload, CardQueueRefusal, UserError] as const,
});

@InputType({ description: 'Either memberIds or status (every entry of that check status, e.g. FAILED)' })
export class RemoveFromCardQueueInput {
  @Field(() => [ID], { nullable: true })
  @ArrayMaxSize(MAX_IDS_PER_SCOPE_CHECK)
  memberIds?: string[] | null;

  @Field(() => CardQueueStatus, { nullable: true })
  status?: CardQueueStatus | null;
}

@ObjectType()
export class RemoveFromCardQueuePayload {
  @Field(() => Int)
  removed!: number;

  @Field(() => CardQueueSummary)
  queue!: CardQueueSummary;
}

@ObjectType()
export class CheckCardQueuePayload {
  @Field(() => Int)
  checked!: number;

  @Field(() => CardQueueSummary)
  queue!: CardQueueSummary;
}

@ObjectType('CardBatch', { description: '办卡批次' })
export class CardBatchType {
  @Field(() => ID)
  id!: number;

  @Field(() => String, { description: '批次编号' })
  batchNo!: string;

  @Field(() => CardBatchStatus)
  status!: CardBatchStatus;

  @Field(() => [CardBatchEvent], { description: 'What the caller may do to it now (from the same transition table the server enforces)' })
  availableEvents!: CardBatchEvent[];

  @Field(() => Int)
  memberCount!: number;

  @Field(() => Int)
  issuedCount!: number;

  @Field(() => Int, { description: 'Refused by the issuer (back in the queue)' })
  failedCount!: number;

  @Field(() => Int, { description: 'Waiting for the issuer' })
  pendingCount!: number;

  @Field(() => Date)
  submittedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the issuer had answered for every member' })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Set while the issuer cannot be reached after every try: why (the batch stays IN_PRODUCTION)' })
  stuckReason!: string | null;

  @Field(() => String, { nullable: true, description: "The clerk's reason for asking its revocation" })
  revocationReason!: string | null;

  @Field(() => String, { nullable: true, description: "The district's reason for refusing it" })
  refusalReason!: string | null;

  organizationId!: number;
  submittedById!: number;
}

@ObjectType()
export class CardBatchConnection extends Connection(CardBatchType) {}

@ObjectType('CardBatchMember', { description: 'A member of a batch and what the issuer answered' })
export class CardBatchMemberType {
  @Field(() => CardBatchMemberStatus)
  status!: CardBatchMemberStatus;

  @Field(() => String, { nullable: true, description: 'e.g. 6231 **** **** 1234' })
  cardNumberMasked!: string | null;

  @Field(() => String, { nullable: true, description: "The issuer's refusal, when FAILED" })
  failure!: string | null;

  memberId!: number;
}

@ObjectType()
export class CardBatchMemberConnection extends Connection(CardBatchMemberType) {}

@ObjectType()
export class CardBatchPayload {
  @Field(() => CardBatchType)
  batch!: CardBatchType;
}

export const SubmitCardBatchResult = createUnionType({ name: 'SubmitCardBatchResult', types: () => [CardBatchPayload, VersionConflict, UserError] as const });
export const CardBatchResult = createUnionType({ name: 'CardBatchResult', types: () => [CardBatchPayload, UserError] as const });

@InputType()
export class RequestCardBatchRevocationInput {
  @Field(() => ID)
  batchId!: string;

  @Field(() => String)
  @HumanText('labelReason', { multiline: true })
  @MaxLength(200)
  reason!: string;
}

@InputType()
export class ReviewCardBatchRevocationInput {
  @Field(() => ID)
  batchId!: string;

  @Field(() => RevocationDecision)
  decision!: RevocationDecision;

  @Field(() => String, { nullable: true, description: 'Required to refuse' })
  @HumanText('labelReason', { multiline: true })
  @MaxLength(200)
  reason?: string | null;
}
