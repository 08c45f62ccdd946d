import { describe, expect, it } from 'vitest';
import { pageOfRows } from '../use-paged-list';

const rows = Array.from({ length: 25 }, (_, i) => ({ id: i + 1 }));

describe('a short list paged in the browser', () => {
  it('answers one page shaped as the server would', () => {
    const second = pageOfRows(rows, 2, 10);
    expect(second.nodes.map((r) => r.id)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(second.totalCount).toBe(25);
    expect(second.pageInfo).toEqual({ page: 2, pageSize: 10, pageCount: 3 });
  });

  it('answers the last page for a page past the end, and one empty page for no rows', () => {
    expect(pageOfRows(rows, 9, 10).pageInfo.page).toBe(3);
    expect(pageOfRows(rows, 9, 10).nodes.map((r) => r.id)).toEqual([21, 22, 23, 24, 25]);
    expect(pageOfRows([], 1, 20)).toEqual({ nodes: [], totalCount: 0, pageInfo: { page: 1, pageSize: 20, pageCount: 1 } });
  });
});
