import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Enterprise } from './enterprise.entity.js';

/** Enterprises by id over the request's scoped EntityManager: null when missing or outside scope. */
export function enterpriseLoader(em: EntityManager) {
  return new DataLoader<number, Enterprise | null>(async (ids) => {
    const found = new Map((await em.find(Enterprise, { id: { $in: [...ids] } })).map((e) => [e.id, e]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

declare module '../../common/request-context.js' {
  interface Loaders {
    enterprise: ReturnType<typeof enterpriseLoader>;
  }
}
