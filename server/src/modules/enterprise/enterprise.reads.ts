import DataLoader from 'dataloader';
import { scopedSql, selectColumns, type ScopedReads } from '../../org-scope/read-db.js';
import type { Enterprise } from './enterprise.entity.js';

export const ENTERPRISE_FIELDS = [
  'id',
  'name',
  'creditCode',
  'address',
  'version',
  'organizationId',
  'orgPath',
] as const satisfies readonly (keyof Enterprise)[];

/** An enterprise as the read path answers it; an Enterprise entity is one too. */
export type EnterpriseRow = Pick<Enterprise, (typeof ENTERPRISE_FIELDS)[number]>;

export const ENTERPRISE_SELECT = selectColumns('e', ENTERPRISE_FIELDS);

const BY_ID = scopedSql(`select ${ENTERPRISE_SELECT} from enterprise e where e.org_path like $1 and e.id = any($2::int[])`);

/** Enterprises by id: null when missing or outside scope. */
export function enterpriseLoader(reads: ScopedReads) {
  return new DataLoader<number, EnterpriseRow | null>(async (ids) => {
    const found = new Map((await reads.rows<EnterpriseRow>(BY_ID, [ids])).map((e) => [e.id, e]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

declare module '../../common/request-context.js' {
  interface Loaders {
    enterprise: ReturnType<typeof enterpriseLoader>;
  }
}
