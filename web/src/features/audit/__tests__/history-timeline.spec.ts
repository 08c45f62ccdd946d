import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import HistoryTimeline from '../components/HistoryTimeline.vue';

const entry = (id: string, action: string, changes: { field: string; before: string | null; after: string | null }[] = []) => ({
  __typename: 'AuditEntry',
  id,
  at: '2024-12-27T02:00:00.000Z',
  actorUsername: 'jianlang',
  action,
  targetType: 'ENTERPRISE',
  changes: changes.map((c) => ({ __typename: 'AuditChange', ...c })),
});
const page = (nodes: unknown[], hasNextPage: boolean) => ({
  data: { enterpriseHistory: { __typename: 'AuditEntryConnection', totalCount: 3, pageInfo: { __typename: 'PageInfo', hasNextPage }, nodes } },
});

afterEach(() => vi.unstubAllGlobals());

describe('a history timeline', () => {
  it("asks its target's own query, newest first, and loads the next page on demand (an entry pushed onto it meanwhile shows once)", async () => {
    const requests = stubGraphQLFetch({
      EnterpriseHistory: (variables) =>
        variables.page === 2
          ? page([entry('2', 'ENTERPRISE_UPDATED'), entry('1', 'ENTERPRISE_CREATED', [{ field: 'NAME', before: null, after: '建朗数据' }])], false)
          : page([entry('3', 'ENTERPRISE_UPDATED', [{ field: 'ADDRESS', before: null, after: '世纪大道100号' }]), entry('2', 'ENTERPRISE_UPDATED')], true),
    });
    const wrapper = await mountApp(HistoryTimeline, { props: { targetType: 'ENTERPRISE', targetId: '5' } });
    await flushPromises();
    const titles = () => wrapper.findAll('[data-testid="history-entry"] .q-timeline__title').map((t) => t.text());
    expect(titles()).toEqual(['修改关联企业', '修改关联企业']);
    expect(wrapper.find('[data-testid="history-entry"] .q-timeline__subtitle').text()).toBe('2024-12-27 10:00:00 · jianlang');
    expect(wrapper.find('[data-testid="audit-change-ADDRESS"]').text()).toContain('世纪大道100号');
    expect(wrapper.text()).toContain('共 3 条');

    await wrapper.find('[data-testid="history-more"]').trigger('click');
    await flushPromises();
    expect(titles()).toEqual(['修改关联企业', '修改关联企业', '新增关联企业']);
    expect(wrapper.find('[data-testid="history-more"]').exists()).toBe(false);
    expect(requests.map((r) => [r.operationName, r.variables])).toEqual([
      ['EnterpriseHistory', { id: '5', page: 1, pageSize: 20 }],
      ['EnterpriseHistory', { id: '5', page: 2, pageSize: 20 }],
    ]);
  });

  it("says so when there is nothing yet, and shows the server's refusal", async () => {
    stubGraphQLFetch({
      MemberHistory: () => ({
        data: {
          memberHistory: {
            __typename: 'AuditEntryConnection',
            totalCount: 0,
            pageInfo: { __typename: 'PageInfo', hasNextPage: false },
            nodes: [],
          },
        },
      }),
      AccountHistory: () => ({ data: null, errors: [{ message: '未找到该记录', extensions: { code: 'NOT_FOUND' } }] }),
    });
    const empty = await mountApp(HistoryTimeline, { props: { targetType: 'MEMBER', targetId: '9' } });
    await flushPromises();
    expect(empty.find('[data-testid="history-empty"]').text()).toBe('暂无变更记录');
    const refused = await mountApp(HistoryTimeline, { props: { targetType: 'ACCOUNT', targetId: '9' } });
    await flushPromises();
    expect(refused.find('[role="alert"]').text()).toBe('未找到该记录');
    expect(refused.find('[data-testid="history-empty"]').exists()).toBe(false);
  });
});
