import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import SubmitEnrollmentDialog from '../components/SubmitEnrollmentDialog.vue';
import type { EnrollmentRequest } from '../composables/use-enrollment-submit';

const SUBMITTED = { __typename: 'EnrollmentSubmitted', submission: { id: '41', batchNo: 'JB2025000006', memberCount: 2 } };
const REQUEST: EnrollmentRequest = { year: 2025, channel: 'SOCIAL_SECURITY_CARD', planId: '1', version: 1, memberIds: ['5', '7', '8'] };

function dialog(): HTMLElement {
  const element = document.body.querySelector<HTMLElement>('[data-testid="submit-enrollment-dialog"]');
  if (!element) throw new Error('dialog not open');
  return element;
}
const text = (testId: string) => dialog().querySelector(`[data-testid="${testId}"]`)?.textContent?.trim();
const button = (testId: string) => dialog().querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`);

const mounted: VueWrapper[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

async function open(request: EnrollmentRequest = REQUEST): Promise<VueWrapper> {
  const wrapper = (await mountApp(SubmitEnrollmentDialog, {
    props: { modelValue: true, request, planName: 'A类会员专享基本保障', count: request.memberIds?.length ?? 12, feeFen: 2600 },
    attachTo: document.body,
  })) as unknown as VueWrapper;
  mounted.push(wrapper);
  await flushPromises();
  return wrapper;
}

describe('submit enrollment dialog', () => {
  it('says the plan, the members and the fee, and submits once however often 提交 is clicked', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const requests = stubGraphQLFetch({ SubmitEnrollment: () => new Promise((resolve) => (answer = resolve)) as never });
    const wrapper = await open();
    expect(text('submit-enrollment-plan')).toBe('您选择的保障类型为：A类会员专享基本保障');
    expect(text('submit-enrollment-count')).toBe('本次通过社保卡参保提交 3 人，保障费用 78.00 元。');

    button('submit-enrollment-confirm')?.click();
    button('submit-enrollment-confirm')?.click();
    await flushPromises();
    answer({ data: { submitEnrollment: SUBMITTED } });
    await flushPromises();
    expect(requests.filter((r) => r.operationName === 'SubmitEnrollment')).toHaveLength(1);
    const { input } = requests[0]!.variables as { input: Record<string, unknown> };
    expect(input).toMatchObject({ year: 2025, channel: 'SOCIAL_SECURITY_CARD', planId: '1', version: 1, memberIds: ['5', '7', '8'] });
    expect(String(input.clientKey).length).toBeGreaterThanOrEqual(8);
    expect(wrapper.emitted('submitted')).toEqual([[SUBMITTED.submission]]);
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]]);
  });

  it('a request lost on the way is sent again with the same key, so the server answers the first submission', async () => {
    let calls = 0;
    const requests = stubGraphQLFetch({ SubmitEnrollment: () => (++calls === 1 ? 'network-error' : { data: { submitEnrollment: SUBMITTED } }) });
    const wrapper = await open();
    button('submit-enrollment-confirm')?.click();
    await flushPromises();
    expect(text('submit-enrollment-failure')).toBe('无法连接服务器，请检查网络后重试');
    button('submit-enrollment-confirm')?.click();
    await flushPromises();
    const keys = requests.map((r) => (r.variables.input as { clientKey: string }).clientKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(wrapper.emitted('submitted')).toHaveLength(1);
  });

  it('lists who was refused and why, and submits the others only when the clerk agrees, as a new submission', async () => {
    const refused = {
      __typename: 'EnrollmentRefused',
      code: 'BAD_USER_INPUT',
      message: '以下 1 名会员不能参保：甲',
      members: [{ memberId: '7', name: '甲', reasons: ['ALREADY_ENROLLED', 'SOCIAL_SECURITY_NOT_READY'] }],
    };
    const requests = stubGraphQLFetch({
      SubmitEnrollment: (variables) => ({
        data: { submitEnrollment: (variables.input as { memberIds: string[] }).memberIds.includes('7') ? refused : SUBMITTED },
      }),
    });
    const wrapper = await open();
    button('submit-enrollment-confirm')?.click();
    await flushPromises();
    expect(text('submit-enrollment-failure')).toBe('以下 1 名会员不能参保，本次未提交任何会员：');
    expect(text('submit-enrollment-refused')).toBe('甲：本年度已参保、社保卡或就业状态未通过校验');
    expect(wrapper.emitted('submitted')).toBeUndefined();
    // Nothing more is sent until the clerk says so.
    expect(requests).toHaveLength(1);
    expect(button('submit-enrollment-confirm')).toBeNull();
    expect(text('submit-enrollment-rest')).toBe('不提交以上会员，提交其余 2 人');

    button('submit-enrollment-rest')?.click();
    await flushPromises();
    expect(requests).toHaveLength(2);
    const [first, rest] = requests.map((r) => r.variables.input as { memberIds: string[]; clientKey: string; version: number });
    expect(rest!.memberIds).toEqual(['5', '8']);
    expect(rest!.version).toBe(1);
    expect(rest!.clientKey).not.toBe(first!.clientKey);
    expect(wrapper.emitted('submitted')).toEqual([[SUBMITTED.submission]]);
  });

  it('someone else submitted first: says so plainly, asks the page to reload and sends nothing more', async () => {
    const requests = stubGraphQLFetch({
      SubmitEnrollment: () => ({ data: { submitEnrollment: { __typename: 'UserError', code: 'CONFLICT', message: 'conflict' } } }),
    });
    const wrapper = await open({ ...REQUEST, channel: 'MEMBER_CARD', memberIds: null });
    expect(text('submit-enrollment-count')).toBe('本次通过会员卡参保提交全部可参保会员（12 人），保障费用 312.00 元。');
    button('submit-enrollment-confirm')?.click();
    await flushPromises();
    expect(text('submit-enrollment-failure')).toBe('本会的集中参保已有变化（可能已由他人提交），已为您载入最新数据，请核对后重新提交。');
    expect(wrapper.emitted('stale')).toHaveLength(1);
    expect(button('submit-enrollment-confirm')).toBeNull();
    expect(requests).toHaveLength(1);
  });
});
