import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs SQL with real bind parameters (`?`) inside the EntityManager's transaction, if any, and returns
 * the rows. For set-based statements the ORM cannot express; `em.execute` would instead inline the
 * parameters into the SQL text, which is slow for large values. Scope is the caller's to state in the SQL.
 */
export async function sqlRows<T>(em: EntityManager, sql: string, bindings: unknown[]): Promise<T[]> {
  const query = em.getKnex().raw(sql, bindings as never[]);
  const trx = em.getTransactionContext();
  const result = (await (trx ? query.transacting(trx as never) : query)) as { rows: T[] };
  return result.rows;
}

/** A unique_violation from PostgreSQL, as `sqlRows` (or the ORM) reports it. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}
