import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import { signInAs } from '../../../test-support/viewer';
import { BATCH_POLL_MS } from '../card-states';
import CardBatchView from '../components/CardBatchView.vue';

function move(at: string, from: string | null, to: string, actor: string | null = null, reason: string | null = null) {
  return { __typename: 'StateChange', at, from, to, actor, reason };
}

const SUBMITTED = move('2024-12-27T02:00:00.000Z', null, 'SUBMITTED', 'xuhui-gr1');
const STARTED = move('2024-12-27T02:00:01.000Z', 'SUBMITTED', 'IN_PRODUCTION');

function batchMember(id: string, status: 'PENDING' | 'ISSUED' | 'FAILED', extra: Record<string, unknown> = {}) {
  return {
    __typename: 'CardBatchMember',
    status,
    cardNumberMasked: null,
    failure: null,
    member: { __typename: 'Member', id, name: `会员${id}`, memberNo: `00010000000${id}`, idNumberMasked: '3101 **** **** 6315' },
    ...extra,
  };
}

/** The batch as the server answers `cardBatch`. */
function batch(fields: { status: string; members: ReturnType<typeof batchMember>[]; timeline: ReturnType<typeof move>[]; availableEvents?: string[] }) {
  const count = (status: string) => fields.members.filter((m) => m.status === status).length;
  return {
    data: {
      cardBatch: {
        __typename: 'CardBatch',
        id: '4',
        batchNo: 'KB20241227000004',
        status: fields.status,
        availableEvents: fields.availableEvents ?? [],
        memberCount: fields.members.length,
        issuedCount: count('ISSUED'),
        failedCount: count('FAILED'),
        pendingCount: count('PENDING'),
        submittedAt: '2024-12-27T02:00:00.000Z',
        submittedBy: 'xuhui-gr1',
        finishedAt: fields.status === 'IN_PRODUCTION' ? null : '2024-12-27T02:00:05.000Z',
        stuckReason: null,
        revocationReason: null,
        refusalReason: null,
        organization: { __typename: 'Organization', id: '9', name: '上海徐家汇商城有限公司工会' },
        timeline: fields.timeline,
        members: {
          __typename: 'CardBatchMemberConnection',
          totalCount: fields.members.length,
          pageInfo: { __typename: 'PageInfo', page: 1, pageSize: 20, pageCount: 1 },
          nodes: fields.members,
        },
      },
    },
  };
}

