import { describe, expect, it } from 'vitest';
import { useCursorPaging } from '../use-cursor-paging';

describe('cursor paging', () => {
  it('starts without a cursor and follows each end cursor forward', () => {
    const paging = useCursorPaging();
    expect(paging.after.value).toBeNull();
    paging.next('c20');
    paging.next('c40');
    expect(paging.pageIndex.value).toBe(2);
    expect(paging.after.value).toBe('c40');
  });

  it('goes back to the cursor that opened the previous page', () => {
    const paging = useCursorPaging();
    paging.next('c20');
    paging.next('c40');
    paging.previous();
    expect(paging.after.value).toBe('c20');
    paging.previous();
    paging.previous();
    expect(paging.after.value).toBeNull();
    expect(paging.pageIndex.value).toBe(0);
  });

  it('ignores a missing end cursor and restarts on reset', () => {
    const paging = useCursorPaging();
    paging.next(null);
    expect(paging.pageIndex.value).toBe(0);
    paging.next('c20');
    paging.reset();
    expect(paging.after.value).toBeNull();
  });
});
