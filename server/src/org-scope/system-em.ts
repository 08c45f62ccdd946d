import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { SCOPE_FILTER, type ScopeParams } from './scope-filter.js';

/**
 * THE unfiltered EntityManager. Only for work that has no caller scope by nature: sessions, login,
 * captcha, migrations, seeding, counters. Every use is a reviewed exception: grep `systemEm(`.
 */
export function systemEm(orm: MikroORM): EntityManager {
  const em = orm.em.fork();
  em.setFilterParams(SCOPE_FILTER, { unscoped: true } satisfies ScopeParams);
  return em;
}
