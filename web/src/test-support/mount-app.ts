import urql from '@urql/vue';
import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { Dialog, Notify, Quasar } from 'quasar';
import type { Component } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createAppI18n } from '../boot/i18n';
import { createApiClient } from '../boot/urql';

/** Mounts a component with everything main.ts installs: Quasar, zh-CN i18n, pinia, a router and the real API client. */
export async function mountApp<C extends Component>(component: C, options: ComponentMountingOptions<C> = {}) {
  const i18n = createAppI18n('zh-CN');
  const client = createApiClient({
    locale: () => i18n.global.locale.value,
    onSessionEnded: () => undefined,
    onPasswordChangeRequired: () => undefined,
  });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:any(.*)*', name: 'home', component: { template: '<div />' } }],
  });
  await router.push('/login');
  return mount(component, {
    ...options,
    global: { plugins: [[Quasar, { plugins: { Dialog, Notify } }], i18n, createPinia(), router, [urql, client]] },
  });
}
