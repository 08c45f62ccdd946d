import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { toId } from '../../common/ids.js';
import { UserError, VersionConflict } from '../../common/errors/error-result.js';
import type { AuthedContext } from '../../common/request-context.js';
import type { ProtectionService } from './protection.service.js';
import {
  FeeSplitInput,
  FeeSplitPayload,
  FeeSplitResult,
  FeeSplitType,
  ProtectionPlanInput,
  ProtectionPlanPayload,
  ProtectionPlanResult,
  ProtectionPlanType,
  ProtectionYearInput,
  ProtectionYearPayload,
  ProtectionYearResult,
  ProtectionYearType,
  UpdateProtectionPlanInput,
  WindowState,
  toFeeSplitType,
  toPlanType,
  toYearType,
} from './protection.types.js';

function planInput(input: ProtectionPlanInput) {
  const { name, feeFen, cityShareFen, districtShareFen, grassrootsShareFen, halfYearFeeFen, validFrom, validTo } = input;
  return { name, feeFen, cityShareFen, districtShareFen, grassrootsShareFen, halfYearFeeFen, validFrom, validTo };
}

/** 保障计划, 保障年度 and 保障金额设置 (SPEC §7). */
@Resolver(() => ProtectionYearType)
export class ProtectionResolver {
  constructor(private readonly protection: ProtectionService) {}

  @Allow(Permission.ENROLLMENT_READ)
  @Query(() => [ProtectionPlanType], { description: 'Every protection plan, newest first' })
  async protectionPlans(@Ctx() ctx: AuthedContext): Promise<ProtectionPlanType[]> {
    return (await this.protection.plans(ctx)).map(toPlanType);
  }

  @Allow(Permission.ENROLLMENT_READ)
  @Query(() => [ProtectionYearType], { description: 'Every protection year, newest first' })
  async protectionYears(@Ctx() ctx: AuthedContext): Promise<ProtectionYearType[]> {
    return (await this.protection.years(ctx)).map(toYearType);
  }

  @Allow(Permission.ENROLLMENT_READ)
  @Query(() => [FeeSplitType], { description: "保障金额: each plan offered in the year, split as in force for the caller's district" })
  async feeSplits(@Ctx() ctx: AuthedContext, @Arg('year', () => Int) year: number): Promise<FeeSplitType[]> {
    return (await this.protection.splitsInForce(ctx, year)).map(toFeeSplitType);
  }

  @Allow(Permission.PROTECTION_PLAN_MANAGE)
  @Mutation(() => ProtectionPlanResult)
  async createProtectionPlan(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => ProtectionPlanInput) input: ProtectionPlanInput,
  ): Promise<typeof ProtectionPlanResult> {
    const r = await this.protection.createPlan(ctx, planInput(input));
    return r instanceof UserError ? r : Object.assign(new ProtectionPlanPayload(), { plan: toPlanType(r) });
  }

  @Allow(Permission.PROTECTION_PLAN_MANAGE)
  @Mutation(() => ProtectionPlanResult)
  async updateProtectionPlan(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => UpdateProtectionPlanInput) input: UpdateProtectionPlanInput,
  ): Promise<typeof ProtectionPlanResult> {
    const r = await this.protection.updatePlan(ctx, toId(input.id), input.version, planInput(input));
    return r instanceof UserError || r instanceof VersionConflict ? r : Object.assign(new ProtectionPlanPayload(), { plan: toPlanType(r) });
  }

  @Allow(Permission.PROTECTION_PLAN_MANAGE)
  @Mutation(() => ProtectionYearResult, { description: 'Creates a year (no version) or changes it (the version as read)' })
  async saveProtectionYear(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => ProtectionYearInput) input: ProtectionYearInput,
  ): Promise<typeof ProtectionYearResult> {
    const r = await this.protection.saveYear(
      ctx,
      {
        year: input.year,
        calendar: {
          coverage: { open: input.coverageStart, close: input.coverageEnd },
          grassroots: { open: input.grassrootsOpen, close: input.grassrootsClose },
          paymentDeadline: input.paymentDeadline,
          adjustment: { open: input.adjustmentOpen, close: input.adjustmentClose },
          district: { open: input.districtOpen, close: input.districtClose },
        },
        planIds: input.planIds.map(toId),
        centerAccount:
          input.centerAccountName != null || input.centerAccountNo != null || input.centerBank != null
            ? { centerAccountName: input.centerAccountName ?? '', centerAccountNo: input.centerAccountNo ?? '', centerBank: input.centerBank ?? '' }
            : null,
      },
      input.version,
    );
    return r instanceof UserError || r instanceof VersionConflict ? r : Object.assign(new ProtectionYearPayload(), { year: toYearType(r) });
  }

  @Allow(Permission.FEE_SPLIT_SET)
  @Mutation(() => FeeSplitResult, { description: "保障金额设置: the caller district's split of a plan's non-city share, inside the adjustment window" })
  async setFeeSplit(@Ctx() ctx: AuthedContext, @Arg('input', () => FeeSplitInput) input: FeeSplitInput): Promise<typeof FeeSplitResult> {
    const r = await this.protection.setFeeSplit(ctx, { ...input, planId: toId(input.planId) });
    return r instanceof UserError || r instanceof VersionConflict ? r : Object.assign(new FeeSplitPayload(), { split: toFeeSplitType(r) });
  }

  @FieldResolver(() => WindowState, {
    description: "保障金额调整: where today (the server's clock, which setFeeSplit obeys) stands against the adjustment window",
  })
  adjustmentState(@Root() y: ProtectionYearType): WindowState {
    return this.protection.windowStateToday({ open: y.adjustmentOpen, close: y.adjustmentClose }) as WindowState;
  }
}
