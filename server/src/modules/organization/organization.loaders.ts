import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Organization } from '../../org-scope/organization.entity.js';
import { Tier } from '../../org-scope/tier.js';

type CountRow = { id: number; n: string | number };

function countsById(rows: CountRow[], ids: readonly number[]): number[] {
  const byId = new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
  return ids.map((id) => byId.get(id) ?? 0);
}

/**
 * Per-request batch loaders over the scoped EntityManager. The counts are only asked for organizations
 * the caller already read in scope, and a subtree of an in-scope organization is in scope.
 */
export function organizationLoaders(em: EntityManager) {
  return {
    /** null when missing or outside the caller's scope. */
    byId: new DataLoader<number, Organization | null>(async (ids) => {
      const found = await em.find(Organization, { id: { $in: [...ids] } });
      const byId = new Map(found.map((o) => [o.id, o]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    childCount: new DataLoader<number, number>(async (ids) =>
      countsById(
        await em.execute<CountRow[]>('select parent_id as id, count(*) as n from organization where parent_id in (?) group by parent_id', [[...ids]]),
        ids,
      ),
    ),
    grassrootsCount: new DataLoader<number, number>(async (ids) =>
      countsById(
        await em.execute<CountRow[]>(
          `select o.id, (select count(*) from organization g where g.path like o.path || '%' and g.tier = ?) as n
             from organization o where o.id in (?)`,
          [Tier.GRASSROOTS, [...ids]],
        ),
        ids,
      ),
    ),
    accountCount: new DataLoader<number, number>(async (ids) =>
      countsById(
        await em.execute<CountRow[]>('select organization_id as id, count(*) as n from account where organization_id in (?) group by organization_id', [
          [...ids],
        ]),
        ids,
      ),
    ),
  };
}

declare module '../../common/request-context.js' {
  interface Loaders {
    organization: ReturnType<typeof organizationLoaders>;
  }
}
