import type { RouteLocation, RouteLocationRaw } from 'vue-router';
import type { SessionViewerFragment } from '../gql/graphql';

/**
 * Where a navigation may go, given who is signed in. Display only: the server
 * refuses whatever the caller may not do.
 */
export function decideNavigation(to: Pick<RouteLocation, 'name' | 'meta' | 'fullPath'>, viewer: SessionViewerFragment | null): true | RouteLocationRaw {
  if (to.meta.public) return viewer ? { name: 'home' } : true;
  if (!viewer) return { name: 'login', query: { redirect: to.fullPath } };
  if (viewer.mustChangePassword) return to.name === 'change-password' ? true : { name: 'change-password' };
  if (to.meta.permission && !viewer.permissions.includes(to.meta.permission)) return { name: 'home' };
  return true;
}

/** Accepts only an in-app path as the post-login target, never another origin. */
export function safeRedirect(redirect: unknown): string {
  return typeof redirect === 'string' && redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : '/';
}
