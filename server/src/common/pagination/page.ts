import { ArgsType, Field, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { AppError } from '../errors/app-error.js';
import type { RequestContext } from '../request-context.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * How far a page may lie from the nearer end of its list, in rows. OFFSET reads every row it skips,
 * so a page in the middle of a million members would cost seconds; pages are read from whichever end
 * is nearer (the last page is as cheap as the first), and beyond this depth from both ends the clerk
 * is asked to narrow the list with a search or a filter instead.
 */
export const MAX_PAGE_DEPTH = 10_000;

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

// Nullable with defaults (null means the default): a null for a non-null argument would fail in graphql-js's execution, masked as an internal error.
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 1, description: 'Page number from 1; past the last page the last page is answered (see pageInfo.page)' })
  page?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Rows per page, 1..${MAX_PAGE_SIZE}` })
  pageSize?: number | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => Int, { description: 'The page answered: the one asked for, or the last one when asked past it' })
  page!: number;

  @Field(() => Int)
  pageSize!: number;

  @Field(() => Int, { description: 'At least 1, also for an empty list' })
  pageCount!: number;

  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;
}

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

export function Connection<T extends object>(itemType: ClassType<T>) {
  // Only the concrete `XConnection extends Connection(X)` classes are reachable, so only they are in the schema.
  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [itemType])
    nodes!: T[];

    @Field(() => Int)
    totalCount!: number;

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionClass;
}

/** An ORM order (`{ name: 'asc', id: 'asc' }`); it must end in a unique column so that reversing it is exact. */
export type Order = Record<string, 'asc' | 'desc'>;

/** The order turned around, for reading a page from the end of the list. */
export function reverseOrder(order: Order): Order {
  return Object.fromEntries(Object.entries(order).map(([column, direction]) => [column, direction === 'asc' ? 'desc' : 'asc']));
}

/**
 * The order of a list sorted by `columns` (each `asc` in its natural direction) then the id (`idColumn`:
 * `m.id` in SQL), turned around as a whole when the client asks for DESC.
 */
export function sortOrder(columns: Order, direction: SortDirection | null | undefined, idColumn = 'id'): Order {
  const order: Order = { ...columns, [idColumn]: columns[idColumn] ?? 'asc' };
  return direction === SortDirection.DESC ? reverseOrder(order) : order;
}

/** What one page reads: `limit` rows after skipping `offset`, in the list's order or (`reversed`) in the opposite one. */
export interface PageWindow {
  offset: number;
  limit: number;
  reversed: boolean;
}

export interface PageSource<T> {
  /** The number of rows of the whole list. */
  count(): Promise<number>;
  /** The rows of a window, in the order the window asks for. */
  fetch(window: PageWindow): Promise<T[]>;
}

/** Checks the page arguments: a clear BAD_USER_INPUT naming the argument. */
export function checkPageArgs(ctx: RequestContext, args: PageArgs): { page: number; pageSize: number } {
  const page = args.page ?? 1;
  const pageSize = args.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new AppError('BAD_USER_INPUT', ctx.t('pageSizeRange', { max: MAX_PAGE_SIZE }), { field: 'pageSize' });
  }
  if (!Number.isSafeInteger(page) || page < 1) {
    throw new AppError('BAD_USER_INPUT', ctx.t('pageNumber'), { field: 'page' });
  }
  return { page, pageSize };
}

/**
 * One numbered page of a list. A shallow page is read in the list's order while the count runs beside
 * it; a deeper one waits for the count and is read from the nearer end. A page past the end answers
 * the last page (a list that shrank since the link was made still shows something).
 */
export async function readPage<T>(ctx: RequestContext, args: PageArgs, source: PageSource<T>): Promise<Page<T>> {
  const { page: asked, pageSize } = checkPageArgs(ctx, args);
  let page = asked;
  let totalCount: number;
  let rows: T[];
  if ((page - 1) * pageSize < MAX_PAGE_DEPTH) {
    [rows, totalCount] = await Promise.all([source.fetch({ offset: (page - 1) * pageSize, limit: pageSize, reversed: false }), source.count()]);
    if (rows.length === 0 && page > 1) {
      page = lastPage(totalCount, pageSize);
      if (totalCount > 0) rows = await fetchWindow(ctx, source, page, pageSize, totalCount);
    }
  } else {
    totalCount = await source.count();
    page = Math.min(page, lastPage(totalCount, pageSize));
    rows = await fetchWindow(ctx, source, page, pageSize, totalCount);
  }
  const pageCount = lastPage(totalCount, pageSize);
  return {
    nodes: rows,
    totalCount,
    pageInfo: { page, pageSize, pageCount, hasNextPage: page < pageCount, hasPreviousPage: page > 1 },
  };
}

/** The page with each node mapped: services page entities, resolvers map them to their GraphQL types. */
export function mapPage<T, N>(page: Page<T>, map: (node: T) => N): Page<N> {
  return { ...page, nodes: page.nodes.map(map) };
}

function lastPage(totalCount: number, pageSize: number): number {
  return Math.max(1, Math.ceil(totalCount / pageSize));
}

/** The rows of a page of a list of known length, read from the nearer end. */
async function fetchWindow<T>(ctx: RequestContext, source: PageSource<T>, page: number, pageSize: number, totalCount: number): Promise<T[]> {
  const offset = (page - 1) * pageSize;
  if (offset < MAX_PAGE_DEPTH) return source.fetch({ offset, limit: pageSize, reversed: false });
  const limit = Math.min(pageSize, totalCount - offset);
  const fromEnd = totalCount - offset - limit;
  if (fromEnd >= MAX_PAGE_DEPTH) throw new AppError('BAD_USER_INPUT', ctx.t('pageTooDeep', { rows: MAX_PAGE_DEPTH }), { field: 'page' });
  return (await source.fetch({ offset: fromEnd, limit, reversed: true })).reverse();
}
