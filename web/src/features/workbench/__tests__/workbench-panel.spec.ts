import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import WorkbenchPanel from '../components/WorkbenchPanel.vue';

// ECharts draws nothing in happy-dom: the chart is replaced by a list of what it was given.
vi.mock('../components/NewMembersChart.vue', () => ({
  __esModule: true,
  default: defineComponent({
    props: { days: { type: Array, required: true } },
    setup: (props) => () =>
      h(
        'ol',
        { 'data-testid': 'chart-stub' },
        (props.days as { date: string; newMembers: number }[]).map((day) => h('li', `${day.date}:${day.newMembers}`)),
      ),
  }),
}));

const TODAY = '2024-12-27';

function answer(variables: Record<string, unknown>) {
  const from = (variables.from as string | null) ?? '2024-11-28';
  const to = (variables.to as string | null) ?? TODAY;
  return {
    data: {
      workbench: {
        __typename: 'Workbench',
        today: TODAY,
        from,
        to,
        memberCount: 257,
        activeMemberCount: 250,
        grassrootsCount: 1,
        enterpriseCount: 4,
        newToday: 2,
        newThisWeek: 5,
        newThisMonth: 50,
        newInRange: 53,
        ecardActivationsInRange: 7,
        daily: [
          { __typename: 'WorkbenchDay', date: from, newMembers: 3, ecardActivations: 1 },
          { __typename: 'WorkbenchDay', date: to, newMembers: 47, ecardActivations: 0 },
        ],
      },
    },
  };
}

function element(testId: string): HTMLElement {
  const found = document.body.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!found) throw new Error(`no ${testId}`);
  return found;
}

function value(testId: string): string | undefined {
  return element(testId).querySelector('[data-testid="workbench-value"]')?.textContent?.trim();
}

async function type(testId: string, text: string): Promise<void> {
  const input = element(testId) as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
}

const mounted: { unmount: () => void }[] = [];

async function mountPanel(): Promise<VueWrapper> {
  const wrapper = await mountApp(WorkbenchPanel, { props: { organizationId: '6' }, attachTo: document.body });
  mounted.push(wrapper);
  await vi.waitFor(() => element('chart-stub'));
  return wrapper as unknown as VueWrapper;
}

afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

describe('业务工作台 panel', () => {
  it('shows the counts, the new members of today, this week and this month, and the default 30 days charted', async () => {
    const requests = stubGraphQLFetch({ Workbench: answer });
    await mountPanel();

    expect(requests.map((request) => request.variables)).toEqual([{ organizationId: '6', from: null, to: null }]);
    expect(value('workbench-members')).toBe('257');
    expect(element('workbench-members').textContent).toContain('会员数');
    expect(element('workbench-members').textContent).toContain('其中在职 250');
    expect(value('workbench-grassroots')).toBe('1');
    expect(element('workbench-grassroots').textContent).toContain('基层工会组织数');
    expect(value('workbench-enterprises')).toBe('4');
    expect(element('workbench-enterprises').textContent).toContain('覆盖企业数');
    expect(value('workbench-ecard')).toBe('7');
    expect(element('workbench-ecard').textContent).toContain('新增激活电子会员证数');
    expect(element('workbench-ecard').textContent).toContain('2024-11-28 至 2024-12-27');
    expect(value('workbench-new-today')).toBe('2');
    expect(value('workbench-new-week')).toBe('5');
    expect(value('workbench-new-month')).toBe('50');
    expect(value('workbench-new-range')).toBe('53');
    expect(element('workbench-chart-panel').textContent).toContain('入会人数统计图');

    expect((element('workbench-from') as HTMLInputElement).value).toBe('2024-11-28');
    expect((element('workbench-to') as HTMLInputElement).value).toBe(TODAY);
    expect(element('workbench-preset-last30').className).toContain('bg-primary');
    expect(element('chart-stub').textContent).toBe('2024-11-28:32024-12-27:47');
  });

  it('asks for 本周 from Monday, and for a range typed in, once both dates are whole', async () => {
    const requests = stubGraphQLFetch({ Workbench: answer });
    await mountPanel();

    element('workbench-preset-week').click();
    await flushPromises();
    expect(requests.at(-1)?.variables).toEqual({ organizationId: '6', from: '2024-12-23', to: TODAY });
    await vi.waitFor(() => expect((element('workbench-from') as HTMLInputElement).value).toBe('2024-12-23'));
    expect(element('workbench-preset-week').className).toContain('bg-primary');
    expect(element('workbench-preset-last30').className).not.toContain('bg-primary');

    const asked = requests.length;
    await type('workbench-from', '2024-12');
    expect(requests).toHaveLength(asked);
    expect(document.body.querySelector('[data-testid="workbench-range-problem"]')).toBeNull();
    await type('workbench-from', '2024-12-10');
    expect(requests.at(-1)?.variables).toEqual({ organizationId: '6', from: '2024-12-10', to: TODAY });
    await vi.waitFor(() => expect(element('chart-stub').textContent).toContain('2024-12-10:3'));
  });

  it('explains a range the server would refuse, and does not ask for it', async () => {
    const requests = stubGraphQLFetch({ Workbench: answer });
    await mountPanel();
    const asked = requests.length;

    await type('workbench-from', '2024-12-28');
    expect(element('workbench-range-problem').textContent).toContain('开始日期不能晚于结束日期');
    await type('workbench-from', '2023-12-01');
    expect(element('workbench-range-problem').textContent).toContain('日期范围最长 366 天');
    expect(requests).toHaveLength(asked);

    element('workbench-preset-month').click();
    await flushPromises();
    expect(document.body.querySelector('[data-testid="workbench-range-problem"]')).toBeNull();
    expect(requests.at(-1)?.variables).toEqual({ organizationId: '6', from: '2024-12-01', to: TODAY });
  });
});
