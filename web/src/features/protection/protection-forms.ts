import { fenToYuan, sumFen, yuanToFen } from '../../components/money';
import type { FeeSplitInput, ProtectionPlanInput, ProtectionYearInput, WindowState } from '../../gql/graphql';

/**
 * 保障计划, 保障年度 and 保障金额设置 as forms: amounts typed in yuan (text, as typed) and sent in fen,
 * dates as YYYY-MM-DD. The server checks every rule (shares adding up, the calendar's order) and says
 * which input is wrong; these only prepare what is sent and what is shown while typing.
 */

/** A plan's amounts as stored (fen). */
export interface PlanAmounts {
  feeFen: number;
  cityShareFen: number;
  districtShareFen: number;
  grassrootsShareFen: number;
  halfYearFeeFen: number;
}

export interface PlanForm {
  name: string;
  fee: string;
  cityShare: string;
  districtShare: string;
  grassrootsShare: string;
  halfYearFee: string;
  validFrom: string;
  validTo: string;
}

/** The inputs a server UserError may point at, named as the API names them. */
export const PLAN_FORM_FIELDS = ['name', 'feeFen', 'cityShareFen', 'districtShareFen', 'grassrootsShareFen', 'halfYearFeeFen', 'validFrom', 'validTo'] as const;
export type PlanFormField = (typeof PLAN_FORM_FIELDS)[number];

export function emptyPlanForm(): PlanForm {
  return { name: '', fee: '', cityShare: '', districtShare: '', grassrootsShare: '0.00', halfYearFee: '', validFrom: '', validTo: '' };
}

export function planFormFrom(plan: PlanAmounts & { name: string; validFrom: string; validTo: string }): PlanForm {
  return {
    name: plan.name,
    fee: fenToYuan(plan.feeFen),
    cityShare: fenToYuan(plan.cityShareFen),
    districtShare: fenToYuan(plan.districtShareFen),
    grassrootsShare: fenToYuan(plan.grassrootsShareFen),
    halfYearFee: fenToYuan(plan.halfYearFeeFen),
    validFrom: plan.validFrom,
    validTo: plan.validTo,
  };
}

/** What is sent; null while an amount is not one (the form's own rules say which). */
export function planInput(form: PlanForm): ProtectionPlanInput | null {
  const amounts = [form.fee, form.cityShare, form.districtShare, form.grassrootsShare, form.halfYearFee].map(yuanToFen);
  if (amounts.some((fen) => fen === null)) return null;
  const [feeFen, cityShareFen, districtShareFen, grassrootsShareFen, halfYearFeeFen] = amounts as number[];
  return {
    name: form.name.trim(),
    feeFen: feeFen!,
    cityShareFen: cityShareFen!,
    districtShareFen: districtShareFen!,
    grassrootsShareFen: grassrootsShareFen!,
    halfYearFeeFen: halfYearFeeFen!,
    validFrom: form.validFrom,
    validTo: form.validTo,
  };
}

/** How the shares stand against the fee while typing: their sum, the fee, and the difference (null until both are amounts). */
export interface ShareTally {
  sumFen: number | null;
  targetFen: number | null;
  /** target - sum: positive when shares are missing, negative when they are too much. */
  gapFen: number | null;
}

function tally(shares: readonly string[], targetFen: number | null): ShareTally {
  const sum = sumFen(shares);
  return { sumFen: sum, targetFen, gapFen: sum === null || targetFen === null ? null : targetFen - sum };
}

/** 市总 + 区局（产业） + 基层 against 参保费用. */
export function planShareTally(form: PlanForm): ShareTally {
  return tally([form.cityShare, form.districtShare, form.grassrootsShare], yuanToFen(form.fee));
}

