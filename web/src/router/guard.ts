import type { RouteLocation, RouteLocationRaw } from 'vue-router';
import type { SessionViewerFragment } from '../gql/graphql';
import { mayOpen } from './page-access';

type Destination = Pick<RouteLocation, 'name' | 'meta' | 'fullPath' | 'path' | 'query' | 'hash' | 'matched'>;

/**
 * Where a navigation may go, given who is signed in. Display only: the server refuses whatever the
 * caller may not do.
 */
export function decideNavigation(to: Destination, viewer: SessionViewerFragment | null): true | RouteLocationRaw {
  if (to.meta.public) return viewer ? { name: 'home' } : true;
  if (!viewer) return { name: 'login', query: { redirect: to.fullPath } };
  if (viewer.mustChangePassword) return to.name === 'change-password' ? true : { name: 'change-password' };
  // Not a silent bounce home: the address stays, and the page says it is not for this role.
  if (!mayOpen(to, viewer.permissions)) return notAvailable(to);
  return true;
}

/** The "not available" page at the address that was asked for, so the user sees which one and can pass it on. */
function notAvailable(to: Destination): RouteLocationRaw {
  return { name: 'not-available', params: { pathMatch: to.path.slice(1).split('/') }, query: to.query, hash: to.hash };
}

/** Accepts only an in-app path as the post-login target, never another origin. */
export function safeRedirect(redirect: unknown): string {
  return typeof redirect === 'string' && redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : '/';
}
