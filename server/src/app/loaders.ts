import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { organizationLoaders } from '../modules/organization/organization.loaders.js';
import { Enterprise } from '../modules/enterprise/enterprise.entity.js';

/** Every DataLoader of a request, built from its scoped EntityManager so batching never widens scope. */
export function createLoaders(em: EntityManager) {
  return {
    organization: organizationLoaders(em),
    enterprise: new DataLoader<number, Enterprise | null>(async (ids) => {
      const found = new Map((await em.find(Enterprise, { id: { $in: [...ids] } })).map((e) => [e.id, e]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
