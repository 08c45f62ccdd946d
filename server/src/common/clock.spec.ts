import { describe, expect, it } from 'vitest';
import { Clock, shanghaiDate, shanghaiMinute } from './clock.js';

describe('Clock', () => {
  it('APP_TODAY moves "today" to that Shanghai date and time keeps running', async () => {
    const clock = new Clock('2024-12-27');
    expect(clock.today()).toBe('2024-12-27');
    const a = clock.now().getTime();
    await new Promise((r) => setTimeout(r, 5));
    expect(clock.now().getTime()).toBeGreaterThan(a);
  });

  it('advance moves time forward', () => {
    const clock = new Clock('2024-12-27');
    clock.advance(24 * 3600_000);
    expect(clock.today()).toBe('2024-12-28');
  });

  it('the business date is Shanghai’s: 16:00 UTC is already the next day', () => {
    expect(shanghaiDate(new Date('2024-12-31T15:59:59Z'))).toBe('2024-12-31');
    expect(shanghaiDate(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
  });

  it('documents print the Shanghai time to the minute', () => {
    expect(shanghaiMinute(new Date('2024-12-31T15:59:59Z'))).toBe('2024-12-31 23:59');
    expect(shanghaiMinute(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01 00:00');
    expect(() => shanghaiMinute(new Date(Number.NaN))).toThrow(RangeError);
  });
});
