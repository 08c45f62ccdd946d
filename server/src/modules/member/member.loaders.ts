import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Member } from './member.entity.js';

/** Members by id over the request's scoped EntityManager: null when missing or outside scope. */
export function memberLoader(em: EntityManager) {
  return new DataLoader<number, Member | null>(async (ids) => {
    const found = new Map((await em.find(Member, { id: { $in: [...ids] } })).map((m) => [m.id, m]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

declare module '../../common/request-context.js' {
  interface Loaders {
    member: ReturnType<typeof memberLoader>;
  }
}
