/**
 * Working days (工作日) on the business calendar: Monday to Friday, unless a calendar says otherwise.
 * External offices (the social-security registry) promise answers in working days, so "about one
 * working day" after a Friday is the Monday. Pure functions on `YYYY-MM-DD` dates, no I/O.
 *
 * China also moves days around public holidays (国庆 closes a week and makes a Saturday or Sunday a
 * working day, 调休): a {@link WorkingCalendar} names those dates. Without one, only weekends are off.
 */
import { assertIsoDate } from './id-expiry.js';

/** The exceptions to "Monday to Friday" for some years: both sets hold `YYYY-MM-DD` dates. */
export interface WorkingCalendar {
  /** Weekdays that are not working days (public holidays). */
  holidays?: ReadonlySet<string>;
  /** Saturdays or Sundays that are working days (调休 make-up days). */
  workingWeekendDays?: ReadonlySet<string>;
}

const DAY_MS = 86_400_000;

function dayOfWeek(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The calendar date `n` days after `date` (before it for a negative `n`). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

function nextDay(date: string): string {
  return addDays(date, 1);
}

/** Whether `date` (YYYY-MM-DD) is a working day: a weekday that is not a holiday, or a make-up weekend day. */
export function isWorkingDay(date: string, calendar: WorkingCalendar = {}): boolean {
  assertIsoDate(date, 'date');
  if (calendar.workingWeekendDays?.has(date)) return true;
  if (calendar.holidays?.has(date)) return false;
  const day = dayOfWeek(date);
  return day !== 0 && day !== 6;
}

/**
 * The `n`-th working day after `date`: 1 is the next working day (Friday → Monday, Saturday → Monday),
 * 2 the one after. `n = 0` is `date` itself, working day or not ("at once").
 */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar = {}): string {
  assertIsoDate(date, 'date');
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number of at least 0, got ${n}`);
  let day = date;
  for (let left = n; left > 0;) {
    day = nextDay(day);
    if (isWorkingDay(day, calendar)) left--;
  }
  return day;
}
