/**
 * The statutory retirement age and the month a member retires, predicted from birth date, gender and a
 * woman's post (SPEC §8). The enrollment screens use it to exclude members who will have retired before
 * the coverage year starts and to warn about those retiring during it: the manual's old system only saw
 * retirements up to the end of August and left September to December to the clerk. Pure, no I/O.
 *
 * The schedule is the 2025 reform (NPC Standing Committee decision of 2024-09-13, in force 2025-01-01):
 * from its start month on, each `step` months of birth add one month to the original age, up to `cap`
 * months. The migration Migration20261215000000RetirementFunction holds the same schedule as the SQL
 * function `retirement_month` for set-based queries; a test holds the two to each other month by month.
 *
 * Month convention (the reform's own comparison table, 对照表): a member retires in the month they reach
 * the age, i.e. birth month + age in months (a man born 1965-05 retires at 60 years 2 months, in 2025-07),
 * and counts as retired from the first day of that month. The day of birth plays no part, as in the
 * table. That first day is what the manual's rule compares: "retired before 2025-01-01, that day not
 * included" excludes December retirements and keeps January ones (who retire during the coverage year).
 */
import { assertIsoDate } from './id-expiry.js';
import { DEFAULT_FEMALE_POST_TYPE, FEMALE_ORIGINAL_RETIREMENT_AGE, FemalePostType, Gender } from './member-category.js';

/** One line of the reform's schedule. */
export interface RetirementSchedule {
  /** The age before the reform, in years. */
  originalAgeYears: number;
  /** YYYY-MM: the first birth month whose age rises (by one month). */
  startMonth: string;
  /** Months of birth per month of delay. */
  step: number;
  /** The largest delay, in months. */
  capMonths: number;
}

export const MALE_SCHEDULE: RetirementSchedule = { originalAgeYears: 60, startMonth: '1965-01', step: 4, capMonths: 36 };

export const FEMALE_SCHEDULES: Record<FemalePostType, RetirementSchedule> = {
  [FemalePostType.CADRE]: { originalAgeYears: FEMALE_ORIGINAL_RETIREMENT_AGE[FemalePostType.CADRE], startMonth: '1970-01', step: 4, capMonths: 36 },
  [FemalePostType.WORKER]: { originalAgeYears: FEMALE_ORIGINAL_RETIREMENT_AGE[FemalePostType.WORKER], startMonth: '1975-01', step: 2, capMonths: 60 },
};

/** Who retires: `femalePostType` counts for women only; unknown (null) is a worker post, as on the member. */
export interface RetirementPerson {
  /** YYYY-MM-DD; only the month counts. */
  birthDate: string;
  gender: Gender;
  femalePostType?: FemalePostType | null;
}

export interface RetirementPrediction {
  /** The statutory age, in months: 722 is 60 years 2 months. */
  ageMonths: number;
  /** Months added by the reform (0 for births before its start month). */
  delayMonths: number;
  /** YYYY-MM: the month the member reaches the age. */
  retirementMonth: string;
  /** YYYY-MM-DD: the first day of the retirement month, from which the member counts as retired. */
  firstDayRetired: string;
}

export function retirementSchedule(gender: Gender, femalePostType?: FemalePostType | null): RetirementSchedule {
  return gender === Gender.MALE ? MALE_SCHEDULE : FEMALE_SCHEDULES[femalePostType ?? DEFAULT_FEMALE_POST_TYPE];
}

/** Months since year 0, so that months subtract: 1965-01 is 1965 * 12. */
function monthIndex(yearMonth: string): number {
  return Number(yearMonth.slice(0, 4)) * 12 + Number(yearMonth.slice(5, 7)) - 1;
}

function formatMonth(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The reform's delay for a birth month: n counts the months of birth from the start month, which is
 * n = 1, and every started group of `step` months adds one month: min(cap, ceil(n / step)).
 */
export function retirementDelayMonths(birthMonth: string, schedule: RetirementSchedule): number {
  const n = monthIndex(birthMonth) - monthIndex(schedule.startMonth) + 1;
  return n < 1 ? 0 : Math.min(schedule.capMonths, Math.ceil(n / schedule.step));
}

/** The statutory retirement age and month of a person; throws on a birth date that is not YYYY-MM-DD. */
export function predictRetirement(person: RetirementPerson): RetirementPrediction {
  assertIsoDate(person.birthDate, 'birthDate');
  const schedule = retirementSchedule(person.gender, person.femalePostType);
  const birthMonth = person.birthDate.slice(0, 7);
  const delayMonths = retirementDelayMonths(birthMonth, schedule);
  const ageMonths = schedule.originalAgeYears * 12 + delayMonths;
  const retirementMonth = formatMonth(monthIndex(birthMonth) + ageMonths);
  return { ageMonths, delayMonths, retirementMonth, firstDayRetired: `${retirementMonth}-01` };
}

/** True when the person counts as retired before `date` (YYYY-MM-DD): their retirement month starts before it. */
export function retiresBefore(person: RetirementPerson, date: string): boolean {
  assertIsoDate(date, 'date');
  return predictRetirement(person).firstDayRetired < date;
}

/** An age in months as the reform's table writes it: 60岁, 60岁2个月. */
export function formatRetirementAgeZh(ageMonths: number): string {
  const years = Math.floor(ageMonths / 12);
  const months = ageMonths % 12;
  return months === 0 ? `${years}岁` : `${years}岁${months}个月`;
}
