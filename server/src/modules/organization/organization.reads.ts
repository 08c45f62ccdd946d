import DataLoader from 'dataloader';
import { scopedSql, selectColumns, type ScopedReads } from '../../org-scope/read-db.js';
import type { Organization } from '../../org-scope/organization.entity.js';

export const ORGANIZATION_FIELDS = [
  'id',
  'name',
  'tier',
  'path',
  'creditCode',
  'parentId',
  'createdAt',
  'version',
] as const satisfies readonly (keyof Organization)[];

/** An organization as the read path answers it; an Organization entity is one too. */
export type OrganizationRow = Pick<Organization, (typeof ORGANIZATION_FIELDS)[number]>;

export const ORGANIZATION_SELECT = selectColumns('o', ORGANIZATION_FIELDS);

const BY_ID = scopedSql(`select ${ORGANIZATION_SELECT} from organization o where o.path like $1 and o.id = any($2::int[])`);
// Children and accounts of an organization in scope are in scope; the predicate says so anyway.
const CHILD_COUNTS = scopedSql(
  `select o.parent_id as id, count(*)::int as n from organization o where o.path like $1 and o.parent_id = any($2::int[]) group by o.parent_id`,
);
const GRASSROOTS_COUNTS = scopedSql(
  `select o.id, (select count(*)::int from organization g where g.path like o.path || '%' and g.tier = 'GRASSROOTS') as n
     from organization o where o.path like $1 and o.id = any($2::int[])`,
);
const ACCOUNT_COUNTS = scopedSql(
  `select a.organization_id as id, count(*)::int as n from account a where a.org_path like $1 and a.organization_id = any($2::int[]) group by a.organization_id`,
);

function counts(reads: ScopedReads, stmt: typeof BY_ID) {
  return new DataLoader<number, number>(async (ids) => {
    const byId = new Map((await reads.rows<{ id: number; n: number }>(stmt, [ids])).map((r) => [r.id, r.n]));
    return ids.map((id) => byId.get(id) ?? 0);
  });
}

/** Per-request batch loaders over the read path; null when missing or outside the caller's scope. */
export function organizationLoaders(reads: ScopedReads) {
  return {
    byId: new DataLoader<number, OrganizationRow | null>(async (ids) => {
      const byId = new Map((await reads.rows<OrganizationRow>(BY_ID, [ids])).map((o) => [o.id, o]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    childCount: counts(reads, CHILD_COUNTS),
    grassrootsCount: counts(reads, GRASSROOTS_COUNTS),
    accountCount: counts(reads, ACCOUNT_COUNTS),
  };
}

declare module '../../common/request-context.js' {
  interface Loaders {
    organization: ReturnType<typeof organizationLoaders>;
  }
}
