import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../request-context.js';
import { MAX_PAGE_DEPTH, mapPage, readPage, reverseOrder, sortOrder, SortDirection, type PageWindow } from './page.js';

const ctx = { t: (key: string) => key } as unknown as RequestContext;

/** A list of `size` rows (their positions), read like a database would, counting what each read skipped. */
function list(size: number) {
  const rows = Array.from({ length: size }, (_, i) => i);
  const reads: PageWindow[] = [];
  return {
    reads,
    source: {
      count: () => Promise.resolve(size),
      fetch: (w: PageWindow) => {
        reads.push(w);
        const ordered = w.reversed ? [...rows].reverse() : rows;
        return Promise.resolve(ordered.slice(w.offset, w.offset + w.limit));
      },
    },
  };
}

describe('readPage', () => {
  it('reads a shallow page in order, skipping the rows before it', async () => {
    const { source, reads } = list(95);
    const page = await readPage(ctx, { page: 3, pageSize: 20 }, source);
    expect(page.nodes).toEqual(Array.from({ length: 20 }, (_, i) => 40 + i));
    expect(page.pageInfo).toEqual({ page: 3, pageSize: 20, pageCount: 5, hasNextPage: true, hasPreviousPage: true });
    expect(reads).toEqual([{ offset: 40, limit: 20, reversed: false }]);
  });

  it('reads a deep page from the nearer end, in the list order, never skipping more than MAX_PAGE_DEPTH rows', async () => {
    const size = 3 * MAX_PAGE_DEPTH + 7;
    const { source, reads } = list(size);
    const lastPage = Math.ceil(size / 20);
    const last = await readPage(ctx, { page: lastPage, pageSize: 20 }, source);
    expect(last.nodes).toEqual([size - 7, size - 6, size - 5, size - 4, size - 3, size - 2, size - 1]);
    expect(last.pageInfo).toMatchObject({ page: lastPage, hasNextPage: false });
    const beforeLast = await readPage(ctx, { page: lastPage - 1, pageSize: 20 }, source);
    expect(beforeLast.nodes).toEqual(Array.from({ length: 20 }, (_, i) => size - 27 + i));
    expect(reads.every((w) => w.offset < MAX_PAGE_DEPTH)).toBe(true);
    expect(reads.map((w) => w.reversed)).toEqual([true, true]);
  });

  it('refuses a page in the middle of a very long list, naming the page argument', async () => {
    const { source } = list(3 * MAX_PAGE_DEPTH);
    await expect(readPage(ctx, { page: (1.5 * MAX_PAGE_DEPTH) / 20, pageSize: 20 }, source)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'pageTooDeep',
    });
  });

  it('answers the last page for a page past the end, also a deep one', async () => {
    const short = await readPage(ctx, { page: 9, pageSize: 10 }, list(25).source);
    expect(short.pageInfo.page).toBe(3);
    expect(short.nodes).toEqual([20, 21, 22, 23, 24]);
    const deep = await readPage(ctx, { page: 10 * MAX_PAGE_DEPTH, pageSize: 10 }, list(25).source);
    expect(deep.pageInfo.page).toBe(3);
    expect(deep.nodes).toEqual([20, 21, 22, 23, 24]);
  });

  it('refuses page sizes outside 1..100 and pages under 1', async () => {
    for (const args of [
      { page: 1, pageSize: 0 },
      { page: 1, pageSize: 101 },
      { page: 0, pageSize: 20 },
      { page: 1.5, pageSize: 20 },
    ]) {
      await expect(readPage(ctx, args, list(5).source), JSON.stringify(args)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });
});

describe('mapPage', () => {
  it('maps the nodes and keeps the count and page info', async () => {
    const page = await readPage(ctx, { page: 2, pageSize: 2 }, list(5).source);
    expect(mapPage(page, (n) => `#${n}`)).toEqual({ ...page, nodes: ['#2', '#3'] });
  });
});

describe('sort orders', () => {
  it('end with the id and turn around as a whole', () => {
    expect(sortOrder({ name: 'asc' }, SortDirection.ASC)).toEqual({ name: 'asc', id: 'asc' });
    expect(sortOrder({ name: 'asc' }, SortDirection.DESC)).toEqual({ name: 'desc', id: 'desc' });
    expect(reverseOrder({ tier: 'asc', name: 'desc', id: 'asc' })).toEqual({ tier: 'desc', name: 'asc', id: 'desc' });
  });
});
