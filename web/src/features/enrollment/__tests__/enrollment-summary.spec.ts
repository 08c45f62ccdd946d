import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { mountApp } from '../../../test-support/mount-app';
import EnrollmentSummary, { type PlanSplit } from '../components/EnrollmentSummary.vue';

const OVERVIEW = {
  __typename: 'EnrollmentOverview',
  year: { __typename: 'ProtectionYear', year: 2025, coverageStart: '2025-01-01', coverageEnd: '2025-12-31', paymentDeadline: '2024-12-25' },
  totalMembers: 169,
  withCard: 53,
  submitted: 0,
  withoutCard: 116,
  retired: 4,
  deceased: 1,
  pendingConfirmation: 2,
  retiringDuringCoverage: 0,
  planId: null as string | null,
};
const PLAN_A: PlanSplit = { planId: '1', planName: 'A类会员专享基本保障', feeFen: 2600, cityShareFen: 1300, districtShareFen: 1300, grassrootsShareFen: 0 };
const PLAN_B: PlanSplit = { planId: '2', planName: 'B类会员专享基本保障', feeFen: 3000, cityShareFen: 1500, districtShareFen: 1000, grassrootsShareFen: 500 };

const mounted: VueWrapper[] = [];
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

async function summary(props: { overview?: Partial<typeof OVERVIEW>; planId: string | null; count?: number; chosen?: boolean }) {
  const wrapper = (await mountApp(EnrollmentSummary, {
    props: {
      overview: { ...OVERVIEW, ...props.overview } as never,
      splits: [PLAN_A, PLAN_B],
      count: props.count ?? 53,
      chosen: props.chosen ?? false,
      planId: props.planId,
    },
  })) as unknown as VueWrapper;
  mounted.push(wrapper);
  await flushPromises();
  return (testId: string) => wrapper.find(`[data-testid="${testId}"]`);
}

describe('enrollment summary (参保确认画面)', () => {
  it('shows the manual’s figures, the fee of the eligible members split as in force, the deadline and coverage', async () => {
    const find = await summary({ planId: '1' });
    expect(find('enrollment-figures').text()).toBe(
      '会员总人数：169人。有卡总会员数：53人。集中参保已提交人数：0人。未办卡人数：116人。退休人数：4人。死亡人数：1人。待确认人数：2人。',
    );
    expect(find('enrollment-fee').text()).toBe(
      '保障年度：2025年。可参保人数：53人。——保障费用：1378.00元；市总统一划拨：689.00元；区局/各级工会缴费：689.00元；基层单位缴费：0.00元。',
    );
    expect(find('enrollment-payment').text()).toBe(
      '请于2024年12月25日之前，将对应的参保费用划入所属区局(产业)工会账户，保障日期为2025年1月1日起至2025年12月31日止。逾期未划款，则所有参保均失败，需按照即时参保流程另行办理参保手续，保障日期自办理参保日的次日起至2025年12月31日止。',
    );
    expect(find('enrollment-retiree-warning').text()).toContain('2025年1月1日前（不含当日）的退休人员均不属于本次集中参保');
    expect(find('enrollment-retiring').exists()).toBe(false);
    expect(find('enrollment-plan').exists()).toBe(true);
    expect(find('enrollment-plan-fixed').exists()).toBe(false);
  });

  it('prices the ticked members with the plan chosen', async () => {
    const find = await summary({ planId: '2', count: 3, chosen: true });
    expect(find('enrollment-fee').text()).toBe(
      '保障年度：2025年。本次提交人数：3人。——保障费用：90.00元；市总统一划拨：45.00元；区局/各级工会缴费：30.00元；基层单位缴费：15.00元。',
    );
  });

  it('says the plan is fixed once the union submitted this year, whatever was chosen, and warns of retirements during coverage', async () => {
    const find = await summary({ overview: { planId: '2', retiringDuringCoverage: 2 }, planId: '1' });
    expect(find('enrollment-plan').exists()).toBe(false);
    expect(find('enrollment-plan-fixed').text()).toBe('本会 2025 年度已提交过集中参保，保障类型已确定为“B类会员专享基本保障”，两种渠道须保持一致。');
    expect(find('enrollment-fee').text()).toContain('保障费用：1590.00元');
    expect(find('enrollment-retiring').text()).toBe('另有 2 名可参保会员将在保障期内退休，已在名单中标为“保障期内退休”，请仔细核对。');
  });
});
