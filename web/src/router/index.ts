import type { Client } from '@urql/vue';
import { createRouter, createWebHistory, type Router } from 'vue-router';
import { useSessionStore } from '../features/auth/session.store';
import { decideNavigation } from './guard';
import { routes } from './routes';

export function createAppRouter(client: Client): Router {
  const router = createRouter({ history: createWebHistory(), routes });
  router.beforeEach(async (to) => {
    const viewer = await useSessionStore().load(client);
    return decideNavigation(to, viewer);
  });
  return router;
}