const mounted: { unmount: () => void }[] = [];
beforeEach(() => {
  // Only the page's polling interval is faked: the requests, Quasar and waitFor keep real time.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

async function openBatch(): Promise<VueWrapper> {
  const wrapper = (await mountApp(CardBatchView, { props: { batchId: '4' }, attachTo: document.body })) as unknown as VueWrapper;
  mounted.push(wrapper);
  await vi.waitFor(() => expect(wrapper.find('[data-testid="card-batch-title"]').exists()).toBe(true));
  return wrapper;
}

const reads = (requests: { operationName: string }[]) => requests.filter((r) => r.operationName === 'CardBatchDetail').length;
const timelineTitles = (wrapper: VueWrapper) => wrapper.findAll('[data-testid="state-timeline-entry"] .q-timeline__title').map((e) => e.text());

describe('a card batch', () => {
  it('follows the batch while the issuer makes its cards and stops asking once it is issued', async () => {
    let issued = false;
    const requests = stubGraphQLFetch({
      CardBatchDetail: () =>
        issued
          ? batch({
              status: 'ISSUED',
              members: [
                batchMember('1', 'ISSUED', { cardNumberMasked: '6231 **** **** 4453' }),
                batchMember('2', 'ISSUED', { cardNumberMasked: '6231 **** **** 6792' }),
              ],
              timeline: [SUBMITTED, STARTED, move('2024-12-27T02:00:05.000Z', 'IN_PRODUCTION', 'ISSUED')],
            })
          : batch({ status: 'IN_PRODUCTION', members: [batchMember('1', 'PENDING'), batchMember('2', 'PENDING')], timeline: [SUBMITTED, STARTED] }),
    });
    const wrapper = await openBatch();

    expect(wrapper.get('[data-testid="card-batch-title"]').text()).toBe('办卡批次 KB20241227000004');
    expect(wrapper.get('[data-testid="card-batch-state"]').text()).toBe('制卡中');
    expect(wrapper.find('[data-testid="card-batch-live"]').exists()).toBe(true);
    expect(timelineTitles(wrapper)).toEqual(['已提交', '已提交 → 制卡中']);
    expect(wrapper.get('[data-testid="state-timeline-entry"] .q-timeline__subtitle').text()).toBe('2024-12-27 10:00:00 · xuhui-gr1');

    // Still at the issuer: asked again at each interval.
    const first = reads(requests);
    await vi.advanceTimersByTimeAsync(BATCH_POLL_MS);
    await vi.waitFor(() => expect(reads(requests)).toBe(first + 1));
    expect(wrapper.get('[data-testid="card-batch-state"]').text()).toBe('制卡中');

    issued = true;
    await vi.advanceTimersByTimeAsync(BATCH_POLL_MS);
    await vi.waitFor(() => expect(wrapper.get('[data-testid="card-batch-state"]').text()).toBe('已制卡'));
    expect(wrapper.find('[data-testid="card-batch-live"]').exists()).toBe(false);
    expect(timelineTitles(wrapper)).toEqual(['已提交', '已提交 → 制卡中', '制卡中 → 已制卡']);
    expect(wrapper.get('[data-testid="card-batch-members"]').text()).toContain('6231 **** **** 4453');
    expect(wrapper.get('[data-testid="card-batch-fact-issuedCount"]').text()).toBe('2');

    // At rest: nothing more is asked, however long the page stays open.
    const atRest = reads(requests);
    await vi.advanceTimersByTimeAsync(BATCH_POLL_MS * 5);
    await flushPromises();
    expect(reads(requests)).toBe(atRest);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("shows the issuer's reason for a refused member and asks the district to revoke with a reason", async () => {
    let status = 'PARTIALLY_FAILED';
    const requests = stubGraphQLFetch({
      CardBatchDetail: () =>
        batch({
          status,
          availableEvents: status === 'PARTIALLY_FAILED' ? ['REQUEST_REVOCATION'] : [],
          members: [
            batchMember('1', 'ISSUED', { cardNumberMasked: '6231 **** **** 4453' }),
            batchMember('2', 'FAILED', { failure: '发卡机构退回：发卡机构核验未通过（模拟）' }),
          ],
          timeline: [SUBMITTED, STARTED, move('2024-12-27T02:00:05.000Z', 'IN_PRODUCTION', 'PARTIALLY_FAILED')],
        }),
      RequestCardBatchRevocation: () => {
        status = 'REVOCATION_REQUESTED';
        return {
          data: {
            requestCardBatchRevocation: {
              __typename: 'CardBatchPayload',
              batch: { __typename: 'CardBatch', id: '4', status, availableEvents: [], revocationReason: '误报', refusalReason: null },
            },
          },
        };
      },
    });
    const wrapper = await openBatch();
    signInAs(['MEMBER_READ', 'CARD_APPLY']);
    await flushPromises();

    expect(wrapper.get('[data-testid="card-batch-state"]').text()).toBe('部分退回');
    expect(wrapper.find('[data-testid="card-batch-live"]').exists()).toBe(false);
    const rows = wrapper.findAll('[data-testid="card-batch-members"] tbody tr').map((r) => r.text());
    expect(rows[1]).toContain('已退回');
    expect(rows[1]).toContain('发卡机构退回：发卡机构核验未通过（模拟）');
    expect(wrapper.text()).toContain('被退回的会员已回到待办会员列表');

    await wrapper.get('[data-testid="card-batch-REQUEST_REVOCATION"]').trigger('click');
    const dialog = () => document.body.querySelector<HTMLElement>('[data-testid="revocation-dialog"]');
    await vi.waitFor(() => expect(dialog()?.textContent).toContain('申请撤销办卡批次 KB20241227000004'));
    const form = dialog()!.querySelector('form')!;
    form.dispatchEvent(new Event('submit'));
    await flushPromises();
    expect(dialog()!.textContent).toContain('请填写撤销理由');
    expect(requests.filter((r) => r.operationName === 'RequestCardBatchRevocation')).toHaveLength(0);

    const reason = dialog()!.querySelector<HTMLTextAreaElement>('textarea[data-testid="revocation-reason"]')!;
    reason.value = '误报';
    reason.dispatchEvent(new Event('input'));
    await flushPromises();
    form.dispatchEvent(new Event('submit'));
    await vi.waitFor(() => expect(wrapper.get('[data-testid="card-batch-state"]').text()).toBe('撤销审核中'));
    expect(requests.filter((r) => r.operationName === 'RequestCardBatchRevocation').map((r) => r.variables)).toEqual([
      { input: { batchId: '4', reason: '误报' } },
    ]);
    expect(wrapper.find('[data-testid="card-batch-REQUEST_REVOCATION"]').exists()).toBe(false);
  });
});
