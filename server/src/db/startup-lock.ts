import pg from 'pg';

/** Any fixed number: the advisory lock every starting process takes around migrating and seeding. */
const STARTUP_LOCK = 7_460_301;

/**
 * Runs `work` (migrations, the demo seed) while holding a PostgreSQL advisory lock, so API replicas
 * and workers started together migrate and seed one after another, never at once.
 */
export async function underStartupLock<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
    return await work();
  } finally {
    await client.end(); // ends the session, and with it the lock
  }
}
