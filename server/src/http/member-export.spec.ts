import { describe, expect, it } from 'vitest';
import { exportFileName } from './member-export.js';

describe('export file name', () => {
  it('is 会员信息, the union and the business date', () => {
    expect(exportFileName('上海建朗信息科技有限公司工会', '2024-12-27')).toBe('会员信息-上海建朗信息科技有限公司工会-2024-12-27.xlsx');
  });

  it('keeps a union name with a slash or colon one file name', () => {
    expect(exportFileName('机关/后勤工会: 一部', '2025-01-02')).toBe('会员信息-机关_后勤工会_ 一部-2025-01-02.xlsx');
  });
});
