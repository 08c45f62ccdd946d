import type { EntityManager } from '@mikro-orm/postgresql';
import { organizationLoaders } from '../modules/organization/organization.loaders.js';

/** Every DataLoader of a request, built from its scoped EntityManager so batching never widens scope. */
export function createLoaders(em: EntityManager) {
  return {
    organization: organizationLoaders(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
