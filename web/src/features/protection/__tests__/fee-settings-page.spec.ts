import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WindowState } from '../../../gql/graphql';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { inLayout, mountApp } from '../../../test-support/mount-app';
import FeeSettingsPage from '../pages/FeeSettingsPage.vue';

const PLAN_A = {
  __typename: 'ProtectionPlan',
  id: '1',
  name: 'A类会员专享基本保障',
  feeFen: 2600,
  cityShareFen: 1300,
  districtShareFen: 1300,
  grassrootsShareFen: 0,
  validFrom: '2020-01-01',
  validTo: '2030-12-31',
};

function years(state: WindowState) {
  return () => ({
    data: {
      protectionYears: [
        { __typename: 'ProtectionYear', year: 2024, adjustmentOpen: '2023-10-25', adjustmentClose: '2023-10-31', adjustmentState: 'AFTER' },
        { __typename: 'ProtectionYear', year: 2025, adjustmentOpen: '2024-10-25', adjustmentClose: '2024-10-31', adjustmentState: state },
      ],
    },
  });
}

function split(fields: Record<string, unknown> = {}) {
  return { __typename: 'FeeSplit', plan: PLAN_A, cityShareFen: 1300, districtShareFen: 1300, grassrootsShareFen: 0, custom: false, version: null, ...fields };
}

const splits =
  (...rows: ReturnType<typeof split>[]) =>
  () => ({ data: { feeSplits: rows.length ? rows : [split()] } });

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

async function openPage(): Promise<VueWrapper> {
  const wrapper = (await mountApp(inLayout(FeeSettingsPage), { attachTo: document.body })) as unknown as VueWrapper;
  mounted.push(wrapper);
  await vi.waitFor(() => expect(wrapper.find('[data-testid="fee-split"]').exists()).toBe(true));
  return wrapper;
}

