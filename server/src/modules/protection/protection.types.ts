import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { UserError, VersionConflict } from '../../common/errors/error-result.js';
import { HumanText, PlainText } from '../../common/text/input-text.js';
import type { PlanRow, YearRow } from './protection.reads.js';
import type { SplitInForce } from './protection.service.js';

/** 保障计划: amounts in fen (26.00 yuan is 2600). */
@ObjectType('ProtectionPlan')
export class ProtectionPlanType {
  @Field(() => ID)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: '参保费用 per person, in fen' })
  feeFen!: number;

  @Field(() => Int, { description: '市总统一划拨, in fen' })
  cityShareFen!: number;

  @Field(() => Int, { description: "The district's default share, in fen" })
  districtShareFen!: number;

  @Field(() => Int, { description: "The grassroots union's default share, in fen" })
  grassrootsShareFen!: number;

  @Field(() => Int, { description: '即时参保 from July on, in fen' })
  halfYearFeeFen!: number;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  validFrom!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  validTo!: string;

  @Field(() => Int)
  version!: number;
}

export function toPlanType(p: PlanRow): ProtectionPlanType {
  const { id, name, feeFen, cityShareFen, districtShareFen, grassrootsShareFen, halfYearFeeFen, validFrom, validTo, version } = p;
  return { id, name, feeFen, cityShareFen, districtShareFen, grassrootsShareFen, halfYearFeeFen, validFrom, validTo, version };
}

/** Where the server's today stands against a window of a year's calendar (both ends included). */
export enum WindowState {
  BEFORE = 'BEFORE',
  OPEN = 'OPEN',
  AFTER = 'AFTER',
}
registerEnumType(WindowState, { name: 'WindowState', description: "Where today (the server's clock) stands against a window" });

/** 保障年度: the calendar of one year (dates YYYY-MM-DD, windows with both ends included) and its plans. */
@ObjectType('ProtectionYear')
export class ProtectionYearType {
  @Field(() => Int)
  year!: number;

  @Field(() => String)
  coverageStart!: string;

  @Field(() => String)
  coverageEnd!: string;

  @Field(() => String, { description: '基层集中参保申报开始' })
  grassrootsOpen!: string;

  @Field(() => String)
  grassrootsClose!: string;

  @Field(() => String, { description: '缴费截止日期' })
  paymentDeadline!: string;

  @Field(() => String, { description: '保障金额调整开始' })
  adjustmentOpen!: string;

  @Field(() => String)
  adjustmentClose!: string;

  @Field(() => String, { description: '区局（产业）申报开始' })
  districtOpen!: string;

  @Field(() => String)
  districtClose!: string;

  @Field(() => [ID])
  planIds!: number[];

  @Field(() => String, { description: "职保中心专户户名 (on the districts' notices)" })
  centerAccountName!: string;

  @Field(() => String, { description: '帐号' })
  centerAccountNo!: string;

  @Field(() => String, { description: '开户行' })
  centerBank!: string;

  @Field(() => Int)
  version!: number;
}

export function toYearType(y: YearRow): ProtectionYearType {
  const { id, version, ...dates } = y;
  return { year: id, version, ...dates, planIds: [...y.planIds] };
}

/** A plan's split in force for the caller's district in a year (its own, or the plan's defaults). */
@ObjectType('FeeSplit')
export class FeeSplitType {
  @Field(() => ProtectionPlanType)
  plan!: ProtectionPlanType;

  @Field(() => Int)
  cityShareFen!: number;

  @Field(() => Int)
  districtShareFen!: number;

  @Field(() => Int)
  grassrootsShareFen!: number;

  @Field(() => Boolean, { description: "false: the plan's defaults are in force" })
  custom!: boolean;

  @Field(() => Int, { nullable: true, description: 'The version to send with the next change; null before the first' })
  version!: number | null;
}

