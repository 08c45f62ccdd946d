import { Filter } from '@mikro-orm/core';
import { subtreePattern } from './org-path.js';

export const SCOPE_FILTER = 'scope';

/** The caller organization's materialized path, or `unscoped` for the system EntityManager only. */
export type ScopeParams = { path: string } | { unscoped: true };

/**
 * Default-on filter limiting every read of an org-owned entity to the caller's subtree.
 * It has no default parameters: an EntityManager that forgot to set them fails instead of leaking.
 * `column` is the property that holds the owning organization's path.
 */
export function ScopedBy(column: 'orgPath' | 'path') {
  return Filter({
    name: SCOPE_FILTER,
    default: true,
    cond: (params: ScopeParams) => ('unscoped' in params ? {} : { [column]: { $like: subtreePattern(params.path) } }),
  });
}
