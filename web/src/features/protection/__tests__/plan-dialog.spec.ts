import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import PlanDialog from '../components/PlanDialog.vue';

const PLAN_A = {
  __typename: 'ProtectionPlan',
  id: '1',
  name: 'A类会员专享基本保障',
  feeFen: 2600,
  cityShareFen: 1300,
  districtShareFen: 1300,
  grassrootsShareFen: 0,
  halfYearFeeFen: 1300,
  validFrom: '2020-01-01',
  validTo: '2030-12-31',
  version: 2,
};

function dialog(): HTMLElement {
  const element = document.body.querySelector<HTMLElement>('[data-testid="plan-dialog"]');
  if (!element) throw new Error('dialog not open');
  return element;
}

function input(testId: string): HTMLInputElement {
  const element = dialog().querySelector<HTMLInputElement>(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);
  if (!element) throw new Error(`no input ${testId}`);
  return element;
}

/** The field (its message included) an input sits in. */
function field(testId: string): HTMLElement {
  return input(testId).closest<HTMLElement>('.q-field')!;
}

async function type(testId: string, value: string): Promise<void> {
  input(testId).value = value;
  input(testId).dispatchEvent(new Event('input'));
  await flushPromises();
}

async function submit(): Promise<void> {
  dialog().querySelector('form')?.dispatchEvent(new Event('submit'));
  await flushPromises();
  await flushPromises();
}

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

async function open(plan: typeof PLAN_A | null): Promise<VueWrapper> {
  const wrapper = (await mountApp(PlanDialog, { props: { modelValue: true, plan: plan as never }, attachTo: document.body })) as unknown as VueWrapper;
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

describe('plan dialog', () => {
  it('adds a plan in yuan, sent in fen, the shares tallied against the fee while typing', async () => {
    const requests = stubGraphQLFetch({
      CreateProtectionPlan: () => ({ data: { createProtectionPlan: { __typename: 'ProtectionPlanPayload', plan: { ...PLAN_A, id: '5', name: 'B类保障' } } } }),
    });
    const wrapper = await open(null);
    await type('plan-name', 'B类保障');
    await type('plan-fee', '30');
    await type('plan-half-year-fee', '15');
    await type('plan-city-share', '15');
    await type('plan-district-share', '10');
    await type('plan-grassroots-share', '4.5');
    expect(dialog().querySelector('[data-testid="plan-tally"]')?.textContent).toContain('市总 + 区局（产业） + 基层 = 29.50 元；参保费用 30.00 元');
    expect(dialog().querySelector('[data-testid="share-tally-verdict"]')?.textContent).toBe('还差 0.50 元');
    await type('plan-grassroots-share', '5');
    expect(dialog().querySelector('[data-testid="share-tally-verdict"]')?.textContent).toBe('金额相符');
    await type('plan-valid-from', '2026-01-01');
    await type('plan-valid-to', '2026-12-31');
    await submit();

    expect(requests.find((r) => r.operationName === 'CreateProtectionPlan')?.variables.input).toEqual({
      name: 'B类保障',
      feeFen: 3000,
      cityShareFen: 1500,
      districtShareFen: 1000,
      grassrootsShareFen: 500,
      halfYearFeeFen: 1500,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    });
    expect(wrapper.emitted('saved')).toEqual([['5']]);
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]]);
  });

  it('shows every field error of the refusal on its field at once, and nothing is sent with an amount of three decimals', async () => {
    const requests = stubGraphQLFetch({
      UpdateProtectionPlan: () => ({
        data: {
          updateProtectionPlan: {
            __typename: 'UserError',
            code: 'BAD_USER_INPUT',
            message: '请检查输入',
            field: null,
            fields: [
              { __typename: 'FieldError', field: 'cityShareFen', message: '市总、区局（产业）、基层分担金额之和应等于参保费用' },
              { __typename: 'FieldError', field: 'halfYearFeeFen', message: '半年保费不能高于全年参保费用' },
            ],
          },
        },
      }),
    });
    await open(PLAN_A);
    expect(input('plan-fee').value).toBe('26.00');
    await type('plan-district-share', '13.001');
    await submit();
    expect(field('plan-district-share').textContent).toContain('请填写金额（元），最多两位小数');
    expect(requests.filter((r) => r.operationName === 'UpdateProtectionPlan')).toHaveLength(0);

    await type('plan-district-share', '12');
    await type('plan-half-year-fee', '27');
    await submit();
    const sent = requests.find((r) => r.operationName === 'UpdateProtectionPlan')?.variables.input as Record<string, unknown>;
    expect(sent).toMatchObject({ id: '1', version: 2, districtShareFen: 1200, halfYearFeeFen: 2700 });
    expect(field('plan-city-share').textContent).toContain('市总、区局（产业）、基层分担金额之和应等于参保费用');
    expect(field('plan-half-year-fee').textContent).toContain('半年保费不能高于全年参保费用');
    expect(field('plan-fee').classList.contains('q-field--error')).toBe(false);
    // The message goes once its input changes.
    await type('plan-city-share', '14');
    expect(field('plan-city-share').textContent).not.toContain('分担金额之和');
  });
});
