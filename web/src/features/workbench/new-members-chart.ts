import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { brandColors } from '../../theme/colors';

export type NewMembersChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface ChartDay {
  date: string;
  newMembers: number;
  ecardActivations: number;
}

/** Members in the brand primary, e-cards in the dark slate of the menu: two series, no state colors. */
const MEMBER_COLOR = brandColors.primary;
const ECARD_COLOR = brandColors.secondary;

/**
 * 入会人数统计图: new members per day as bars, e-card activations as a line, one category per day
 * of the range (MM-DD; the tooltip names the whole date). Counts are whole people: no 0.5 ticks.
 */
export function newMembersChartOption(days: readonly ChartDay[], labels: { newMembers: string; ecardActivations: string }): NewMembersChartOption {
  return {
    color: [MEMBER_COLOR, ECARD_COLOR],
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: [labels.newMembers, labels.ecardActivations] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: days.map((day) => day.date),
      axisLabel: { formatter: (date: string) => date.slice(5) },
      axisTick: { alignWithLabel: true },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.newMembers, type: 'bar', barMaxWidth: 24, data: days.map((day) => day.newMembers) },
      { name: labels.ecardActivations, type: 'line', smooth: false, symbolSize: 5, data: days.map((day) => day.ecardActivations) },
    ],
  };
}
