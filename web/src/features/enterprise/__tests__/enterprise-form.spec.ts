import { describe, expect, it } from 'vitest';
import { emptyEnterpriseForm, enterpriseCreditCodeProblem, enterpriseFormFrom, enterpriseInput } from '../enterprise-form';

describe('enterprise form', () => {
  const valid = '91310115000000000Q';

  it('always needs an 18-character credit code, counted after trimming', () => {
    expect(enterpriseCreditCodeProblem('')).toBe('required');
    expect(enterpriseCreditCodeProblem('   ')).toBe('required');
    expect(enterpriseCreditCodeProblem(valid.slice(0, 17))).toBe('length');
    expect(enterpriseCreditCodeProblem(`${valid}0`)).toBe('length');
    expect(enterpriseCreditCodeProblem(` ${valid.toLowerCase()} `)).toBeNull();
    // The check character is the server's to judge.
    expect(enterpriseCreditCodeProblem('913101150000000000')).toBeNull();
  });

  it('sends trimmed fields, the code upper-cased and an empty address as none', () => {
    expect(enterpriseInput({ name: ' 上海建朗 ', creditCode: ` ${valid.toLowerCase()}`, address: '  ' })).toEqual({
      name: '上海建朗',
      creditCode: valid,
      address: null,
    });
    expect(enterpriseInput({ name: 'A', creditCode: valid, address: ' 浦东新区 ' }).address).toBe('浦东新区');
  });

  it('starts an edit from the stored enterprise', () => {
    expect(enterpriseFormFrom({ name: '上海建朗', creditCode: valid, address: null })).toEqual({ name: '上海建朗', creditCode: valid, address: '' });
    expect(emptyEnterpriseForm()).toEqual({ name: '', creditCode: '', address: '' });
  });
});
