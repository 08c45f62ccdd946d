import { describe, expect, it } from 'vitest';
import { addDays, datesBetween, mergeWindows, monthStart, resolveRange, weekStart } from './workbench-range.js';

describe('workbench calendar', () => {
  it.each([
    ['2024-12-27', '2024-12-23'], // Friday
    ['2024-12-23', '2024-12-23'], // Monday
    ['2024-12-29', '2024-12-23'], // Sunday belongs to the week that started on Monday
    ['2025-01-01', '2024-12-30'], // a week across the new year
    ['2024-03-03', '2024-02-26'], // across 29 February
  ])('the week of %s starts on Monday %s', (date, monday) => {
    expect(weekStart(date)).toBe(monday);
  });

  it('month starts, day arithmetic and day lists', () => {
    expect(monthStart('2024-12-27')).toBe('2024-12-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(datesBetween('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(datesBetween('2024-03-01', '2024-02-28')).toEqual([]);
  });

  it.each([
    [null, null, { ok: true, from: '2024-11-28', to: '2024-12-27' }], // the last 30 days
    ['2024-12-01', null, { ok: true, from: '2024-12-01', to: '2024-12-27' }],
    [null, '2024-06-30', { ok: true, from: '2024-06-01', to: '2024-06-30' }],
    [' 2024-01-01 ', '2024-12-31', { ok: true, from: '2024-01-01', to: '2024-12-31' }], // 366 days in a leap year
    ['2024-12-27', '2024-12-27', { ok: true, from: '2024-12-27', to: '2024-12-27' }],
    ['', '', { ok: true, from: '2024-11-28', to: '2024-12-27' }],
    ['2023-01-01', '2024-01-01', { ok: true, from: '2023-01-01', to: '2024-01-01' }], // 366 days
    ['2023-01-01', '2024-01-02', { ok: false, field: 'from', reason: 'TOO_LONG' }], // 367 days
    ['2024-12-27', '2025-12-28', { ok: false, field: 'from', reason: 'TOO_LONG' }],
    ['2024-12-28', '2024-12-27', { ok: false, field: 'from', reason: 'ORDER' }],
    ['2024-02-30', null, { ok: false, field: 'from', reason: 'FORMAT' }],
    [null, '2024/12/27', { ok: false, field: 'to', reason: 'FORMAT' }],
    ['yesterday', null, { ok: false, field: 'from', reason: 'FORMAT' }],
  ])('from %j to %j, today 2024-12-27: %j', (from, to, want) => {
    expect(resolveRange(from, to, '2024-12-27')).toEqual(want);
  });

  it('merges overlapping and touching windows, keeps apart the others', () => {
    expect(
      mergeWindows([
        ['2024-11-28', '2024-12-27'],
        ['2024-12-01', '2024-12-27'],
      ]),
    ).toEqual([['2024-11-28', '2024-12-27']]);
    expect(
      mergeWindows([
        ['2024-12-01', '2024-12-27'],
        ['2024-11-01', '2024-11-30'],
      ]),
    ).toEqual([['2024-11-01', '2024-12-27']]);
    expect(
      mergeWindows([
        ['2024-12-01', '2024-12-27'],
        ['2023-01-01', '2023-01-31'],
      ]),
    ).toEqual([
      ['2023-01-01', '2023-01-31'],
      ['2024-12-01', '2024-12-27'],
    ]);
  });
});
