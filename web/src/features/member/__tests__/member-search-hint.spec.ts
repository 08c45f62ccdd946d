import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import MemberFiltersBar from '../components/MemberFiltersBar.vue';
import { NO_FILTERS } from '../member-list';

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

describe('the member search box', () => {
  it('says what it accepts: name, member number, full ID number, the last 4 of it (with a name), mobile', async () => {
    stubGraphQLFetch({ PickableEnterprises: () => ({ data: { enterprises: { __typename: 'EnterpriseConnection', nodes: [] } } }) });
    const wrapper = await mountApp(MemberFiltersBar, { props: { modelValue: { ...NO_FILTERS }, pickUnion: false }, attachTo: document.body });
    mounted.push(wrapper);
    await flushPromises();
    const input = wrapper.get('input[data-testid="members-search"]');
    expect(input.attributes('placeholder')).toBe('姓名/会员编号/证件号码或后4位/手机号');
    const hint = '可输入：姓名、会员编号、完整证件号码、证件号码后 4 位（可加姓名，如“张三 0026”）、手机号';
    expect(input.attributes('aria-label')).toBe(hint);
    expect(wrapper.get('[data-testid="members-search-help"]').attributes('aria-label')).toBe(hint);
  });
});
