import { describe, expect, it } from 'vitest';
import { feeTotals, longDate, mustSubmitAgain, newClientKey, planToSubmit, refusalLines, withoutRefused } from '../enrollment-figures';

describe('enrollment figures', () => {
  it('multiplies the split in force by the members, in fen (the manual’s 53 members of plan A: 1378 = 689 + 689 + 0)', () => {
    const planA = { feeFen: 2600, cityShareFen: 1300, districtShareFen: 1300, grassrootsShareFen: 0 };
    expect(feeTotals(53, planA)).toEqual({ totalFen: 137_800, cityFen: 68_900, districtFen: 68_900, grassrootsFen: 0 });
    // A district that moved part of its share to its grassroots unions.
    expect(feeTotals(3, { feeFen: 2600, cityShareFen: 1300, districtShareFen: 950, grassrootsShareFen: 350 })).toEqual({
      totalFen: 7800,
      cityFen: 3900,
      districtFen: 2850,
      grassrootsFen: 1050,
    });
    expect(feeTotals(0, planA).totalFen).toBe(0);
  });

  it('writes the notice’s dates as a clerk does in Chinese, and as dates in English', () => {
    expect(longDate('2024-12-25', 'zh-CN')).toBe('2024年12月25日');
    expect(longDate('2025-01-01', 'zh-CN')).toBe('2025年1月1日');
    expect(longDate('2025-01-01', 'en')).toBe('2025-01-01');
    expect(longDate('not a date', 'zh-CN')).toBe('not a date');
  });

  it('submits with the plan the union’s first submission fixed, else the clerk’s choice, else the only one offered', () => {
    expect(planToSubmit('1', '2', ['1', '2'])).toBe('1');
    expect(planToSubmit(null, '2', ['1', '2'])).toBe('2');
    expect(planToSubmit(null, null, ['1', '2'])).toBeNull();
    expect(planToSubmit(undefined, null, ['1'])).toBe('1');
    expect(planToSubmit(null, '9', ['1'])).toBe('1');
    // A fixed plan no longer offered: nothing can be submitted (the server would refuse it).
    expect(planToSubmit('3', '1', ['1'])).toBeNull();
  });

  it('asks to submit again only when the channel was submitted and members became eligible since', () => {
    expect(mustSubmitAgain(1, 2)).toBe(true);
    expect(mustSubmitAgain(0, 12)).toBe(false);
    expect(mustSubmitAgain(2, 0)).toBe(false);
  });

  it('words a refusal one member a line with every reason, and leaves the refused out of the rest', () => {
    const refused = [
      { memberId: '7', name: '甲', reasons: ['RETIRED', 'NO_CARD'] as const },
      { memberId: '9', name: '乙', reasons: ['ALREADY_ENROLLED'] as const },
    ];
    const labels: Record<string, string> = { RETIRED: '已退休', NO_CARD: '未办卡', ALREADY_ENROLLED: '已参保' };
    expect(
      refusalLines(
        refused,
        (r) => labels[r] ?? r,
        (name, reasons) => `${name}：${reasons.join('、')}`,
      ),
    ).toEqual(['甲：已退休、未办卡', '乙：已参保']);
    expect(withoutRefused(['5', '7', '8', '9'], refused)).toEqual(['5', '8']);
    expect(withoutRefused(['7'], refused)).toEqual([]);
  });

  it('makes a new key for each submission', () => {
    const keys = new Set(Array.from({ length: 20 }, newClientKey));
    expect(keys.size).toBe(20);
    for (const key of keys) expect(key.length).toBeGreaterThanOrEqual(8);
  });
});
