import { describe, expect, it } from 'vitest';
import { formatShanghaiDateTime, formatShanghaiTime } from '../datetime';

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
});
