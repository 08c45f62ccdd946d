import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../../auth/account.entity.js';

/** Accounts by id over the request's scoped EntityManager: null when missing or outside scope. */
export function accountLoader(em: EntityManager) {
  return new DataLoader<number, Account | null>(async (ids) => {
    const found = new Map((await em.find(Account, { id: { $in: [...ids] } })).map((a) => [a.id, a]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

declare module '../../common/request-context.js' {
  interface Loaders {
    account: ReturnType<typeof accountLoader>;
  }
}
