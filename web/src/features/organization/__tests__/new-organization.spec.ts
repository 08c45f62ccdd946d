import { describe, expect, it } from 'vitest';
import type { Tier } from '../../../gql/graphql';
import { childTiers, creditCodeProblem, normalizeCreditCode, requiresCreditCode } from '../new-organization';

describe('tiers a new union may have', () => {
  it.each<[Tier, Tier[]]>([
    ['CENTER', ['DISTRICT']],
    ['DISTRICT', ['SECONDARY', 'GRASSROOTS']],
    ['SECONDARY', ['SECONDARY', 'GRASSROOTS']],
    ['GRASSROOTS', []],
  ])('under a %s union: %j', (parent, children) => {
    expect(childTiers(parent)).toEqual(children);
  });

  it('never offers a union at its parent tier or above, except secondary under secondary', () => {
    const order: Tier[] = ['CENTER', 'DISTRICT', 'SECONDARY', 'GRASSROOTS'];
    for (const parent of order) {
      for (const child of childTiers(parent)) {
        const deeper = order.indexOf(child) > order.indexOf(parent);
        expect(deeper || (parent === 'SECONDARY' && child === 'SECONDARY'), `${child} under ${parent}`).toBe(true);
      }
    }
  });
});

describe('credit code, checked before sending', () => {
  const valid = '91310115000000000Q';

  it('is required for grassroots unions only', () => {
    expect(requiresCreditCode('GRASSROOTS')).toBe(true);
    expect(requiresCreditCode('SECONDARY')).toBe(false);
    expect(requiresCreditCode(null)).toBe(false);
    expect(creditCodeProblem('', 'GRASSROOTS')).toBe('required');
    expect(creditCodeProblem('   ', 'GRASSROOTS')).toBe('required');
    expect(creditCodeProblem('', 'SECONDARY')).toBeNull();
    expect(creditCodeProblem('', 'DISTRICT')).toBeNull();
  });

  it('counts 18 characters after trimming and upper-casing', () => {
    expect(normalizeCreditCode(`  ${valid.toLowerCase()} `)).toBe(valid);
    expect(creditCodeProblem(`  ${valid.toLowerCase()}\t`, 'GRASSROOTS')).toBeNull();
    expect(creditCodeProblem(valid.slice(0, 17), 'GRASSROOTS')).toBe('length');
    expect(creditCodeProblem(`${valid}0`, 'GRASSROOTS')).toBe('length');
  });

  it('checks the length of an optional code too, when one is given', () => {
    expect(creditCodeProblem('9131', 'SECONDARY')).toBe('length');
    expect(creditCodeProblem(valid, 'SECONDARY')).toBeNull();
  });

  it('leaves the check character to the server', () => {
    expect(creditCodeProblem('913101150000000000', 'GRASSROOTS')).toBeNull();
  });
});
