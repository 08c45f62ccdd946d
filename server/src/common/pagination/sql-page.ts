import { scopedSql, type ScopedStatement, type SqlParams, type StatementOptions } from '../../org-scope/read-db.js';
import type { AuthedContext } from '../request-context.js';
import { readPage, reverseOrder, type Order, type Page, type PageArgs } from './page.js';

/** A list on the read path: one select over `from`, limited by `where` (the first condition the scope's). */
export interface SqlList {
  /** The select list, e.g. MEMBER_SELECT. */
  select: string;
  /** Tables and joins, e.g. `member m`. */
  from: string;
  /** Conditions, and-ed; at least the scope predicate (`m.org_path like $1`). */
  where: string[];
  /** The values of the conditions' `$2`, `$3`, … */
  params: SqlParams;
  /** Keys are SQL expressions (`m.name`), ending in a unique column so that reversing is exact (see sortOrder). */
  order: Order;
  /** How to count the whole list when a real count(*) is not needed (trigger-kept counters). */
  count?: () => Promise<number>;
  /** How its statements are prepared (see StatementOptions). */
  statements?: StatementOptions;
}

/**
 * The statements of a list: its count, and a page in either direction (parameters: the conditions'
 * values, then limit and offset). Exported for bench/reads.js, whose bare server runs the same ones.
 */
export function sqlListStatements(list: Omit<SqlList, 'count'>): { count: ScopedStatement; page: (reversed: boolean) => ScopedStatement } {
  const base = `from ${list.from} where ${list.where.join(' and ')}`;
  const n = list.params.values.length;
  return {
    count: scopedSql(`select count(*)::int as n ${base}`, list.statements),
    page: (reversed) =>
      scopedSql(
        `select ${list.select} ${base} order by ${orderBy(reversed ? reverseOrder(list.order) : list.order)} limit $${n + 2} offset $${n + 3}`,
        list.statements,
      ),
  };
}

/** One numbered page of a list on the read path: plain rows, counted beside the page (see readPage). */
export function readSqlPage<T>(ctx: AuthedContext, pageArgs: PageArgs, list: SqlList): Promise<Page<T>> {
  const statements = sqlListStatements(list);
  const values = list.params.values;
  return readPage<T>(ctx, pageArgs, {
    count: list.count ?? (async () => (await ctx.reads.one<{ n: number }>(statements.count, values))?.n ?? 0),
    fetch: (w) => ctx.reads.rows<T>(statements.page(w.reversed), [...values, w.limit, w.offset]),
  });
}

function orderBy(order: Order): string {
  return Object.entries(order)
    .map(([column, direction]) => `${column} ${direction}`)
    .join(', ');
}
