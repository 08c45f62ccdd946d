import { describe, expect, it } from 'vitest';
import { checkedFeeSplit, fenToYuan } from './money.js';

describe('fenToYuan', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [10, '0.10'],
    [2600, '26.00'],
    [137800, '1378.00'],
    [123456789, '1234567.89'],
    // Where (fen / 100).toFixed(2) would go through a binary fraction: exact here.
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('%d fen is %s', (amount, yuan) => {
    expect(fenToYuan(amount)).toBe(yuan);
  });

  it.each([-1, 1.5, Number.NaN, Infinity, 2 ** 53])('refuses %d', (amount) => {
    expect(() => fenToYuan(amount)).toThrow(RangeError);
  });
});

describe('checkedFeeSplit', () => {
  const split = { feeFen: 2600, cityShareFen: 1300, districtShareFen: 1300, grassrootsShareFen: 0 };

  it('passes a split that adds up', () => {
    expect(checkedFeeSplit(split)).toBe(split);
  });

  it('refuses shares that do not add up to the fee, and amounts that are not whole fen', () => {
    expect(() => checkedFeeSplit({ ...split, grassrootsShareFen: 1 })).toThrow(RangeError);
    expect(() => checkedFeeSplit({ ...split, cityShareFen: -1300, districtShareFen: 3900 })).toThrow(RangeError);
    expect(() => checkedFeeSplit({ ...split, cityShareFen: 1299.5, districtShareFen: 1300.5 })).toThrow(RangeError);
  });
});
