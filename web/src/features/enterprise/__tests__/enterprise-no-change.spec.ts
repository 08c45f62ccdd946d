import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubGraphQLFetch } from '../../../test-support/graphql-fetch';
import { mountApp } from '../../../test-support/mount-app';
import EnterpriseDialog from '../components/EnterpriseDialog.vue';

const ENTERPRISE = { __typename: 'Enterprise', id: '3', name: '上海建朗信息科技有限公司', creditCode: '91310115000000000Q', address: null, version: 2 };

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

/** The newest notification's text (Quasar keeps the earlier ones on screen a while). */
const lastNotification = () => [...document.body.querySelectorAll('.q-notification')].at(-1)?.textContent ?? '';

describe('saving an enterprise as it was', () => {
  it.each([
    [false, '没有修改'],
    [true, '已保存 上海建朗信息科技有限公司'],
  ])('changed: %s says %s', async (changed, message) => {
    stubGraphQLFetch({
      UpdateEnterprise: () => ({
        data: { updateEnterprise: { __typename: 'EnterprisePayload', changed, enterprise: { ...ENTERPRISE, version: changed ? 3 : 2 } } },
      }),
    });
    const wrapper = (await mountApp(EnterpriseDialog, {
      props: { modelValue: true, enterprise: ENTERPRISE as never },
      attachTo: document.body,
    })) as unknown as VueWrapper;
    mounted.push(wrapper);
    await flushPromises();
    document.body.querySelector('[data-testid="enterprise-dialog"] form')?.dispatchEvent(new Event('submit'));
    await flushPromises();
    await flushPromises();

    expect(wrapper.emitted('update:modelValue')).toEqual([[false]]);
    await vi.waitFor(() => expect(lastNotification()).toContain(message));
    if (changed) expect(lastNotification()).not.toContain('没有修改');
  });
});
