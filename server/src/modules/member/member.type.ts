import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { Connection } from '../../common/pagination/page.js';
import { UserError, VersionConflict } from '../../common/errors/error-result.js';
import { FemalePostType, Gender, LifeStatus, MemberCategory } from '../../domain/member-category.js';
import { IdType } from '../../domain/id-document.js';
import type { MemberCardRow, MemberRow } from './member.reads.js';
import { MemberCardStatus } from './member-card.entity.js';
import { CardChannel, cardChannelOf } from '../../domain/card-rules.js';
import { HumanText, PlainText } from '../../common/text/input-text.js';
import { MemberSort } from './member-sort.js';

registerEnumType(Gender, { name: 'Gender' });
registerEnumType(LifeStatus, { name: 'LifeStatus' });
registerEnumType(MemberCategory, { name: 'MemberCategory', description: '企业内职工 / 灵活就业 / 企业外入会' });
registerEnumType(FemalePostType, { name: 'FemalePostType', description: "Women's post, for the statutory retirement age" });
registerEnumType(IdType, { name: 'IdType' });
registerEnumType(MemberCardStatus, { name: 'MemberCardStatus' });
registerEnumType(CardChannel, {
  name: 'CardChannel',
  description:
    'How a member gets a member service card: UNION (企业内职工) through the union’s card queue; INDIVIDUAL (灵活就业, 企业外入会) on their own (申工社 个人办卡)',
});

/** 卡片信息: a member's member service card, its number masked. */
@ObjectType('MemberCard')
export class MemberCardType {
  @Field(() => String, { description: 'e.g. 6231 **** **** 1234' })
  cardNumberMasked!: string;

  @Field(() => MemberCardStatus)
  status!: MemberCardStatus;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  issuedOn!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, when its batch was revoked' })
  revokedOn!: string | null;
}

export function toMemberCardType(c: MemberCardRow): MemberCardType {
  return { cardNumberMasked: c.cardNumberMasked, status: c.status, issuedOn: c.issuedOn, revokedOn: c.revokedOn ?? null };
}

registerEnumType(MemberSort, {
  name: 'MemberSort',
  description: 'NEWEST: by entry into the rolls (newest first unless direction ASC); the others ascending unless direction DESC',
});

/** A member as lists and details show it: ID number and mobile masked (the reveal mutation gives them whole). */
@ObjectType('Member')
export class MemberType {
  @Field(() => ID)
  id!: number;

  @Field(() => String, { description: '会员编号' })
  memberNo!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Gender)
  gender!: Gender;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, from the resident ID' })
  birthDate!: string | null;

  @Field(() => IdType)
  idType!: IdType;

  @Field(() => String, { description: 'e.g. 4128 **** **** 0026' })
  idNumberMasked!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null with idExpiryLongTerm or when unknown' })
  idExpiry!: string | null;

  @Field(() => Boolean, { description: '长期' })
  idExpiryLongTerm!: boolean;

  @Field(() => String, { nullable: true, description: 'e.g. 138****8000' })
  mobileMasked!: string | null;

  @Field(() => String, { nullable: true })
  workAddress!: string | null;

  @Field(() => MemberCategory)
  category!: MemberCategory;

  @Field(() => LifeStatus)
  lifeStatus!: LifeStatus;

  @Field(() => String, { nullable: true, description: 'Date of retirement or death' })
  lifeStatusDate!: string | null;

  @Field(() => FemalePostType, { nullable: true })
  femalePostType!: FemalePostType | null;

  @Field(() => String)
  joinedAt!: string;

  @Field(() => Boolean, { description: '人保状态待确认' })
  needsConfirmation!: boolean;

  @Field(() => String, { nullable: true })
  ecardActivatedAt!: string | null;

  @Field(() => CardChannel, { description: 'Whether the member applies for a card here (UNION) or individually elsewhere' })
  cardChannel!: CardChannel;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Int)
  version!: number;

  organizationId!: number;
  enterpriseId!: number | null;
}

@ObjectType()
export class MemberConnection extends Connection(MemberType) {}

