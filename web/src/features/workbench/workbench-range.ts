/**
 * The 业务工作台's date range (开始日期 至 结束日期) on YYYY-MM-DD business dates. "Today" is the
 * server's (Asia/Shanghai business date, from the workbench answer), never the browser's clock.
 */

/** The server's limit: a leap year. */
export const MAX_RANGE_DAYS = 366;
/** With no range chosen the server shows the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;

export interface DateRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** A real calendar date written YYYY-MM-DD (no 2 月 30 日). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

export type RangePreset = 'today' | 'week' | 'month' | 'last30';
export const RANGE_PRESETS: readonly RangePreset[] = ['today', 'week', 'month', 'last30'];

/** 今日, 本周 (from Monday), 本月 (from the 1st), 近 30 天 (the default): each up to today. */
export function presetRange(preset: RangePreset, today: string): DateRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'week': {
      const weekday = (new Date(dayNumber(today) * DAY_MS).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
      return { from: addDays(today, -weekday), to: today };
    }
    case 'month':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'last30':
      return { from: addDays(today, -(DEFAULT_RANGE_DAYS - 1)), to: today };
  }
}

/** The preset a range is, for highlighting its button; a hand-picked range is none. */
export function presetOf(range: DateRange, today: string): RangePreset | null {
  return (
    RANGE_PRESETS.find((preset) => {
      const candidate = presetRange(preset, today);
      return candidate.from === range.from && candidate.to === range.to;
    }) ?? null
  );
}

export type RangeProblem = 'fromFormat' | 'toFormat' | 'order' | 'tooLong';

/** Checked before asking: the server refuses the same (malformed dates, from after to, over 366 days). */
export function rangeProblem(range: DateRange): RangeProblem | null {
  if (!isCalendarDate(range.from)) return 'fromFormat';
  if (!isCalendarDate(range.to)) return 'toFormat';
  if (range.from > range.to) return 'order';
  return dayNumber(range.to) - dayNumber(range.from) + 1 > MAX_RANGE_DAYS ? 'tooLong' : null;
}
