import { computed, ref } from 'vue';

const PAGE_SIZE = 20;

/**
 * Forward-only cursor paging (`first`/`after`) shown as numbered pages: the
 * cursor that opened each visited page is kept so "previous" needs no `before`.
 */
export function useCursorPaging() {
  const cursors = ref<(string | null)[]>([null]);
  const pageIndex = ref(0);

  const after = computed(() => cursors.value[pageIndex.value] ?? null);

  function next(endCursor: string | null | undefined): void {
    if (!endCursor) return;
    cursors.value = [...cursors.value.slice(0, pageIndex.value + 1), endCursor];
    pageIndex.value += 1;
  }

  function previous(): void {
    if (pageIndex.value > 0) pageIndex.value -= 1;
  }

  function reset(): void {
    cursors.value = [null];
    pageIndex.value = 0;
  }

  return { pageSize: PAGE_SIZE, pageIndex, after, next, previous, reset };
}

export type CursorPaging = ReturnType<typeof useCursorPaging>;
