import { isCalendarDate } from '../../domain/id-expiry.js';

/**
 * Calendar arithmetic of the workbench on YYYY-MM-DD business dates (Asia/Shanghai, from the clock).
 * Pure, no I/O.
 */

/** The longest range the workbench charts: a leap year. */
export const MAX_RANGE_DAYS = 366;
/** The default range: the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;

const DAY_MS = 86_400_000;

export function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the ISO week holding `date`. */
export function weekStart(date: string): string {
  const weekday = (new Date(dayNumber(date) * DAY_MS).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  return addDays(date, -weekday);
}

export function monthStart(date: string): string {
  return `${date.slice(0, 8)}01`;
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const n = dayNumber(to) - dayNumber(from) + 1;
  return Array.from({ length: Math.max(0, n) }, (_, i) => addDays(from, i));
}

function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && isCalendarDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
}

export type RangeResult = { ok: true; from: string; to: string } | { ok: false; field: 'from' | 'to'; reason: 'FORMAT' | 'ORDER' | 'TOO_LONG' };

/**
 * The date range asked for, with defaults: `to` is today, `from` is 29 days before `to` (30 days).
 * Refuses malformed dates, `from` after `to`, and more than {@link MAX_RANGE_DAYS} days.
 */
export function resolveRange(from: string | null | undefined, to: string | null | undefined, today: string): RangeResult {
  const rawFrom = from?.trim() || null;
  const rawTo = to?.trim() || null;
  if (rawFrom !== null && !isIsoDate(rawFrom)) return { ok: false, field: 'from', reason: 'FORMAT' };
  if (rawTo !== null && !isIsoDate(rawTo)) return { ok: false, field: 'to', reason: 'FORMAT' };
  const end = rawTo ?? today;
  const start = rawFrom ?? addDays(end, -(DEFAULT_RANGE_DAYS - 1));
  if (start > end) return { ok: false, field: 'from', reason: 'ORDER' };
  if (dayNumber(end) - dayNumber(start) + 1 > MAX_RANGE_DAYS) return { ok: false, field: 'from', reason: 'TOO_LONG' };
  return { ok: true, from: start, to: end };
}

/** Sorted, non-overlapping windows covering all of `windows` (touching ones merged). */
export function mergeWindows(windows: [string, string][]): [string, string][] {
  const sorted = windows.filter(([a, b]) => a <= b).sort((x, y) => x[0].localeCompare(y[0]));
  const merged: [string, string][] = [];
  for (const [a, b] of sorted) {
    const last = merged.at(-1);
    if (last && a <= addDays(last[1], 1)) last[1] = b > last[1] ? b : last[1];
    else merged.push([a, b]);
  }
  return merged;
}