export function toFeeSplitType(s: SplitInForce): FeeSplitType {
  return {
    plan: toPlanType(s.plan),
    cityShareFen: s.cityShareFen,
    districtShareFen: s.districtShareFen,
    grassrootsShareFen: s.grassrootsShareFen,
    custom: s.split !== null,
    version: s.split?.version ?? null,
  };
}

@InputType()
export class ProtectionPlanInput {
  @Field(() => String)
  @HumanText('labelPlanName')
  @MaxLength(50)
  name!: string;

  @Field(() => Int)
  feeFen!: number;

  @Field(() => Int)
  cityShareFen!: number;

  @Field(() => Int)
  districtShareFen!: number;

  @Field(() => Int)
  grassrootsShareFen!: number;

  @Field(() => Int)
  halfYearFeeFen!: number;

  @Field(() => String)
  @PlainText('a date: checked by isDate')
  @MaxLength(10)
  validFrom!: string;

  @Field(() => String)
  @PlainText('a date: checked by isDate')
  @MaxLength(10)
  validTo!: string;
}

@InputType()
export class UpdateProtectionPlanInput extends ProtectionPlanInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;
}

@InputType()
export class ProtectionYearInput {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true, description: 'The version as read to change a year; none to create it' })
  version?: number | null;

  @Field(() => String)
  @PlainText('a date')
  @MaxLength(10)
  coverageStart!: string;

  @Field(() => String)
  @PlainText('a date')
  @MaxLength(10)
  coverageEnd!: string;

  @Field(() => String)
  @PlainText('a date')
  @MaxLength(10)
  grassrootsOpen!: string;

  @Field(() => String)
  @PlainText('a date')
  @MaxLength(10)
  grassrootsClose!: string;

  @Field(() => String)
  @PlainText('a date')
  @MaxLength(10)
  paymentDeadline!: string;

  @Field(() => String)
  @PlainText('a date')
  @MaxLength(10)
  adjustmentOpen!: string;

  @Field(() => String)
  @PlainText('a date')
  @MaxLength(10)
  adjustmentClose!: string;

  @Field(() => String)
  @PlainText('a date')
  @MaxLength(10)
  districtOpen!: string;

  @Field(() => String)
  @PlainText('a date')
  @MaxLength(10)
  districtClose!: string;

  @Field(() => [ID])
  planIds!: string[];

  @Field(() => String, { nullable: true, description: "职保中心专户户名; none keeps the year's (a new year: the manual's account)" })
  @PlainText('an account name')
  @MaxLength(100)
  centerAccountName?: string | null;

  @Field(() => String, { nullable: true })
  @PlainText('an account number')
  @MaxLength(40)
  centerAccountNo?: string | null;

  @Field(() => String, { nullable: true })
  @PlainText('a bank name')
  @MaxLength(100)
  centerBank?: string | null;
}

@InputType()
export class FeeSplitInput {
  @Field(() => Int)
  year!: number;

  @Field(() => ID)
  planId!: string;

  @Field(() => Int)
  districtShareFen!: number;

  @Field(() => Int)
  grassrootsShareFen!: number;

  @Field(() => Int, { nullable: true, description: 'The version as read; none for the first split of this plan and year' })
  version?: number | null;
}

@ObjectType()
export class ProtectionPlanPayload {
  @Field(() => ProtectionPlanType)
  plan!: ProtectionPlanType;
}

@ObjectType()
export class ProtectionYearPayload {
  @Field(() => ProtectionYearType)
  year!: ProtectionYearType;
}

@ObjectType()
export class FeeSplitPayload {
  @Field(() => FeeSplitType)
  split!: FeeSplitType;
}

export const ProtectionPlanResult = createUnionType({
  name: 'ProtectionPlanResult',
  types: () => [ProtectionPlanPayload, VersionConflict, UserError] as const,
});
export const ProtectionYearResult = createUnionType({
  name: 'ProtectionYearResult',
  types: () => [ProtectionYearPayload, VersionConflict, UserError] as const,
});
export const FeeSplitResult = createUnionType({ name: 'FeeSplitResult', types: () => [FeeSplitPayload, VersionConflict, UserError] as const });
