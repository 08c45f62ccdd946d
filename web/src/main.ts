import '@quasar/extras/material-icons/material-icons.css';
import 'quasar/dist/quasar.css';
import './app.css';
import urql from '@urql/vue';
import { createPinia } from 'pinia';
import { Dialog, Notify, Quasar } from 'quasar';
import { createApp } from 'vue';
import App from './App.vue';
import { createAppI18n, quasarLanguage } from './boot/i18n';
import { createApiClient } from './boot/urql';
import { useSessionStore } from './features/auth/session.store';
import { createAppRouter } from './router';
import { brandColors } from './theme/colors';

const app = createApp(App);
const pinia = createPinia();
const i18n = createAppI18n();
const session = useSessionStore(pinia);

let leaving = false;
const client = createApiClient({
  locale: () => i18n.global.locale.value,
  onSessionEnded: () => {
    // Once: a page's several queries all end with the session, and a second load would abort the first.
    if (leaving) return;
    leaving = true;
    // A full page load drops every cached result of the ended session.
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/login?redirect=${encodeURIComponent(here)}`);
  },
  onPasswordChangeRequired: () => {
    session.requirePasswordChange();
    void router.push({ name: 'change-password' });
  },
});
const router = createAppRouter(client);

app
  .use(pinia)
  .use(i18n)
  .use(urql, client)
  .use(router)
  .use(Quasar, {
    plugins: { Dialog, Notify },
    lang: quasarLanguage(i18n.global.locale.value),
    config: { brand: { ...brandColors } },
  })
  .mount('#app');
