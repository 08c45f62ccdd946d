import { MikroORM, defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { migrateJobs } from '../jobs/worker.js';
import { ScopeFlushGuard } from '../org-scope/flush-guard.js';

export function ormConfig(clientUrl: string) {
  return defineConfig({
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    subscribers: [new ScopeFlushGuard()],
    forceUtcTimezone: true,
    // Identity map per request fork; the global EntityManager must never be used for requests.
    allowGlobalContext: false,
    pool: { min: 0, max: 10 },
    // graphile-worker migrates its own schema (jobs/worker.ts migrateJobs); ours never touch it.
    schemaGenerator: { ignoreSchema: ['graphile_worker'] },
    migrations: {
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
  });
}

/** Connects and applies the committed migrations (never schema auto-sync), then graphile-worker's. */
export async function openDatabase(clientUrl: string): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(clientUrl));
  await orm.getMigrator().up();
  await migrateJobs(clientUrl, { error: (d, m) => console.error(m, d), warn: (d, m) => console.warn(m, d), debug: () => {} });
  return orm;
}