@ObjectType()
export class MemberPayload {
  @Field(() => MemberType)
  member!: MemberType;

  @Field(() => Boolean, { description: 'false when the input matched what was stored: nothing was written and no history entry made (没有修改)' })
  changed!: boolean;
}

export const MemberResult = createUnionType({ name: 'MemberResult', types: () => [MemberPayload, VersionConflict, UserError] as const });

@ObjectType({ description: 'Full personal data of one member; each reveal is audited' })
export class MemberPersonalData {
  @Field(() => String)
  idNumber!: string;

  @Field(() => String, { nullable: true })
  mobile!: string | null;
}

@InputType()
export class MemberInput {
  @Field(() => String)
  @HumanText('labelMemberName')
  @MaxLength(100)
  name!: string;

  @Field(() => IdType)
  idType!: IdType;

  @Field(() => String)
  @PlainText('ID number: checked by validateIdNumber')
  @MaxLength(40)
  idNumber!: string;

  @Field(() => Gender, { nullable: true, description: 'Derived from a resident ID; needed for other ID types' })
  gender?: Gender | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD or 长期' })
  @PlainText('date: parsed by parseIdExpiry')
  @MaxLength(20)
  idExpiry?: string | null;

  @Field(() => String, { nullable: true })
  @PlainText('mobile number: checked by normalizeMobile')
  @MaxLength(30)
  mobile?: string | null;

  @Field(() => String, { nullable: true })
  @HumanText('labelWorkAddress')
  @MaxLength(200)
  workAddress?: string | null;

  @Field(() => MemberCategory)
  category!: MemberCategory;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, default today' })
  @PlainText('date: parsed by parseDateLoose')
  @MaxLength(20)
  joinedAt?: string | null;

  @Field(() => FemalePostType, { nullable: true })
  femalePostType?: FemalePostType | null;

  @Field(() => ID, { nullable: true, description: '关联企业 of the same union' })
  enterpriseId?: string | null;
}

@InputType({ description: '修改证件到期日: the expiry date as read off the document' })
export class UpdateMemberIdExpiryInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: 'YYYY-MM-DD (not in the past) or 长期' })
  @PlainText('date: parsed by parseIdExpiry')
  @MaxLength(20)
  idExpiry!: string;
}

@InputType({ description: 'Omit idNumber or mobile to keep the stored value (no need to reveal it to edit); mobile: null clears it' })
export class UpdateMemberInput extends MemberInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @PlainText('ID number: checked by validateIdNumber')
  @MaxLength(40)
  declare idNumber: string;

  @Field(() => Int)
  version!: number;
}

@InputType()
export class SetMemberLifeStatusInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => LifeStatus)
  lifeStatus!: LifeStatus;

  @Field(() => String, { nullable: true, description: 'Required for RETIRED and DECEASED' })
  @PlainText('date: parsed by parseDateLoose')
  @MaxLength(20)
  date?: string | null;
}

@InputType()
export class TransferMemberInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => ID, { description: 'Another grassroots union below the caller' })
  toOrganizationId!: string;
}

export function toMemberType(m: MemberRow): MemberType {
  return {
    id: m.id,
    memberNo: m.memberNo,
    name: m.name,
    gender: m.gender,
    birthDate: m.birthDate ?? null,
    idType: m.idType,
    idNumberMasked: m.idNumberMasked,
    idExpiry: m.idExpiry ?? null,
    idExpiryLongTerm: m.idExpiryLongTerm,
    mobileMasked: m.mobileMasked ?? null,
    workAddress: m.workAddress ?? null,
    category: m.category,
    lifeStatus: m.lifeStatus,
    lifeStatusDate: m.lifeStatusDate ?? null,
    femalePostType: m.femalePostType ?? null,
    joinedAt: m.joinedAt,
    needsConfirmation: m.needsConfirmation,
    ecardActivatedAt: m.ecardActivatedAt ?? null,
    cardChannel: cardChannelOf(m.category),
    createdAt: m.createdAt,
    version: m.version,
    organizationId: m.organizationId,
    enterpriseId: m.enterpriseId ?? null,
  };
}
