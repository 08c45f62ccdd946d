import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { AppError } from '../errors/app-error.js';
import type { RequestContext } from '../request-context.js';
import { PlainText } from '../../common/text/input-text.js';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, 1..${MAX_PAGE_SIZE}` })
  first!: number;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page' })
  @PlainText('paging cursor: decoded and checked')
  after?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
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

/** Keyset paging on the integer primary key: the cursor is the last id seen, opaque to clients. */
export interface KeysetPage {
  limit: number;
  afterId: number | undefined;
}

export function keysetPage(ctx: RequestContext, args: PageArgs): KeysetPage {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
    throw new AppError('BAD_USER_INPUT', ctx.t('pageTooLarge', { max: MAX_PAGE_SIZE }), { field: 'first' });
  }
  if (args.after == null) return { limit: args.first, afterId: undefined };
  const decoded = Buffer.from(args.after, 'base64url').toString('utf8');
  const afterId = Number(decoded);
  if (!/^\d{1,15}$/.test(decoded) || !Number.isSafeInteger(afterId)) {
    throw new AppError('BAD_USER_INPUT', ctx.t('badCursor'), { field: 'after' });
  }
  return { limit: args.first, afterId };
}

/** Builds a page from `limit + 1` rows fetched in id order. */
export function toPage<T extends { id: number }, N>(rows: T[], limit: number, totalCount: number, map: (row: T) => N): Page<N> {
  const hasNextPage = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    nodes: pageRows.map(map),
    totalCount,
    pageInfo: { hasNextPage, endCursor: last ? Buffer.from(String(last.id)).toString('base64url') : null },
  };
}

/** Cursors for keyset paging on a sort key plus the id: an opaque base64url JSON tuple. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(ctx: RequestContext, cursor: string, shape: ('string' | 'number')[]): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === shape.length && values.every((v, i) => typeof v === shape[i])) return values as (string | number)[];
  } catch {
    // fall through: a cursor we did not make
  }
  throw new AppError('BAD_USER_INPUT', ctx.t('badCursor'), { field: 'after' });
}

/** Validates the page size alone (for lists with their own cursors). */
export function pageSize(ctx: RequestContext, first: number): number {
  return keysetPage(ctx, { first, after: null }).limit;
}
