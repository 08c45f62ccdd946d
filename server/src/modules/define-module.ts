import type { EntityClass } from '@mikro-orm/core';
import type { ScopedReads } from '../org-scope/read-db.js';
import type { Loaders } from '../common/request-context.js';
import type { JobTask } from '../jobs/worker.js';

/**
 * What a module brings to the app, in one place: app/ folds every manifest into the services, the
 * schema and the per-request loaders, and db/ into the entity list. So a new module touches its own
 * folder, app/modules.ts and a migration.
 *
 * `services` gets every service built before it (the platform's, then earlier modules') and returns
 * its own; `resolvers` gets them all and returns the resolver instances (constructor injection, no
 * container).
 */
export interface ModuleManifest<Needs = never, Provides extends object = object> {
  name: string;
  entities?: readonly EntityClass<object>[];
  services?: (needs: Needs) => Provides;
  resolvers?: (services: Needs & Provides) => object[];
  /** The module's DataLoaders by name, each over the request's scoped reads; app/ makes each on first use. */
  loaders?: { [K in keyof Loaders]?: (reads: ScopedReads) => Loaders[K] };
  /** Background tasks by name (graphile-worker), enqueued with jobs/queue.ts `enqueue`. */
  tasks?: (services: Needs & Provides) => Record<string, JobTask<never>>;
  /** Tasks the worker runs on a schedule (cron, in UTC), as the system: the task gets SYSTEM_ACTOR's context and no data. */
  schedules?: readonly { task: string; cron: string }[];
}

export function defineModule<Needs = never, Provides extends object = object>(manifest: ModuleManifest<Needs, Provides>): ModuleManifest<Needs, Provides> {
  return manifest;
}
