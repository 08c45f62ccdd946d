import urql from '@urql/vue';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { Quasar } from 'quasar';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import App from '../../App.vue';
import { createAppI18n, type AppLocale } from '../../boot/i18n';
import { createApiClient } from '../../boot/urql';
import { stubGraphQLFetch } from '../../test-support/graphql-fetch';
import { createAppRouter } from '..';

/** A grassroots clerk as the server reports it: no ACCOUNT_MANAGE, no AUDIT_READ. */
const me = {
  __typename: 'Viewer',
  id: '1',
  username: 'jianlang',
  displayName: '王经办',
  role: 'CLERK',
  mustChangePassword: false,
  permissions: ['ORGANIZATION_READ', 'MEMBER_READ'],
  organization: { __typename: 'Organization', id: '10', name: '上海建朗信息科技有限公司工会', tier: 'GRASSROOTS' },
};

// The layout and the page are loaded lazily by the routes: compiled once here, not inside a test's time budget.
beforeAll(() => Promise.all([import('../../layouts/AdminLayout.vue'), import('../../layouts/pages/NotAvailablePage.vue')]), 60_000);

const mounted: VueWrapper[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
});

/** The whole app (real router, guard and layout) opened at `path` by the clerk. */
async function openAs(path: string, locale: AppLocale = 'zh-CN') {
  stubGraphQLFetch({ Session: () => ({ data: { me } }) });
  const pinia = createPinia();
  setActivePinia(pinia);
  const i18n = createAppI18n(locale);
  const client = createApiClient({ locale: () => i18n.global.locale.value, onSessionEnded: () => undefined, onPasswordChangeRequired: () => undefined });
  const router = createAppRouter(client);
  await router.push(path);
  const wrapper = mount(App, { attachTo: document.body, global: { plugins: [Quasar, i18n, pinia, router, [urql, client]] } });
  mounted.push(wrapper);
  await vi.waitFor(async () => {
    await flushPromises();
    if (!wrapper.find('[data-testid="not-available"]').exists()) throw new Error('not rendered yet');
  });
  return { wrapper, router };
}

describe('a page the role may not open', () => {
  it('shows "not available for your role" at the address asked for, inside the layout, not a bounce home', async () => {
    const { wrapper, router } = await openAs('/accounts?search=wang');

    expect(router.currentRoute.value.name).toBe('not-available');
    expect(router.currentRoute.value.fullPath).toBe('/accounts?search=wang');
    const page = wrapper.get('[data-testid="not-available"]');
    expect(page.attributes('data-reason')).toBe('forbidden');
    expect(page.text()).toContain('此页面不对您的角色开放');
    expect(page.get('[data-testid="not-available-reason"]').text()).toBe('您的角色（基层工会 · 经办人）不能使用此页面。如确需使用，请联系上级工会。');
    expect(page.text()).toContain('/accounts');
    // The menu stays, so the clerk goes on from here.
    expect(wrapper.find('[data-testid="side-menu"]').exists()).toBe(true);
  });

  it('says so in English too', async () => {
    const { wrapper } = await openAs('/audit', 'en');
    expect(wrapper.get('[data-testid="not-available"]').text()).toContain('Not available for your role');
    expect(wrapper.get('[data-testid="not-available-reason"]').text()).toContain('Grassroots union · Clerk');
  });

  it('tells an address that names no page apart from a refused one', async () => {
    const { wrapper, router } = await openAs('/no/such/page');
    expect(router.currentRoute.value.fullPath).toBe('/no/such/page');
    expect(wrapper.get('[data-testid="not-available"]').attributes('data-reason')).toBe('missing');
    expect(wrapper.get('[data-testid="not-available"]').text()).toContain('页面不存在');
  });
});
