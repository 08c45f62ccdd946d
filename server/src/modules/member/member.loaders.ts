import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Member } from './member.entity.js';
import { MemberCard } from './member-card.entity.js';

/** Members by id over the request's scoped EntityManager: null when missing or outside scope. */
export function memberLoader(em: EntityManager) {
  return new DataLoader<number, Member | null>(async (ids) => {
    const found = new Map((await em.find(Member, { id: { $in: [...ids] } })).map((m) => [m.id, m]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Each member's newest card (ACTIVE, or the last revoked one), by member id, in scope: null when it has none. */
export function memberCardLoader(em: EntityManager) {
  return new DataLoader<number, MemberCard | null>(async (ids) => {
    const newest = new Map<number, MemberCard>();
    for (const c of await em.find(MemberCard, { memberId: { $in: [...ids] } }, { orderBy: { memberId: 'asc', id: 'desc' } })) {
      if (!newest.has(c.memberId)) newest.set(c.memberId, c);
    }
    return ids.map((id) => newest.get(id) ?? null);
  });
}

declare module '../../common/request-context.js' {
  interface Loaders {
    member: ReturnType<typeof memberLoader>;
    memberCard: ReturnType<typeof memberCardLoader>;
  }
}
