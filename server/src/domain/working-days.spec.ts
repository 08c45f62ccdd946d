import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, type WorkingCalendar } from './working-days.js';

// 2024-12-23 is a Monday.
describe('isWorkingDay', () => {
  it.each([
    ['2024-12-23', 'Monday', true],
    ['2024-12-27', 'Friday', true],
    ['2024-12-28', 'Saturday', false],
    ['2024-12-29', 'Sunday', false],
    ['2024-12-31', 'Tuesday', true],
    ['2025-01-01', 'Wednesday (no calendar: a weekday)', true],
    ['2024-02-29', 'Thursday of a leap year', true],
  ])('%s (%s) → %s', (date, _day, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('follows a calendar: holidays are off, make-up weekend days are on', () => {
    const calendar: WorkingCalendar = { holidays: new Set(['2025-01-01']), workingWeekendDays: new Set(['2024-12-28']) };
    expect(isWorkingDay('2025-01-01', calendar)).toBe(false);
    expect(isWorkingDay('2024-12-28', calendar)).toBe(true);
    expect(isWorkingDay('2024-12-29', calendar)).toBe(false);
  });

  it.each(['2024-02-30', '2024-1-5', '', 'today'])('refuses %j', (date) => {
    expect(() => isWorkingDay(date)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2024-12-23', 0, '2024-12-23', 'Monday + 0: itself'],
    ['2024-12-28', 0, '2024-12-28', 'Saturday + 0: itself, working day or not'],
    ['2024-12-23', 1, '2024-12-24', 'Monday + 1: Tuesday'],
    ['2024-12-26', 1, '2024-12-27', 'Thursday + 1: Friday'],
    ['2024-12-27', 1, '2024-12-30', 'Friday + 1: Monday'],
    ['2024-12-28', 1, '2024-12-30', 'Saturday + 1: Monday'],
    ['2024-12-29', 1, '2024-12-30', 'Sunday + 1: Monday'],
    ['2024-12-27', 2, '2024-12-31', 'Friday + 2: Tuesday'],
    ['2024-12-23', 5, '2024-12-30', 'Monday + 5: next Monday'],
    ['2024-12-31', 1, '2025-01-01', 'across the year'],
    ['2024-02-28', 1, '2024-02-29', 'into a leap day'],
    ['2025-02-28', 1, '2025-03-03', 'Friday at the end of February: Monday in March'],
    ['2024-12-23', 10, '2025-01-06', 'two weeks'],
  ])('%s + %i → %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it('skips holidays and counts make-up days (National Day 2024: Oct 1-7 off, Sep 29 and Oct 12 worked)', () => {
    const calendar: WorkingCalendar = {
      holidays: new Set(['2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07']),
      workingWeekendDays: new Set(['2024-09-29', '2024-10-12']),
    };
    expect(addWorkingDays('2024-09-27', 1, calendar)).toBe('2024-09-29'); // Friday → the make-up Sunday
    expect(addWorkingDays('2024-09-30', 1, calendar)).toBe('2024-10-08'); // Monday before the week off
    expect(addWorkingDays('2024-10-11', 1, calendar)).toBe('2024-10-12'); // Friday → the make-up Saturday
  });

  it.each([-1, 1.5, Number.NaN])('refuses n = %s', (n) => {
    expect(() => addWorkingDays('2024-12-23', n)).toThrow(RangeError);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => addWorkingDays('2024/12/23', 1)).toThrow(RangeError);
  });
});
