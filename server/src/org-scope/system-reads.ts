import type pg from 'pg';
import type { ReadDb, Statement } from './read-db.js';

/**
 * THE unscoped read path, for what has no caller scope by nature (a request's session, before anyone
 * is known). Every use is a reviewed exception, like systemEm: grep `systemReads(`.
 */
export function systemReads(db: ReadDb) {
  return {
    async rows<T>(stmt: Statement, params: readonly unknown[] = []): Promise<T[]> {
      return (await db.pool.query<T & pg.QueryResultRow>({ name: stmt.name, text: stmt.text, values: [...params] })).rows;
    },
  };
}
