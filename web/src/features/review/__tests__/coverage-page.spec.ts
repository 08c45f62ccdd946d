import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { inLayout, mountApp } from '../../../test-support/mount-app';
import CoveragePage from '../pages/CoveragePage.vue';

const UNION = { __typename: 'Organization', id: '42', name: '城建隧道工会', tier: 'GRASSROOTS' };

function covered(id: string, name: string) {
  return {
    __typename: 'CoverageType',
    year: 2025,
    coverageStart: '2025-01-01',
    coverageEnd: '2025-12-31',
    districtBatchId: '7',
    batchNo: 'QJ20250004001',
    member: {
      __typename: 'Member',
      id,
      memberNo: `00010000000${id}`,
      name,
      idNumberMasked: '3101 **** **** 6315',
      organization: { __typename: 'Organization', id: UNION.id, name: UNION.name },
    },
  };
}

function coverage(nodes: ReturnType<typeof covered>[]) {
  return () => ({
    data: {
      coverage: {
        __typename: 'CoverageConnection',
        totalCount: nodes.length,
        pageInfo: { __typename: 'PageInfo', page: 1, pageSize: 20, pageCount: 1 },
        nodes,
      },
    },
  });
}

const years = () => ({ data: { protectionYears: [2024, 2025].map((year) => ({ __typename: 'ProtectionYear', year })) } });
const organizations = () => ({ data: { organizations: { __typename: 'OrganizationConnection', nodes: [UNION] } } });

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

async function openPage(): Promise<VueWrapper> {
  const wrapper = (await mountApp(inLayout(CoveragePage), { attachTo: document.body })) as unknown as VueWrapper;
  mounted.push(wrapper);
  await vi.waitFor(() => expect(wrapper.find('[data-testid="coverage-table"]').exists()).toBe(true));
  return wrapper;
}

const sent = (requests: { operationName: string; variables: Record<string, unknown> }[], name: string) =>
  requests.filter((r) => r.operationName === name).map((r) => r.variables);

describe('保障信息查询', () => {
  it('lists the covered members of the newest year, one row each with the masked ID number, the union, the period and the batch', async () => {
    const requests = stubGraphQLFetch({
      EnrollmentYears: years,
      PickableOrganizations: organizations,
      Coverage: coverage([covered('1', '张三'), covered('2', '李四')]),
    });
    const wrapper = await openPage();
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="coverage-row"]')).toHaveLength(2));

    expect(sent(requests, 'Coverage')).toEqual([{ year: 2025, organizationId: null, page: 1, pageSize: 20 }]);
    expect(wrapper.findAll('[data-testid="coverage-table"] thead th').map((th) => th.text())).toEqual([
      '会员编号',
      '姓名',
      '证件号码',
      '所属工会',
      '保障年度',
      '保障期间',
      '参保批次',
    ]);
    const first = wrapper.findAll('[data-testid="coverage-row"]')[0]!;
    expect(first.findAll('td').map((td) => td.text())).toEqual([
      '000100000001',
      '张三',
      '3101 **** **** 6315',
      '城建隧道工会',
      '2025',
      '2025-01-01 至 2025-12-31',
      'QJ20250004001',
    ]);
    expect(wrapper.get('[data-testid="pager-summary"]').text()).toContain('总共 2 条记录');
  });

  it('asks again for the year and the union the address names', async () => {
    const requests = stubGraphQLFetch({
      EnrollmentYears: years,
      PickableOrganizations: organizations,
      PickedOrganization: () => ({ data: { organization: UNION } }),
      Coverage: coverage([]),
    });
    const wrapper = await openPage();
    await vi.waitFor(() => expect(sent(requests, 'Coverage')).toHaveLength(1));
    expect(wrapper.text()).toContain('没有找到匹配的记录');
    expect(wrapper.findAll('[data-testid="coverage-row"]')).toHaveLength(0);

    await wrapper.vm.$router.replace({ query: { year: '2024', org: '42' } });
    await flushPromises();
    await vi.waitFor(() => expect(sent(requests, 'Coverage').at(-1)).toEqual({ year: 2024, organizationId: '42', page: 1, pageSize: 20 }));
  });
});
