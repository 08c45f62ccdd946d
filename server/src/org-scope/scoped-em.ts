import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { SCOPE_FILTER, type ScopeParams } from './scope-filter.js';

/** Matches no path at all: an anonymous caller reads nothing org-owned. */
const NO_SCOPE = '!';

/** A request's EntityManager: every read of an org-owned entity is limited to `scopePath`'s subtree. */
export function scopedEm(orm: MikroORM, scopePath: string | undefined): EntityManager {
  const em = orm.em.fork();
  em.setFilterParams(SCOPE_FILTER, { path: scopePath ?? NO_SCOPE } satisfies ScopeParams);
  return em;
}
