import DataLoader from 'dataloader';
import { scopedSql, selectColumns, type ScopedReads } from '../../org-scope/read-db.js';
import type { Account } from '../../auth/account.entity.js';

export const ACCOUNT_FIELDS = [
  'id',
  'username',
  'displayName',
  'role',
  'disabled',
  'mustChangePassword',
  'lastLoginAt',
  'createdAt',
  'version',
  'organizationId',
  'orgPath',
] as const satisfies readonly (keyof Account)[];

/** An account as the read path answers it (never its password hash); an Account entity is one too. */
export type AccountRow = Pick<Account, (typeof ACCOUNT_FIELDS)[number]>;

export const ACCOUNT_SELECT = selectColumns('a', ACCOUNT_FIELDS);

const BY_ID = scopedSql(`select ${ACCOUNT_SELECT} from account a where a.org_path like $1 and a.id = any($2::int[])`);

/** Accounts by id: null when missing or outside scope. */
export function accountLoader(reads: ScopedReads) {
  return new DataLoader<number, AccountRow | null>(async (ids) => {
    const found = new Map((await reads.rows<AccountRow>(BY_ID, [ids])).map((a) => [a.id, a]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

declare module '../../common/request-context.js' {
  interface Loaders {
    account: ReturnType<typeof accountLoader>;
  }
}
