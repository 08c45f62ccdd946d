import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { inLayout, mountApp } from '../../../test-support/mount-app';
import CardQueuePage from '../pages/CardQueuePage.vue';

type Status = 'NOT_CHECKED' | 'PASSED' | 'FAILED';

function member(id: string, name: string, fields: Record<string, unknown> = {}) {
  return {
    __typename: 'Member',
    id,
    name,
    memberNo: `0001000000${id.padStart(2, '0')}`,
    idType: 'RESIDENT_ID',
    idNumberMasked: '3101 **** **** 6315',
    idExpiry: '2041-03-15',
    idExpiryLongTerm: false,
    version: 1,
    ...fields,
  };
}

function entry(id: string, status: Status, problems: string[] = [], fields: Record<string, unknown> = {}) {
  return {
    __typename: 'CardQueueEntry',
    id: `e${id}`,
    status,
    addedAt: '2024-12-27T02:00:00.000Z',
    problems: problems.map((message, i) => ({ __typename: 'CardProblem', code: `P${i}`, message })),
    member: member(id, `会员${id}`, fields),
  };
}

/** The server's card queue: its entries and version, as the responders change them. */
function queueServer(initial: ReturnType<typeof entry>[], version = 5) {
  const state = { entries: initial, version };
  const count = (status: Status) => state.entries.filter((e) => e.status === status).length;
  return {
    state,
    CardQueue: () => ({
      data: {
        cardQueue: {
          __typename: 'CardQueueConnection',
          totalCount: state.entries.length,
          pageInfo: { __typename: 'PageInfo', page: 1, pageSize: 20, pageCount: 1 },
          summary: {
            __typename: 'CardQueueSummary',
            version: state.version,
            totalCount: state.entries.length,
            notCheckedCount: count('NOT_CHECKED'),
            passedCount: count('PASSED'),
            failedCount: count('FAILED'),
          },
          nodes: state.entries,
        },
      },
    }),
  };
}

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

async function openQueue(): Promise<VueWrapper> {
  const wrapper = (await mountApp(inLayout(CardQueuePage), { attachTo: document.body })) as unknown as VueWrapper;
  mounted.push(wrapper);
  await vi.waitFor(() => expect(wrapper.find('[data-testid="card-queue-summary"]').exists()).toBe(true));
  return wrapper;
}

const byTestId = (wrapper: VueWrapper, testId: string) => wrapper.get(`[data-testid="${testId}"]`);
const isDisabled = (wrapper: VueWrapper, testId: string) => byTestId(wrapper, testId).attributes('disabled') !== undefined;
const sent = (requests: { operationName: string; variables: Record<string, unknown> }[], name: string) =>
  requests.filter((r) => r.operationName === name).map((r) => r.variables);

