import urql from '@urql/vue';
import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { Dialog, Notify, QLayout, QPageContainer, Quasar } from 'quasar';
import { h, type Component, type FunctionalComponent } from 'vue';
import { createMemoryHistory, createRouter, RouterView, type RouteRecordRaw } from 'vue-router';
import { createAppI18n } from '../boot/i18n';
import { createApiClient } from '../boot/urql';
import { routes } from '../router/routes';

/** The app's routes with a placeholder for every page, so links and router.push by name resolve as in the app. */
const Placeholder: FunctionalComponent = () => h(RouterView);
function placeholders(records: readonly RouteRecordRaw[]): RouteRecordRaw[] {
  return records.map((record) => ({ ...record, component: Placeholder, children: placeholders(record.children ?? []) }) as RouteRecordRaw);
}

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
    routes: placeholders(routes),
  });
  await router.push('/login');
  return mount(component, {
    ...options,
    global: { plugins: [[Quasar, { plugins: { Dialog, Notify } }], i18n, createPinia(), router, [urql, client]] },
  });
}

/** A page component inside the layout a q-page needs, as AdminLayout renders it. */
export function inLayout(page: Component): Component {
  return () => h(QLayout, { view: 'hHh lpR fFf' }, () => h(QPageContainer, null, () => h(page)));
}
