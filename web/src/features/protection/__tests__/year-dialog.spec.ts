import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import YearDialog from '../components/YearDialog.vue';

const YEAR_2025 = {
  __typename: 'ProtectionYear',
  year: 2025,
  coverageStart: '2025-01-01',
  coverageEnd: '2025-12-31',
  grassrootsOpen: '2024-10-08',
  grassrootsClose: '2024-12-25',
  paymentDeadline: '2024-12-25',
  adjustmentOpen: '2024-10-25',
  adjustmentClose: '2024-10-31',
  districtOpen: '2024-12-26',
  districtClose: '2024-12-31',
  planIds: ['1'],
  version: 4,
};

const options = () => ({
  data: {
    protectionPlans: [{ __typename: 'ProtectionPlan', id: '1', name: 'A类会员专享基本保障', validFrom: '2020-01-01', validTo: '2030-12-31' }],
    protectionYears: [YEAR_2025, { ...YEAR_2025, year: 2024, coverageStart: '2024-01-01' }],
  },
});

function dialog(): HTMLElement {
  const element = document.body.querySelector<HTMLElement>('[data-testid="year-dialog"]');
  if (!element) throw new Error('dialog not open');
  return element;
}

function input(testId: string): HTMLInputElement {
  const element = dialog().querySelector<HTMLInputElement>(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);
  if (!element) throw new Error(`no input ${testId}`);
  return element;
}

const field = (testId: string) => input(testId).closest<HTMLElement>('.q-field')!;

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

async function open(year: typeof YEAR_2025 | null): Promise<VueWrapper> {
  const wrapper = (await mountApp(YearDialog, { props: { modelValue: true, year: year as never }, attachTo: document.body })) as unknown as VueWrapper;
  mounted.push(wrapper);
  await flushPromises();
  await flushPromises();
  return wrapper;
}

describe('year dialog', () => {
  it('starts a new year from the newest one a year on and creates it without a version', async () => {
    const requests = stubGraphQLFetch({
      YearDialogOptions: options,
      SaveProtectionYear: () => ({ data: { saveProtectionYear: { __typename: 'ProtectionYearPayload', year: { ...YEAR_2025, year: 2026, version: 1 } } } }),
    });
    const wrapper = await open(null);
    await vi.waitFor(() => expect(input('year-year').value).toBe('2026'));
    expect(dialog().querySelector('[data-testid="year-prefilled"]')).not.toBeNull();
    expect(input('year-adjustmentOpen').value).toBe('2025-10-25');
    expect(input('year-coverageEnd').value).toBe('2026-12-31');
    await submit();
    expect(requests.find((r) => r.operationName === 'SaveProtectionYear')?.variables.input).toEqual({
      year: 2026,
      version: null,
      coverageStart: '2026-01-01',
      coverageEnd: '2026-12-31',
      grassrootsOpen: '2025-10-08',
      grassrootsClose: '2025-12-25',
      paymentDeadline: '2025-12-25',
      adjustmentOpen: '2025-10-25',
      adjustmentClose: '2025-10-31',
      districtOpen: '2025-12-26',
      districtClose: '2025-12-31',
      planIds: ['1'],
    });
    expect(wrapper.emitted('saved')).toEqual([[2026]]);
  });

  it('checks each window’s order before sending, and shows every calendar problem of the server on its field', async () => {
    const requests = stubGraphQLFetch({
      YearDialogOptions: options,
      SaveProtectionYear: () => ({
        data: {
          saveProtectionYear: {
            __typename: 'UserError',
            code: 'BAD_USER_INPUT',
            message: '请检查输入',
            field: null,
            fields: [
              { __typename: 'FieldError', field: 'paymentDeadline', message: '缴费截止日期应早于区局（产业）申报开始日期' },
              { __typename: 'FieldError', field: 'adjustmentOpen', message: '保障金额调整时间应在基层申报时间之内' },
            ],
          },
        },
      }),
    });
    await open(YEAR_2025);
    expect(input('year-year').readOnly).toBe(true);
    await type('year-districtClose', '2024-12-20');
    await submit();
    expect(field('year-districtClose').textContent).toContain('结束日期不能早于开始日期');
    expect(requests.filter((r) => r.operationName === 'SaveProtectionYear')).toHaveLength(0);

    await type('year-districtClose', '2024-12-31');
    await type('year-paymentDeadline', '2024-12-27');
    await type('year-adjustmentOpen', '2024-09-01');
    await submit();
    expect(requests.find((r) => r.operationName === 'SaveProtectionYear')?.variables.input).toMatchObject({ year: 2025, version: 4 });
    expect(field('year-paymentDeadline').textContent).toContain('缴费截止日期应早于区局（产业）申报开始日期');
    expect(field('year-adjustmentOpen').textContent).toContain('保障金额调整时间应在基层申报时间之内');
    expect(field('year-grassrootsOpen').classList.contains('q-field--error')).toBe(false);
  });
});
