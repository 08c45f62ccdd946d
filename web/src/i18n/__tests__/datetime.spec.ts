import { describe, expect, it } from 'vitest';
import { formatShanghaiDateTime, formatShanghaiTime, formatShanghaiTimestamp } from '../datetime';

describe('Shanghai time formatting', () => {
  it('shows a UTC instant as Shanghai wall-clock time (UTC+8)', () => {
    expect(formatShanghaiTime('2024-12-27T06:30:00.000Z')).toBe('14:30');
  });

  it('uses a 24-hour clock past midnight', () => {
    expect(formatShanghaiTime('2024-12-27T16:05:00Z')).toBe('00:05');
  });

  it('moves the date with the time zone', () => {
    expect(formatShanghaiDateTime('2024-12-31T17:45:00Z')).toBe('2025-01-01 01:45');
  });

  it('shows seconds in timestamps, padded, on a 24-hour clock', () => {
    expect(formatShanghaiTimestamp('2024-12-31T16:00:07.900Z')).toBe('2025-01-01 00:00:07');
    expect(formatShanghaiTimestamp('2024-06-30T15:59:59Z')).toBe('2024-06-30 23:59:59');
  });
});