/** Dates as the API has them. */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (not 2025-02-30). */
export function isDateText(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** The same day `years` later; 29 February becomes the 28th in a common year. Not a date: as it was. */
export function shiftYears(date: string, years: number): string {
  if (!isDateText(date)) return date;
  const shifted = `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
  return isDateText(shifted) ? shifted : `${shifted.slice(0, 8)}28`;
}

/** The calendar of a year: its date inputs, named as the API names them. */
export const YEAR_DATE_FIELDS = [
  'coverageStart',
  'coverageEnd',
  'grassrootsOpen',
  'grassrootsClose',
  'paymentDeadline',
  'adjustmentOpen',
  'adjustmentClose',
  'districtOpen',
  'districtClose',
] as const;
export type YearDateField = (typeof YEAR_DATE_FIELDS)[number];

export const YEAR_FORM_FIELDS = ['year', ...YEAR_DATE_FIELDS, 'planIds'] as const;
export type YearFormField = (typeof YEAR_FORM_FIELDS)[number];

/**
 * The rows of the calendar as the manual names them: 保障期, 基层申报时间, 缴费截止日期, 保障金额调整时间,
 * 区局（产业）申报时间; a window has an opening and a closing date, the deadline one date.
 */
export const CALENDAR_ROWS = [
  { key: 'coverage', dates: ['coverageStart', 'coverageEnd'] },
  { key: 'grassroots', dates: ['grassrootsOpen', 'grassrootsClose'] },
  { key: 'paymentDeadline', dates: ['paymentDeadline'] },
  { key: 'adjustment', dates: ['adjustmentOpen', 'adjustmentClose'] },
  { key: 'district', dates: ['districtOpen', 'districtClose'] },
] as const satisfies readonly { key: string; dates: readonly YearDateField[] }[];

export type YearForm = { year: string; planIds: string[] } & Record<YearDateField, string>;

export type YearRow = { year: number; planIds: readonly string[] } & Record<YearDateField, string>;

export function yearFormFrom(year: YearRow): YearForm {
  const form = { year: String(year.year), planIds: [...year.planIds] } as YearForm;
  for (const field of YEAR_DATE_FIELDS) form[field] = year[field];
  return form;
}

/**
 * A new year starts from the newest one a year on (the calendar repeats each autumn: 10-25..10-31,
 * 12-25, 12-26..12-31), with the same plans; the first year ever starts empty.
 */
export function nextYearForm(newest: YearRow | null | undefined): YearForm {
  if (!newest) {
    const form = { year: '', planIds: [] as string[] } as YearForm;
    for (const field of YEAR_DATE_FIELDS) form[field] = '';
    return form;
  }
  const form = yearFormFrom(newest);
  form.year = String(newest.year + 1);
  for (const field of YEAR_DATE_FIELDS) form[field] = shiftYears(newest[field], 1);
  return form;
}

/** A typed year changes the coverage with it (always 1 January to 31 December of that year). */
export function withYear(form: YearForm, yearText: string): YearForm {
  const next = { ...form, year: yearText };
  if (/^\d{4}$/.test(yearText)) {
    next.coverageStart = `${yearText}-01-01`;
    next.coverageEnd = `${yearText}-12-31`;
  }
  return next;
}

/** What is sent: `version` to change a stored year, none to create one. */
export function yearInput(form: YearForm, version: number | null): ProtectionYearInput {
  const input = { year: Number(form.year), version, planIds: [...form.planIds] } as ProtectionYearInput;
  for (const field of YEAR_DATE_FIELDS) input[field] = form[field];
  return input;
}

/** 保障金额设置: the district's and the grassroots unions' shares of what the city does not pay. */
export interface SplitForm {
  districtShare: string;
  grassrootsShare: string;
}

export const SPLIT_FORM_FIELDS = ['districtShareFen', 'grassrootsShareFen'] as const;

export function splitFormFrom(split: { districtShareFen: number; grassrootsShareFen: number }): SplitForm {
  return { districtShare: fenToYuan(split.districtShareFen), grassrootsShare: fenToYuan(split.grassrootsShareFen) };
}

/** 区局（产业） + 基层 against 参保费用 less 市总统一划拨. */
export function splitShareTally(form: SplitForm, plan: { feeFen: number; cityShareFen: number }): ShareTally {
  return tally([form.districtShare, form.grassrootsShare], plan.feeFen - plan.cityShareFen);
}

/** What is sent; version null for the district's first split of this plan and year. Null while an amount is not one. */
export function splitInput(form: SplitForm, year: number, planId: string, version: number | null): FeeSplitInput | null {
  const districtShareFen = yuanToFen(form.districtShare);
  const grassrootsShareFen = yuanToFen(form.grassrootsShare);
  if (districtShareFen === null || grassrootsShareFen === null) return null;
  return { year, planId, districtShareFen, grassrootsShareFen, version };
}

/** Whether the page lets a district change its split: only while the server says the window is open. */
export function splitEditable(state: WindowState | null | undefined): boolean {
  return state === 'OPEN';
}

/** The newest year is the default choice; the server answers newest first, but the order is not relied on. */
export function newestYear<Y extends { year: number }>(years: readonly Y[]): Y | null {
  return years.reduce<Y | null>((newest, y) => (!newest || y.year > newest.year ? y : newest), null);
}
