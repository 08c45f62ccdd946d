import type { ReadDb } from '../../src/org-scope/read-db.js';

export interface ReadStatement {
  text: string;
  values: unknown[];
}

/**
 * Records every statement the read path runs while `work` runs (the read path has its own pool, so
 * the ORM's knex `query` events do not see it).
 */
export async function recordReads<T>(readDb: ReadDb, work: () => Promise<T>): Promise<{ result: T; statements: ReadStatement[] }> {
  const statements: ReadStatement[] = [];
  const pool = readDb.pool;
  const query = pool.query.bind(pool);
  pool.query = ((config: { text: string; values?: unknown[] }, ...rest: unknown[]) => {
    if (typeof config === 'object' && config?.text) statements.push({ text: config.text, values: [...(config.values ?? [])] });
    return (query as (...args: unknown[]) => unknown)(config, ...rest);
  }) as typeof pool.query;
  try {
    return { result: await work(), statements };
  } finally {
    pool.query = query;
  }
}

/** The plan PostgreSQL makes for a read-path statement with these values (EXPLAIN of the prepared statement). */
export async function planOf(readDb: ReadDb, statement: ReadStatement, settings: string[] = []): Promise<string> {
  const client = await readDb.pool.connect();
  try {
    await client.query('begin');
    for (const s of settings) await client.query(s);
    await client.query({ text: `prepare plan_probe as ${statement.text}` });
    const literals = statement.values.map((v) => client.escapeLiteral(Array.isArray(v) ? `{${v.join(',')}}` : String(v)));
    const rows = (await client.query<{ 'QUERY PLAN': string }>(`explain execute plan_probe(${literals.join(', ')})`)).rows;
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('rollback');
    await client.query('deallocate all');
    client.release();
  }
}
