import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { inLayout, mountApp } from '../../../test-support/mount-app';
import CardsPage from '../pages/CardsPage.vue';

function member(id: string, name: string, fields: Record<string, unknown> = {}) {
  return {
    __typename: 'Member',
    id,
    memberNo: `0001000000${id}`,
    name,
    idType: 'RESIDENT_ID',
    idNumberMasked: '3101 **** **** 6315',
    category: 'IN_ENTERPRISE',
    lifeStatus: 'ACTIVE',
    cardChannel: 'UNION',
    enterprise: { __typename: 'Enterprise', id: '3', name: '上海徐家汇商城有限公司' },
    card: null,
    ...fields,
  };
}

const MEMBERS = [
  member('11', '汪思远', { card: { __typename: 'MemberCard', cardNumberMasked: '6231 **** **** 9510', status: 'ACTIVE', issuedOn: '2024-12-27' } }),
  member('12', '段刚'),
  member('13', '李雨涵'),
  member('14', '袁俊', { category: 'FLEXIBLE', cardChannel: 'INDIVIDUAL', enterprise: null }),
];

const members = () => ({
  data: {
    members: {
      __typename: 'MemberConnection',
      totalCount: MEMBERS.length,
      pageInfo: { __typename: 'PageInfo', page: 1, pageSize: 20, pageCount: 1 },
      nodes: MEMBERS,
    },
  },
});

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

async function openCards(): Promise<VueWrapper> {
  const wrapper = (await mountApp(inLayout(CardsPage), { attachTo: document.body })) as unknown as VueWrapper;
  mounted.push(wrapper);
  await vi.waitFor(() => expect(wrapper.findAll('[data-testid="card-members-table"] tbody tr')).toHaveLength(MEMBERS.length));
  return wrapper;
}

const rows = (wrapper: VueWrapper) => wrapper.findAll('[data-testid="card-members-table"] tbody tr');

describe('卡片信息管理', () => {
  it('shows each member’s masked card, and flexible members as applying individually, who cannot be queued here', async () => {
    stubGraphQLFetch({ CardMembers: members, PickableEnterprises: () => ({ data: { enterprises: { __typename: 'EnterpriseConnection', nodes: [] } } }) });
    const wrapper = await openCards();
    expect(rows(wrapper)[0]!.text()).toContain('6231 **** **** 9510');
    expect(rows(wrapper)[0]!.text()).toContain('正常');
    expect(rows(wrapper)[1]!.text()).toContain('未办卡');
    expect(rows(wrapper)[3]!.get('[data-testid="card-member-individual"]').text()).toBe('个人办卡');
    // Only members without a card, applying through the union, have 加入待办.
    expect(rows(wrapper).map((row) => row.find('[data-testid="card-member-queue"]').exists())).toEqual([false, true, true, false]);
  });

  it('queues the chosen members all or none: a refusal names every member with every reason and adds nobody', async () => {
    const requests = stubGraphQLFetch({
      CardMembers: members,
      PickableEnterprises: () => ({ data: { enterprises: { __typename: 'EnterpriseConnection', nodes: [] } } }),
      AddToCardQueue: () => ({
        data: {
          addToCardQueue: {
            __typename: 'CardQueueRefusal',
            code: 'BAD_USER_INPUT',
            message: '有 1 名会员不能加入待办会员列表，本次未加入任何会员：李雨涵（会员已退休或已故）',
            members: [
              {
                __typename: 'RefusedMember',
                memberId: '13',
                name: '李雨涵',
                memberNo: '000100000013',
                problems: [
                  { __typename: 'CardProblem', code: 'NOT_ACTIVE', message: '会员已退休或已故' },
                  { __typename: 'CardProblem', code: 'HAS_CARD', message: '已有会员服务卡' },
                ],
              },
            ],
          },
        },
      }),
    });
    const wrapper = await openCards();
    for (const row of [rows(wrapper)[1]!, rows(wrapper)[2]!]) {
      await row.get('.q-checkbox').trigger('click');
    }
    expect(wrapper.get('[data-testid="cards-add-selected"]').text()).toContain('加入待办会员列表（2 人）');
    await wrapper.get('[data-testid="cards-add-selected"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="cards-refused"]').exists()).toBe(true));

    expect(requests.filter((r) => r.operationName === 'AddToCardQueue').map((r) => r.variables)).toEqual([{ input: { memberIds: ['12', '13'] } }]);
    expect(wrapper.get('[data-testid="cards-refused"]').text()).toContain('有 1 名会员不能加入待办会员列表，本次未加入任何会员：');
    expect(wrapper.findAll('[data-testid="cards-refused-member"]').map((li) => li.text())).toEqual([
      '李雨涵（000100000013）：会员已退休或已故；已有会员服务卡',
    ]);
    expect(wrapper.find('[data-testid="cards-added"]').exists()).toBe(false);
    // Nothing was added: the choice stays for another try.
    expect(wrapper.get('[data-testid="cards-add-selected"]').text()).toContain('（2 人）');
  });

  it('adds every listed member without a card and says who was left out and why', async () => {
    const requests = stubGraphQLFetch({
      CardMembers: members,
      PickableEnterprises: () => ({ data: { enterprises: { __typename: 'EnterpriseConnection', nodes: [] } } }),
      AddToCardQueue: () => ({
        data: {
          addToCardQueue: {
            __typename: 'AddToCardQueuePayload',
            added: 23,
            alreadyQueued: 1,
            skipped: [{ __typename: 'CardProblemCount', code: 'NOT_ACTIVE', count: 3, message: '会员已退休或已故' }],
            queue: { __typename: 'CardQueueSummary', version: 2, totalCount: 24 },
          },
        },
      }),
    });
    const wrapper = await openCards();
    await wrapper.get('[data-testid="cards-add-filtered"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.find('[data-testid="cards-added"]').exists()).toBe(true));
    await flushPromises();

    const [sent] = requests.filter((r) => r.operationName === 'AddToCardQueue').map((r) => r.variables);
    expect(sent).toEqual({
      input: {
        filter: { organizationId: null, enterpriseId: null, category: null, lifeStatus: null, needsConfirmation: null, hasCard: false, search: null },
      },
    });
    const text = wrapper.get('[data-testid="cards-added"]').text();
    expect(text).toContain('已加入待办会员列表 23 人');
    expect(text).toContain('1 人已在待办会员列表中，未重复加入');
    expect(wrapper.get('[data-testid="cards-skipped"]').text()).toBe('未加入 3 人：会员已退休或已故');
  });
});
