import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { fieldErrors, userError, UserError, type FieldError, type VersionConflict } from '../../common/errors/error-result.js';
import { violated } from '../../common/errors/unique-violation.js';
import type { MessageKey } from '../../common/i18n/messages.js';
import { changeVersioned } from '../../changes/versioned-change.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import { ancestorAt } from '../../org-scope/org-path.js';
import {
  checkCalendar,
  checkFeeSplit,
  checkPlanAmounts,
  isDate,
  windowState,
  type AmountProblem,
  type CalendarProblem,
  type DateWindow,
  type PlanAmounts,
  type YearCalendar,
} from '../../domain/protection-calendar.js';
import { FeeSplit, ProtectionPlan, ProtectionYear } from './protection-plan.entity.js';
import { DISTRICT_SPLITS, PLANS, YEAR, YEARS, type PlanRow, type SplitRow, type YearRow } from './protection.reads.js';

export interface PlanInput extends PlanAmounts {
  name: string;
  validFrom: string;
  validTo: string;
}

/** 户名, 帐号, 开户行 of the center's special account, printed on the districts' notices. */
export interface CenterAccount {
  centerAccountName: string;
  centerAccountNo: string;
  centerBank: string;
}

/** The account a new year starts with unless given one: the special account of the manual (4.5). */
export const DEFAULT_CENTER_ACCOUNT: CenterAccount = {
  centerAccountName: '上海市职工保障互助中心会员专享保障专户',
  centerAccountNo: '316023-03002745697',
  centerBank: '上海银行人民广场支行',
};

export interface YearInput {
  year: number;
  calendar: YearCalendar;
  planIds: number[];
  /** None: a new year takes DEFAULT_CENTER_ACCOUNT, a changed one keeps its own. */
  centerAccount?: CenterAccount | null;
}

/** The split of a plan's fee in force for a district in a year: its own, or the plan's defaults. */
export interface SplitInForce {
  plan: PlanRow;
  cityShareFen: number;
  districtShareFen: number;
  grassrootsShareFen: number;
  /** The district's own split row (null: the plan's defaults), with its version for the next change. */
  split: SplitRow | null;
}

const AMOUNT_MESSAGES: Record<AmountProblem, [string, MessageKey]> = {
  NOT_FEN: ['feeFen', 'planAmountsNotFen'],
  SHARES_DO_NOT_ADD_UP: ['cityShareFen', 'planSharesDoNotAddUp'],
  HALF_YEAR_ABOVE_FEE: ['halfYearFeeFen', 'planHalfYearAboveFee'],
};

const CALENDAR_MESSAGES: Record<CalendarProblem, [string, MessageKey]> = {
  DATE_FORMAT: ['coverageStart', 'calendarDateFormat'],
  COVERAGE_NOT_THE_YEAR: ['coverageStart', 'calendarCoverage'],
  WINDOW_ORDER: ['grassrootsOpen', 'calendarWindowOrder'],
  GRASSROOTS_AFTER_DEADLINE: ['grassrootsClose', 'calendarGrassrootsAfterDeadline'],
  DEADLINE_AFTER_DISTRICT: ['paymentDeadline', 'calendarDeadlineAfterDistrict'],
  ADJUSTMENT_OUTSIDE_GRASSROOTS: ['adjustmentOpen', 'calendarAdjustmentOutside'],
  DISTRICT_AFTER_COVERAGE: ['districtClose', 'calendarDistrictAfterCoverage'],
};

const window = (w: DateWindow) => `${w.open}..${w.close}`;

/** The calendar of a stored year. */
export function calendarOf(y: YearRow): YearCalendar {
  return {
    coverage: { open: y.coverageStart, close: y.coverageEnd },
    grassroots: { open: y.grassrootsOpen, close: y.grassrootsClose },
    paymentDeadline: y.paymentDeadline,
    adjustment: { open: y.adjustmentOpen, close: y.adjustmentClose },
    district: { open: y.districtOpen, close: y.districtClose },
  };
}

/**
 * 保障计划, 保障年度 and 保障金额设置 (SPEC §7): the center keeps plans and years, each district splits the
 * non-city share of a plan inside the year's adjustment window. Reads are reference statements on the
 * read path; writes go through changeVersioned (or a create that a unique key guards).
 */
