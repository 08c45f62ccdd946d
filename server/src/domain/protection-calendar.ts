/**
 * Plans, years and their calendar (SPEC §7): the rules every date and amount obeys, checked by the
 * server against the one clock. Money is integer fen throughout (26.00 yuan is 2600).
 */

/** A plan's fee and who pays it: the city share is fixed by the center, the rest split by each district. */
export interface PlanAmounts {
  feeFen: number;
  cityShareFen: number;
  districtShareFen: number;
  grassrootsShareFen: number;
  halfYearFeeFen: number;
}

export type AmountProblem = 'NOT_FEN' | 'SHARES_DO_NOT_ADD_UP' | 'HALF_YEAR_ABOVE_FEE';

/** The most a fee may be: 10,000 yuan, far above any plan, far below integer overflow when multiplied by members. */
export const MAX_FEE_FEN = 1_000_000;

function isFen(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0 && n <= MAX_FEE_FEN;
}

/** Every problem of a plan's amounts: each a whole, non-negative number of fen; city + district + grassroots = fee. */
export function checkPlanAmounts(a: PlanAmounts): AmountProblem[] {
  const problems: AmountProblem[] = [];
  if (![a.feeFen, a.cityShareFen, a.districtShareFen, a.grassrootsShareFen, a.halfYearFeeFen].every(isFen)) return ['NOT_FEN'];
  if (a.cityShareFen + a.districtShareFen + a.grassrootsShareFen !== a.feeFen) problems.push('SHARES_DO_NOT_ADD_UP');
  if (a.halfYearFeeFen > a.feeFen) problems.push('HALF_YEAR_ABOVE_FEE');
  return problems;
}

/** A district's split of what the city does not pay: it must add up to the plan's fee less the city share. */
export function checkFeeSplit(plan: Pick<PlanAmounts, 'feeFen' | 'cityShareFen'>, districtShareFen: number, grassrootsShareFen: number): boolean {
  return isFen(districtShareFen) && isFen(grassrootsShareFen) && districtShareFen + grassrootsShareFen === plan.feeFen - plan.cityShareFen;
}

/** A window of days, both ends included (YYYY-MM-DD). */
export interface DateWindow {
  open: string;
  close: string;
}

/** The calendar of one protection year (e.g. 2025 and the autumn of 2024 before it). */
export interface YearCalendar {
  coverage: DateWindow;
  /** 基层工会集中参保申报 */
  grassroots: DateWindow;
  /** Grassroots unions pay their district by this day. */
  paymentDeadline: string;
  /** A district may change its fee split (manual: 10-25..10-31). */
  adjustment: DateWindow;
  /** Districts submit to the center (manual: 12-26..12-31). */
  district: DateWindow;
}

export type CalendarProblem =
  | 'DATE_FORMAT'
  | 'COVERAGE_NOT_THE_YEAR'
  | 'WINDOW_ORDER'
  | 'GRASSROOTS_AFTER_DEADLINE'
  | 'DEADLINE_AFTER_DISTRICT'
  | 'ADJUSTMENT_OUTSIDE_GRASSROOTS'
  | 'DISTRICT_AFTER_COVERAGE';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(s: string): boolean {
  return DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

/**
 * Every problem of a year's calendar: coverage is the calendar year itself; each window opens before it
 * closes; the grassroots window ends by the payment deadline, which comes before the district window,
 * which closes before coverage starts; the adjustment window lies inside the grassroots one (a split
 * changed after unions submitted would not reach them: each submission keeps the split it was made with).
 */
export function checkCalendar(year: number, c: YearCalendar): CalendarProblem[] {
  const dates = [
    c.coverage.open,
    c.coverage.close,
    c.grassroots.open,
    c.grassroots.close,
    c.paymentDeadline,
    c.adjustment.open,
    c.adjustment.close,
    c.district.open,
    c.district.close,
  ];
  if (!dates.every(isDate)) return ['DATE_FORMAT'];
  const problems: CalendarProblem[] = [];
  if (c.coverage.open !== `${year}-01-01` || c.coverage.close !== `${year}-12-31`) problems.push('COVERAGE_NOT_THE_YEAR');
  if ([c.grassroots, c.adjustment, c.district].some((w) => w.open > w.close)) problems.push('WINDOW_ORDER');
  if (c.grassroots.close > c.paymentDeadline) problems.push('GRASSROOTS_AFTER_DEADLINE');
  if (c.paymentDeadline >= c.district.open) problems.push('DEADLINE_AFTER_DISTRICT');
  if (c.adjustment.open < c.grassroots.open || c.adjustment.close > c.grassroots.close) problems.push('ADJUSTMENT_OUTSIDE_GRASSROOTS');
  if (c.district.close >= c.coverage.open) problems.push('DISTRICT_AFTER_COVERAGE');
  return problems;
}

/** Where `today` stands against a window. */
export function windowState(today: string, w: DateWindow): 'BEFORE' | 'OPEN' | 'AFTER' {
  if (today < w.open) return 'BEFORE';
  return today > w.close ? 'AFTER' : 'OPEN';
}
