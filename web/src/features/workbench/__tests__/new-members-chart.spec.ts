import { describe, expect, it } from 'vitest';
import { newMembersChartOption } from '../new-members-chart';

const labels = { newMembers: '新增会员', ecardActivations: '新增激活电子会员证数' };
const days = [
  { date: '2024-12-25', newMembers: 0, ecardActivations: 1 },
  { date: '2024-12-26', newMembers: 47, ecardActivations: 0 },
  { date: '2024-12-27', newMembers: 3, ecardActivations: 2 },
];

describe('入会人数统计图 option', () => {
  it('puts one category per day, labelled MM-DD, with the whole date kept for the tooltip', () => {
    const option = newMembersChartOption(days, labels);
    const xAxis = option.xAxis as { data: string[]; axisLabel: { formatter: (value: string) => string } };
    expect(xAxis.data).toEqual(['2024-12-25', '2024-12-26', '2024-12-27']);
    expect(xAxis.axisLabel.formatter('2024-12-26')).toBe('12-26');
  });

  it('draws new members as bars and e-card activations as a line, named as in the legend', () => {
    const option = newMembersChartOption(days, labels);
    expect(option.series).toEqual([
      expect.objectContaining({ name: '新增会员', type: 'bar', data: [0, 47, 3] }),
      expect.objectContaining({ name: '新增激活电子会员证数', type: 'line', data: [1, 0, 2] }),
    ]);
    expect(option.legend).toEqual(expect.objectContaining({ data: ['新增会员', '新增激活电子会员证数'] }));
    // Whole people: the axis never shows 0.5.
    expect(option.yAxis).toEqual(expect.objectContaining({ type: 'value', minInterval: 1 }));
  });

  it('has an empty axis for an empty range', () => {
    const option = newMembersChartOption([], labels);
    expect((option.xAxis as { data: string[] }).data).toEqual([]);
  });
});