describe('待办会员列表', () => {
  it("shows each member's check result as a badge with every reason, and allows 提交办卡 only once every member passed", async () => {
    const server = queueServer([
      entry('1', 'PASSED'),
      entry('2', 'NOT_CHECKED'),
      entry('3', 'FAILED', ['办理会员服务卡须使用居民身份证', '工作单位详细地址须超过 6 个且少于 20 个汉字'], { idType: 'HK_MACAO_TAIWAN_PERMIT' }),
    ]);
    const requests = stubGraphQLFetch({
      CardQueue: server.CardQueue,
      RemoveFromCardQueue: (variables) => {
        server.state.entries = server.state.entries.filter((e) => e.status !== (variables.input as { status: Status }).status);
        server.state.version += 1;
        return { data: { removeFromCardQueue: { __typename: 'RemoveFromCardQueuePayload', removed: 1 } } };
      },
      CheckCardQueue: () => {
        server.state.entries = server.state.entries.map((e) => ({ ...e, status: 'PASSED' as const }));
        server.state.version += 1;
        return { data: { checkCardQueue: { __typename: 'CheckCardQueuePayload', checked: 2 } } };
      },
    });
    const wrapper = await openQueue();

    expect(byTestId(wrapper, 'card-queue-summary').text()).toContain('待办会员：3 人；校验通过：1 人；未通过：1 人；未校验：1 人。');
    expect(byTestId(wrapper, 'card-queue-summary').text()).toContain('请移除校验未通过及未校验的会员，才能进行提交办卡');
    const results = wrapper.findAll('[data-testid="card-queue-result"]');
    expect(results.map((r) => r.get('[data-testid="state-badge"]').text())).toEqual(['已通过', '未校验', '未通过']);
    expect(results[2]!.findAll('[data-testid="card-queue-problems"] li').map((li) => li.text())).toEqual([
      '办理会员服务卡须使用居民身份证',
      '工作单位详细地址须超过 6 个且少于 20 个汉字',
    ]);
    expect(wrapper.text()).toContain('港澳台居民居住证');
    expect(isDisabled(wrapper, 'card-queue-submit')).toBe(true);

    await byTestId(wrapper, 'card-queue-remove-failed').trigger('click');
    await vi.waitFor(() => expect(byTestId(wrapper, 'card-queue-summary').text()).toContain('待办会员：2 人'));
    expect(sent(requests, 'RemoveFromCardQueue')).toEqual([{ input: { status: 'FAILED' } }]);
    expect(isDisabled(wrapper, 'card-queue-submit')).toBe(true);

    await byTestId(wrapper, 'card-queue-check').trigger('click');
    await vi.waitFor(() => expect(byTestId(wrapper, 'card-queue-summary').text()).toContain('校验通过：2 人'));
    expect(sent(requests, 'CheckCardQueue')).toHaveLength(1);
    expect(byTestId(wrapper, 'card-queue-summary').text()).not.toContain('请移除');
    expect(isDisabled(wrapper, 'card-queue-submit')).toBe(false);
  });

  it('makes one batch of a double click, busy while it is sent, then opens the batch', async () => {
    const server = queueServer([entry('1', 'PASSED'), entry('2', 'PASSED')], 7);
    let answer!: (value: object) => void;
    const requests = stubGraphQLFetch({
      CardQueue: server.CardQueue,
      SubmitCardBatch: () => new Promise((resolve) => (answer = resolve)),
    });
    const wrapper = await openQueue();
    const router = wrapper.vm.$router;

    const submit = byTestId(wrapper, 'card-queue-submit');
    await submit.trigger('click');
    await submit.trigger('click');
    await flushPromises();
    expect(sent(requests, 'SubmitCardBatch')).toEqual([{ queueVersion: 7 }]);
    expect(byTestId(wrapper, 'card-queue-submit').find('.q-spinner').exists()).toBe(true);
    expect(isDisabled(wrapper, 'card-queue-check')).toBe(true);

    answer({
      data: {
        submitCardBatch: { __typename: 'CardBatchPayload', batch: { __typename: 'CardBatch', id: '42', batchNo: 'KB20241227000042', memberCount: 2 } },
      },
    });
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/card-batches/42'));
    expect(document.body.textContent).toContain('已提交办卡批次 KB20241227000042（2 人）');
    expect(sent(requests, 'SubmitCardBatch')).toHaveLength(1);
  });

  it('tells the loser of a race what happened and shows the queue as it is now', async () => {
    const server = queueServer([entry('1', 'PASSED'), entry('2', 'PASSED')], 7);
    const requests = stubGraphQLFetch({
      CardQueue: server.CardQueue,
      SubmitCardBatch: () => {
        // Another clerk submitted the queue first: it is empty now, at a newer version.
        server.state.entries = [];
        server.state.version = 8;
        return { data: { submitCardBatch: { __typename: 'VersionConflict', code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试', currentVersion: 8 } } };
      },
    });
    const wrapper = await openQueue();
    const router = wrapper.vm.$router;
    const before = sent(requests, 'CardQueue').length;

    await byTestId(wrapper, 'card-queue-submit').trigger('click');
    await vi.waitFor(() => expect(byTestId(wrapper, 'card-queue-summary').text()).toContain('待办会员：0 人'));
    expect(byTestId(wrapper, 'card-queue-failure').text()).toBe('待办会员列表已有变化（可能已由他人提交或修改），已为您载入最新列表，请核对后再提交。');
    expect(sent(requests, 'CardQueue').length).toBeGreaterThan(before);
    expect(isDisabled(wrapper, 'card-queue-submit')).toBe(true);
    expect(router.currentRoute.value.name).not.toBe('card-batch');
  });
});

describe('修改证件到期日', () => {
  function dialog(): HTMLElement {
    const element = document.body.querySelector<HTMLElement>('[data-testid="id-expiry-dialog"]');
    if (!element) throw new Error('dialog not open');
    return element;
  }
  const dateField = () => dialog().querySelector('[data-testid="id-expiry-date"]')!.closest<HTMLElement>('.q-field')!;

  it("sends one mutation however often 保存 is clicked, shows the server's word beside the date, then saves and reloads the queue", async () => {
    const server = queueServer([entry('1', 'PASSED'), entry('3', 'FAILED', ['证件已过期：请核对证件后修改证件到期日'], { idExpiry: '2024-01-01' })]);
    let answers = 0;
    const requests = stubGraphQLFetch({
      CardQueue: server.CardQueue,
      UpdateMemberIdExpiry: (variables) => {
        answers += 1;
        const { idExpiry } = variables.input as { idExpiry: string };
        if (idExpiry === '2020-01-01') {
          return {
            data: {
              updateMemberIdExpiry: {
                __typename: 'UserError',
                code: 'BAD_USER_INPUT',
                message: '证件已过期',
                field: 'idExpiry',
                fields: [{ __typename: 'FieldError', field: 'idExpiry', message: '证件已过期' }],
              },
            },
          };
        }
        server.state.entries = server.state.entries.map((e) => ({ ...e, status: 'PASSED' as const, problems: [] }));
        return {
          data: {
            updateMemberIdExpiry: {
              __typename: 'MemberPayload',
              changed: true,
              member: { __typename: 'Member', id: '3', name: '会员3', version: 2, idExpiry: '2034-05-01', idExpiryLongTerm: false },
            },
          },
        };
      },
    });
    const wrapper = await openQueue();
    await wrapper.findAll('[data-testid="card-queue-edit-expiry"]')[1]!.trigger('click');
    await vi.waitFor(() => expect(dialog().textContent).toContain('修改证件到期日：会员3'));
    expect(dialog().textContent).toContain('系统中的证件到期日：2024-01-01');

    const input = dialog().querySelector<HTMLInputElement>('input[data-testid="id-expiry-date"]')!;
    input.value = '2020-01-01';
    input.dispatchEvent(new Event('input'));
    await flushPromises();
    const form = dialog().querySelector('form')!;
    form.dispatchEvent(new Event('submit'));
    form.dispatchEvent(new Event('submit'));
    await vi.waitFor(() => expect(dateField().textContent).toContain('证件已过期'));
    expect(sent(requests, 'UpdateMemberIdExpiry')).toEqual([{ input: { memberId: '3', version: 1, idExpiry: '2020-01-01' } }]);
    expect(dateField().classList).toContain('q-field--error');

    input.value = '2034-05-01';
    input.dispatchEvent(new Event('input'));
    await flushPromises();
    expect(dateField().classList).not.toContain('q-field--error');
    const queueReads = sent(requests, 'CardQueue').length;
    form.dispatchEvent(new Event('submit'));
    await vi.waitFor(() => expect(document.body.querySelector('[data-testid="id-expiry-dialog"]')).toBeNull());
    expect(answers).toBe(2);
    expect(sent(requests, 'UpdateMemberIdExpiry')[1]).toEqual({ input: { memberId: '3', version: 1, idExpiry: '2034-05-01' } });
    expect(document.body.textContent).toContain('会员3 的证件到期日已改为 2034-05-01');
    await vi.waitFor(() => expect(sent(requests, 'CardQueue').length).toBeGreaterThan(queueReads));
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="card-queue-result"]').map((r) => r.text())).toEqual(['已通过', '已通过']));
  });
});
