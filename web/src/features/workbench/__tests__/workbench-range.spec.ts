import { describe, expect, it } from 'vitest';
import { addDays, isCalendarDate, MAX_RANGE_DAYS, presetOf, presetRange, rangeProblem } from '../workbench-range';

// 2024-12-27 is a Friday.
const TODAY = '2024-12-27';

describe('workbench range presets', () => {
  it('counts 今日, 本周 from Monday, 本月 from the 1st and the default last 30 days, each up to today', () => {
    expect(presetRange('today', TODAY)).toEqual({ from: TODAY, to: TODAY });
    expect(presetRange('week', TODAY)).toEqual({ from: '2024-12-23', to: TODAY });
    expect(presetRange('month', TODAY)).toEqual({ from: '2024-12-01', to: TODAY });
    expect(presetRange('last30', TODAY)).toEqual({ from: '2024-11-28', to: TODAY });
  });

  it('starts the week on Monday, also on a Monday and a Sunday, across a month and a year', () => {
    expect(presetRange('week', '2024-12-23').from).toBe('2024-12-23');
    expect(presetRange('week', '2024-12-29').from).toBe('2024-12-23');
    expect(presetRange('week', '2025-01-01').from).toBe('2024-12-30');
    expect(presetRange('month', '2025-03-01')).toEqual({ from: '2025-03-01', to: '2025-03-01' });
    // 2024 is a leap year: 29 days back from 1 March is 1 February.
    expect(presetRange('last30', '2024-03-01').from).toBe('2024-02-01');
  });

  it('names the preset a range is, or none for a range picked by hand', () => {
    expect(presetOf({ from: '2024-11-28', to: TODAY }, TODAY)).toBe('last30');
    expect(presetOf({ from: '2024-12-23', to: TODAY }, TODAY)).toBe('week');
    expect(presetOf({ from: '2024-12-01', to: TODAY }, TODAY)).toBe('month');
    expect(presetOf({ from: TODAY, to: TODAY }, TODAY)).toBe('today');
    expect(presetOf({ from: '2024-12-02', to: TODAY }, TODAY)).toBeNull();
    expect(presetOf({ from: '2024-12-01', to: '2024-12-26' }, TODAY)).toBeNull();
  });

  it('is one "today" on the first of a Monday month: 今日 wins', () => {
    expect(presetOf({ from: '2024-07-01', to: '2024-07-01' }, '2024-07-01')).toBe('today');
  });
});

describe('workbench range checks', () => {
  it('accepts a range up to 366 days, one day included', () => {
    expect(rangeProblem({ from: TODAY, to: TODAY })).toBeNull();
    expect(rangeProblem({ from: addDays(TODAY, -(MAX_RANGE_DAYS - 1)), to: TODAY })).toBeNull();
  });

  it('refuses what the server would: bad dates, from after to, more than 366 days', () => {
    expect(rangeProblem({ from: '', to: TODAY })).toBe('fromFormat');
    expect(rangeProblem({ from: '2024-02-30', to: TODAY })).toBe('fromFormat');
    expect(rangeProblem({ from: '2024-12-01', to: '2024-13-01' })).toBe('toFormat');
    expect(rangeProblem({ from: '2024-12-28', to: TODAY })).toBe('order');
    expect(rangeProblem({ from: addDays(TODAY, -MAX_RANGE_DAYS), to: TODAY })).toBe('tooLong');
  });

  it('knows real calendar dates, leap days included', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-1-05')).toBe(false);
    expect(isCalendarDate('20241205')).toBe(false);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