const input = (wrapper: VueWrapper, testId: string) => wrapper.get<HTMLInputElement>(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`);

async function type(wrapper: VueWrapper, testId: string, value: string): Promise<void> {
  await input(wrapper, testId).setValue(value);
  await flushPromises();
}

async function save(wrapper: VueWrapper): Promise<void> {
  await wrapper.get('[data-testid="fee-split"] form').trigger('submit');
  await flushPromises();
  await flushPromises();
}

describe('保障金额设置', () => {
  it('opens the newest year; outside the adjustment window every share is read-only and the page says when it was open', async () => {
    const requests = stubGraphQLFetch({ FeeSettingsYears: years('AFTER'), FeeSplits: splits() });
    const wrapper = await openPage();
    expect(requests.find((r) => r.operationName === 'FeeSplits')?.variables).toEqual({ year: 2025 });
    expect(wrapper.get('[data-testid="fee-settings-window-dates"]').text()).toBe('保障金额调整时间：2024-10-25 至 2024-10-31');
    expect(wrapper.get('[data-testid="fee-settings-window-state"]').text()).toBe('已结束');
    expect(wrapper.get('[data-testid="fee-settings-notice"]').text()).toBe('调整时间已于 2024-10-31 结束，只能查看。');
    expect(input(wrapper, 'fee-split-fee').element.value).toBe('26.00');
    expect(input(wrapper, 'fee-split-city').element.value).toBe('13.00');
    expect(input(wrapper, 'fee-split-district').element.value).toBe('13.00');
    expect(input(wrapper, 'fee-split-district').attributes('readonly')).toBeDefined();
    expect(input(wrapper, 'fee-split-grassroots').attributes('readonly')).toBeDefined();
    expect(wrapper.find('[data-testid="fee-split-save"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="fee-split-kind"]').text()).toBe('默认');
  });

  it('inside the window a district splits the non-city share: sent in fen, the first split without a version', async () => {
    let stored = split();
    const requests = stubGraphQLFetch({
      FeeSettingsYears: years('OPEN'),
      FeeSplits: () => ({ data: { feeSplits: [stored] } }),
      SetFeeSplit: (variables) => {
        const input = variables.input as { districtShareFen: number; grassrootsShareFen: number };
        stored = split({ ...input, custom: true, version: 1 });
        return { data: { setFeeSplit: { __typename: 'FeeSplitPayload', split: stored } } };
      },
    });
    const wrapper = await openPage();
    expect(wrapper.get('[data-testid="fee-settings-notice"]').text()).toContain('现在可以调整');
    await type(wrapper, 'fee-split-district', '10');
    expect(wrapper.get('[data-testid="fee-split-tally"]').text()).toContain('区局（产业） + 基层单位 = 10.00 元；应为 13.00 元');
    expect(wrapper.get('[data-testid="share-tally-verdict"]').text()).toBe('还差 3.00 元');
    await type(wrapper, 'fee-split-grassroots', '3');
    await save(wrapper);

    expect(requests.find((r) => r.operationName === 'SetFeeSplit')?.variables.input).toEqual({
      year: 2025,
      planId: '1',
      districtShareFen: 1000,
      grassrootsShareFen: 300,
      version: null,
    });
    await vi.waitFor(() => expect(wrapper.get('[data-testid="fee-split-kind"]').text()).toBe('已调整'));
    expect(input(wrapper, 'fee-split-district').element.value).toBe('10.00');
    expect(input(wrapper, 'fee-split-grassroots').element.value).toBe('3.00');

    // The next change sends the version it was read with.
    await type(wrapper, 'fee-split-district', '9');
    await type(wrapper, 'fee-split-grassroots', '4');
    await save(wrapper);
    expect(requests.filter((r) => r.operationName === 'SetFeeSplit').map((r) => (r.variables.input as { version: number | null }).version)).toEqual([null, 1]);
  });

  it('a save refused because the window closed meanwhile shows the server’s message, and the page turns read-only', async () => {
    let state: WindowState = 'OPEN';
    const requests = stubGraphQLFetch({
      FeeSettingsYears: () => years(state)(),
      FeeSplits: splits(),
      SetFeeSplit: () => {
        state = 'AFTER';
        return {
          data: null,
          errors: [
            {
              message: '保障金额调整的办理时间为 2024-10-25 至 2024-10-31，今天（2024-11-01）不在此时间内',
              extensions: { code: 'OUTSIDE_WINDOW', open: '2024-10-25', close: '2024-10-31' },
            },
          ],
        };
      },
    });
    const wrapper = await openPage();
    await type(wrapper, 'fee-split-district', '10');
    await type(wrapper, 'fee-split-grassroots', '3');
    await save(wrapper);

    expect(wrapper.get('[data-testid="fee-split"] [role="alert"]').text()).toBe(
      '保障金额调整的办理时间为 2024-10-25 至 2024-10-31，今天（2024-11-01）不在此时间内',
    );
    await vi.waitFor(() => expect(wrapper.get('[data-testid="fee-settings-window-state"]').text()).toBe('已结束'));
    expect(requests.filter((r) => r.operationName === 'FeeSettingsYears')).toHaveLength(2);
    expect(input(wrapper, 'fee-split-district').attributes('readonly')).toBeDefined();
    expect(wrapper.find('[data-testid="fee-split-save"]').exists()).toBe(false);
  });

  it('someone else of the district split the plan first: the form starts over from their split, and the next save changes it', async () => {
    const theirs = split({ districtShareFen: 800, grassrootsShareFen: 500, custom: true, version: 1 });
    const requests = stubGraphQLFetch({
      FeeSettingsYears: years('OPEN'),
      FeeSplits: splits(),
      FreshFeeSplits: () => ({ data: { feeSplits: [theirs] } }),
      SetFeeSplit: (variables) =>
        (variables.input as { version: number | null }).version == null
          ? {
              data: {
                setFeeSplit: {
                  __typename: 'UserError',
                  code: 'CONFLICT',
                  message: '本年度该计划的保障金额已设置过，请刷新后在其基础上修改',
                  field: 'version',
                  fields: [],
                },
              },
            }
          : { data: { setFeeSplit: { __typename: 'FeeSplitPayload', split: { ...theirs, districtShareFen: 700, grassrootsShareFen: 600, version: 2 } } } },
    });
    const wrapper = await openPage();
    await type(wrapper, 'fee-split-district', '10');
    await type(wrapper, 'fee-split-grassroots', '3');
    await save(wrapper);

    expect(wrapper.get('[data-testid="fee-split"] [role="alert"]').text()).toBe('数据已被他人修改，已为您载入最新内容，请核对后重新提交');
    expect(input(wrapper, 'fee-split-district').element.value).toBe('8.00');
    expect(input(wrapper, 'fee-split-grassroots').element.value).toBe('5.00');
    expect(wrapper.get('[data-testid="fee-split-kind"]').text()).toBe('已调整');

    await type(wrapper, 'fee-split-district', '7');
    await type(wrapper, 'fee-split-grassroots', '6');
    await save(wrapper);
    expect(requests.filter((r) => r.operationName === 'SetFeeSplit').map((r) => (r.variables.input as { version: number | null }).version)).toEqual([null, 1]);
  });

  it('says so when no year is set up yet', async () => {
    stubGraphQLFetch({ FeeSettingsYears: () => ({ data: { protectionYears: [] } }) });
    const wrapper = (await mountApp(inLayout(FeeSettingsPage), { attachTo: document.body })) as unknown as VueWrapper;
    mounted.push(wrapper);
    await vi.waitFor(() => expect(wrapper.find('[data-testid="fee-settings-no-year"]').exists()).toBe(true));
    expect(wrapper.get('[data-testid="fee-settings-no-year"]').text()).toBe('尚未设置保障年度，请等待职保中心设置。');
  });
});
