import { UniqueConstraintViolationException } from '@mikro-orm/core';

/**
 * Whether `e` is the violation of the named unique constraint. MikroORM's message also holds the
 * SQL, which names every column, so match the quoted constraint name PostgreSQL reports.
 */
export function violated(e: unknown, constraint: string): boolean {
  return e instanceof UniqueConstraintViolationException && String(e.message).includes(`"${constraint}"`);
}