export class ProtectionService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  plans(ctx: AuthedContext): Promise<PlanRow[]> {
    return ctx.reads.rows<PlanRow>(PLANS);
  }

  years(ctx: AuthedContext): Promise<YearRow[]> {
    return ctx.reads.rows<YearRow>(YEARS);
  }

  /** A year, or NOT_FOUND saying it is not set up. */
  async year(ctx: AuthedContext, year: number): Promise<YearRow> {
    const row = Number.isSafeInteger(year) ? await ctx.reads.one<YearRow>(YEAR, [year]) : undefined;
    if (!row) throw new AppError('NOT_FOUND', ctx.t('yearNotFound', { year }));
    return row;
  }

  /** Where today stands against a window: what the UI shows before a write that assertInWindow would refuse. */
  windowStateToday(w: DateWindow): 'BEFORE' | 'OPEN' | 'AFTER' {
    return windowState(this.clock.today(), w);
  }

  /** OUTSIDE_WINDOW, naming the window and its dates, unless today is inside it. */
  assertInWindow(ctx: AuthedContext, what: 'windowAdjustment' | 'windowGrassroots' | 'windowDistrict', w: DateWindow): void {
    const today = this.clock.today();
    if (windowState(today, w) !== 'OPEN') {
      throw new AppError('OUTSIDE_WINDOW', ctx.t('outsideWindow', { what: ctx.t(what), open: w.open, close: w.close, today }), {
        open: w.open,
        close: w.close,
      });
    }
  }

  async createPlan(ctx: AuthedContext, input: PlanInput): Promise<ProtectionPlan | UserError> {
    const checked = this.checkPlan(ctx, input);
    if (checked instanceof UserError) return checked;
    const keeper = { id: ctx.viewer.organizationId, path: ctx.viewer.orgPath };
    return this.savingPlan(ctx, () =>
      ctx.em.transactional(async (tx) => {
        const plan = tx.create(ProtectionPlan, { ...checked, orgPath: keeper.path, updatedAt: this.clock.now() });
        await tx.flush();
        this.audit.record(ctx, tx, {
          action: 'protection_plan.created',
          organization: keeper,
          targetType: 'ProtectionPlan',
          targetId: plan.id,
          after: planView(plan),
        });
        return plan;
      }),
    );
  }

  async updatePlan(ctx: AuthedContext, id: number, version: number, input: PlanInput): Promise<ProtectionPlan | VersionConflict | UserError> {
    const checked = this.checkPlan(ctx, input);
    if (checked instanceof UserError) return checked;
    return this.savingPlan(ctx, () =>
      changeVersioned(ctx, this.audit, {
        entity: ProtectionPlan,
        id,
        version,
        action: 'protection_plan.updated',
        targetType: 'ProtectionPlan',
        organization: (p) => ({ id: ctx.viewer.organizationId, path: p.orgPath }),
        view: planView,
        apply: (p) => {
          Object.assign(p, checked);
          p.updatedAt = this.clock.now();
        },
      }),
    );
  }

  /**
   * Creates the year (no `version`) or changes it (`version` as read). Every calendar rule is checked
   * at once; the plans offered must exist.
   */
  async saveYear(ctx: AuthedContext, input: YearInput, version: number | null | undefined): Promise<ProtectionYear | VersionConflict | UserError> {
    const problems: FieldError[] = [];
    if (!Number.isSafeInteger(input.year) || input.year < 2020 || input.year > 2100) problems.push({ field: 'year', message: ctx.t('yearRange') });
    else for (const p of checkCalendar(input.year, input.calendar)) problems.push(this.problem(ctx, CALENDAR_MESSAGES[p], { year: input.year }));
    const planIds = [...new Set(input.planIds)];
    if (!planIds.length) problems.push({ field: 'planIds', message: ctx.t('yearPlansRequired') });
    else {
      const known = new Set((await this.plans(ctx)).map((p) => p.id));
      if (planIds.some((id) => !known.has(id))) problems.push({ field: 'planIds', message: ctx.t('yearPlanUnknown') });
    }
    for (const [field, value] of Object.entries(input.centerAccount ?? {})) if (!value.trim()) problems.push({ field, message: ctx.t('fieldRequired') });
    if (problems.length) return fieldErrors(ctx, ErrorCode.BAD_USER_INPUT, problems);
    const c = input.calendar;
    const fields = {
      coverageStart: c.coverage.open,
      coverageEnd: c.coverage.close,
      grassrootsOpen: c.grassroots.open,
      grassrootsClose: c.grassroots.close,
      paymentDeadline: c.paymentDeadline,
      adjustmentOpen: c.adjustment.open,
      adjustmentClose: c.adjustment.close,
      districtOpen: c.district.open,
      districtClose: c.district.close,
      planIds,
      ...input.centerAccount,
    };
    const keeper = { id: ctx.viewer.organizationId, path: ctx.viewer.orgPath };
    if (version != null) {
      return changeVersioned(ctx, this.audit, {
        entity: ProtectionYear,
        id: input.year,
        version,
        action: 'protection_year.saved',
        targetType: 'ProtectionYear',
        organization: () => keeper,
        view: yearView,
        apply: (y) => {
          Object.assign(y, fields);
          y.updatedAt = this.clock.now();
        },
      });
    }
    try {
      return await ctx.em.transactional(async (tx) => {
        const y = tx.create(ProtectionYear, { id: input.year, ...DEFAULT_CENTER_ACCOUNT, ...fields, orgPath: keeper.path, updatedAt: this.clock.now() });
        await tx.flush();
        this.audit.record(ctx, tx, { action: 'protection_year.saved', organization: keeper, targetType: 'ProtectionYear', targetId: y.id, after: yearView(y) });
        return y;
      });
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) return userError(ErrorCode.CONFLICT, ctx.t('yearVersionRequired'), 'year');
      throw e;
    }
  }

  /** The caller's district: itself for a district, the district above any union below one; null for the center. */
  private districtOf(ctx: AuthedContext): { id: number; path: string } | null {
    return ctx.viewer.orgPath.split('/').filter(Boolean).length >= 2 ? ancestorAt(ctx.viewer.orgPath, 2) : null;
  }

  /** The split in force of each plan offered in `year`, for the caller's district (the plan's defaults at the center). */
  async splitsInForce(ctx: AuthedContext, year: number): Promise<SplitInForce[]> {
    const y = await this.year(ctx, year);
    const district = this.districtOf(ctx);
    const [plans, own] = await Promise.all([this.plans(ctx), district ? ctx.reads.rows<SplitRow>(DISTRICT_SPLITS, [district.id, year]) : []]);
    return plans
      .filter((p) => y.planIds.includes(p.id))
      .map((plan) => {
        const split = own.find((s) => s.planId === plan.id) ?? null;
        return {
          plan,
          cityShareFen: plan.cityShareFen,
          districtShareFen: split?.districtShareFen ?? plan.districtShareFen,
          grassrootsShareFen: split?.grassrootsShareFen ?? plan.grassrootsShareFen,
          split,
        };
      });
  }

  /**
   * 保障金额设置: the caller's district splits a plan's non-city share for a year, inside the adjustment
   * window only. The first split creates the district's row (a concurrent first one gets CONFLICT);
   * later ones change it by version.
   */
  async setFeeSplit(
    ctx: AuthedContext,
    input: { year: number; planId: number; districtShareFen: number; grassrootsShareFen: number; version?: number | null },
  ): Promise<SplitInForce | VersionConflict | UserError> {
    const y = await this.year(ctx, input.year);
    this.assertInWindow(ctx, 'windowAdjustment', { open: y.adjustmentOpen, close: y.adjustmentClose });
    const plan = (await this.plans(ctx)).find((p) => p.id === input.planId);
    if (!plan || !y.planIds.includes(plan.id)) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('planNotOffered', { year: y.id }), 'planId');
    if (!checkFeeSplit(plan, input.districtShareFen, input.grassrootsShareFen)) {
      return userError(
        ErrorCode.BAD_USER_INPUT,
        ctx.t('feeSplitDoesNotAddUp', { amount: ((plan.feeFen - plan.cityShareFen) / 100).toFixed(2) }),
        'districtShareFen',
      );
    }
    const district = { id: ctx.viewer.organizationId, path: ctx.viewer.orgPath };
    const shares = { districtShareFen: input.districtShareFen, grassrootsShareFen: input.grassrootsShareFen };
    const splitId = (await ctx.reads.rows<SplitRow>(DISTRICT_SPLITS, [district.id, y.id])).find((s) => s.planId === plan.id)?.id;
    let saved: FeeSplit | VersionConflict | UserError;
    if (splitId !== undefined || input.version != null) {
      if (splitId === undefined || input.version == null) return userError(ErrorCode.CONFLICT, ctx.t('feeSplitExists'), 'version');
      saved = await changeVersioned(ctx, this.audit, {
        entity: FeeSplit,
        id: splitId,
        version: input.version,
        action: 'fee_split.set',
        targetType: 'FeeSplit',
        organization: () => district,
        view: splitView,
        apply: (s) => {
          Object.assign(s, shares);
          s.updatedAt = this.clock.now();
        },
      });
    } else {
      try {
        saved = await ctx.em.transactional(async (tx) => {
          const s = tx.create(FeeSplit, { district: district.id, orgPath: district.path, year: y.id, planId: plan.id, ...shares, updatedAt: this.clock.now() });
          await tx.flush();
          this.audit.record(ctx, tx, { action: 'fee_split.set', organization: district, targetType: 'FeeSplit', targetId: s.id, after: splitView(s) });
          return s;
        });
      } catch (e) {
        if (e instanceof UniqueConstraintViolationException) return userError(ErrorCode.CONFLICT, ctx.t('feeSplitExists'), 'version');
        throw e;
      }
    }
    if (!(saved instanceof FeeSplit)) return saved;
    return { plan, cityShareFen: plan.cityShareFen, ...shares, split: saved };
  }

  private checkPlan(ctx: AuthedContext, input: PlanInput): Omit<PlanInput, never> | UserError {
    const problems: FieldError[] = [];
    const name = input.name.trim();
    if (name.length < 2 || name.length > 50) problems.push({ field: 'name', message: ctx.t('planName') });
    for (const p of checkPlanAmounts(input)) problems.push(this.problem(ctx, AMOUNT_MESSAGES[p]));
    if (!isDate(input.validFrom) || !isDate(input.validTo)) problems.push({ field: 'validFrom', message: ctx.t('calendarDateFormat') });
    else if (input.validFrom > input.validTo) problems.push({ field: 'validTo', message: ctx.t('planValidity') });
    if (problems.length) return fieldErrors(ctx, ErrorCode.BAD_USER_INPUT, problems);
    return { ...input, name };
  }

  private problem(ctx: AuthedContext, [field, key]: [string, MessageKey], params: Record<string, string | number> = {}): FieldError {
    return { field, message: ctx.t(key, params) };
  }

  private async savingPlan<T>(ctx: AuthedContext, work: () => Promise<T>): Promise<T | UserError> {
    try {
      return await work();
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException && violated(e, 'protection_plan_name_unique'))
        return userError(ErrorCode.CONFLICT, ctx.t('planNameTaken'), 'name');
      throw e;
    }
  }
}

function planView(p: ProtectionPlan) {
  return {
    name: p.name,
    feeFen: p.feeFen,
    cityShareFen: p.cityShareFen,
    districtShareFen: p.districtShareFen,
    grassrootsShareFen: p.grassrootsShareFen,
    halfYearFeeFen: p.halfYearFeeFen,
    validFrom: p.validFrom,
    validTo: p.validTo,
  };
}

function yearView(y: ProtectionYear) {
  const c = calendarOf(y);
  return {
    year: y.id,
    coverage: window(c.coverage),
    grassrootsWindow: window(c.grassroots),
    paymentDeadline: c.paymentDeadline,
    adjustmentWindow: window(c.adjustment),
    districtWindow: window(c.district),
    planIds: [...y.planIds].sort((a, b) => a - b).join(','),
    centerAccount: `${y.centerAccountName} / ${y.centerAccountNo} / ${y.centerBank}`,
  };
}

function splitView(s: FeeSplit) {
  return { year: s.year, planId: s.planId, districtShareFen: s.districtShareFen, grassrootsShareFen: s.grassrootsShareFen };
}
