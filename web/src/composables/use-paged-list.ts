import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router';

/** The page sizes a clerk may choose; the server caps a page at 100 rows. */
export const PAGE_SIZES: readonly number[] = [10, 20, 50, 100];
export const DEFAULT_PAGE_SIZE = 20;

export type SortDirection = 'ASC' | 'DESC';

/**
 * The address keys of a paged list: `page` (from 1), `size` (rows per page), `sort` (the server's sort
 * name) and `dir` (`desc`). Defaults are left out, so a plain list has a plain address.
 */
const PAGING_KEYS = ['page', 'size', 'sort', 'dir'] as const;

export interface PagedListOptions<S extends string> {
  /** The sortable columns: the table's column name -> the server's sort name (e.g. `memberNo: 'MEMBER_NO'`). */
  sorts?: Readonly<Record<string, S>>;
}

/**
 * What a list query gets: the page, its size and, when the clerk chose one, the sort. Without a sort
 * neither `sort` nor `direction` is sent, so the server's defaults apply (an explicit null would not
 * be allowed where the schema has a default).
 */
export interface PagingVariables<S extends string = string> {
  page: number;
  pageSize: number;
  sort?: S;
  direction?: SortDirection;
}

function one(value: LocationQuery[string] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : null;
}

function wholeNumber(value: LocationQuery[string] | undefined): number | null {
  const text = one(value);
  return text && /^\d{1,9}$/.test(text) ? Number(text) : null;
}

/**
 * A server-paged list whose page, page size and sort live in the address (route query), so Back, a
 * reload and a shared link show the same rows. Filters of the list live in the address too, beside
 * these keys: `setFilters` changes them and starts again at page 1. Page and sort changes are new
 * history entries (Back returns to the previous page); filter changes replace the entry.
 */
export function usePagedList<S extends string = never>(options: PagedListOptions<S> = {}) {
  const route = useRoute();
  const router = useRouter();
  const sorts: Readonly<Record<string, S>> = options.sorts ?? {};

  const page = computed(() => Math.max(1, wholeNumber(route.query.page) ?? 1));
  const pageSize = computed(() => {
    const size = wholeNumber(route.query.size);
    return size !== null && PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE;
  });
  /** The sorted column's name, or null for the list's own order. */
  const sortColumn = computed(() => {
    const sort = one(route.query.sort);
    return Object.keys(sorts).find((column) => sorts[column] === sort) ?? null;
  });
  const descending = computed(() => sortColumn.value !== null && one(route.query.dir) === 'desc');

  const variables = computed<PagingVariables<S>>(() => ({
    page: page.value,
    pageSize: pageSize.value,
    ...(sortColumn.value ? { sort: sorts[sortColumn.value], direction: descending.value ? 'DESC' : 'ASC' } : {}),
  }));

  function withChange(change: Record<string, string | null>): LocationQueryRaw {
    const query: LocationQueryRaw = { ...route.query };
    for (const [key, value] of Object.entries(change)) {
      if (value === null) delete query[key];
      else query[key] = value;
    }
    return query;
  }

  function goTo(change: Record<string, string | null>, replace = false): void {
    const location = { query: withChange(change), hash: route.hash };
    void (replace ? router.replace(location) : router.push(location));
  }

  function setPage(next: number, replace = false): void {
    if (next === page.value) return;
    goTo({ page: next > 1 ? String(next) : null }, replace);
  }

  function setPageSize(next: number): void {
    if (next === pageSize.value) return;
    goTo({ size: next === DEFAULT_PAGE_SIZE ? null : String(next), page: null });
  }

  /** Sorts by a column (null: the list's own order); back to page 1. */
  function setSort(column: string | null, desc = false): void {
    const sort = column ? (sorts[column] ?? null) : null;
    goTo({ sort, dir: sort && desc ? 'desc' : null, page: null });
  }

  /** Changes the list's filter keys in the address (null removes one) and starts again at page 1. */
  function setFilters(change: Record<string, string | null>): void {
    goTo({ ...change, page: null }, true);
  }

  /** The address query without this list's paging keys: the filters. */
  const filterQuery = computed<LocationQuery>(() => {
    const query: LocationQuery = { ...route.query };
    for (const key of PAGING_KEYS) delete query[key];
    return query;
  });

  return { sorts, page, pageSize, sortColumn, descending, variables, filterQuery, setPage, setPageSize, setSort, setFilters };
}

/** Any paged list, whatever its sorts (what PagedTable and useQueryText take). */
export type PagedList = ReturnType<typeof usePagedList<string>>;

/** A text filter of the list kept in the address under `key` (a search box): setting it starts again at page 1. */
export function useQueryText(list: PagedList, key: string) {
  return computed<string | null>({
    get: () => one(list.filterQuery.value[key]) ?? '',
    set: (value) => list.setFilters({ [key]: value?.trim() || null }),
  });
}

/**
 * A choice among `allowed` kept in the address under `key` (a state filter, e.g. `?status=FAILED`): anything
 * else there reads as `fallback`, which is left out of the address; choosing starts again at page 1. `allowed`
 * may change (e.g. the years a query answered).
 */
export function useQueryChoice<T extends string, F extends T | null = null>(
  list: PagedList,
  key: string,
  allowed: MaybeRefOrGetter<readonly T[]>,
  fallback: F = null as F,
) {
  return computed<T | F>({
    get: () => toValue(allowed).find((value) => value === one(list.filterQuery.value[key])) ?? fallback,
    set: (value) => list.setFilters({ [key]: value === fallback ? null : value }),
  });
}

/**
 * The page buttons to show: all of them up to seven pages; otherwise the first, the last, the current
 * one with its neighbours, and `null` for each gap ("…"), always seven slots so the bar does not jump.
 */
export function pageNumbers(page: number, pageCount: number): (number | null)[] {
  if (pageCount <= 7) return Array.from({ length: pageCount }, (_, i) => i + 1);
  if (page <= 4) return [1, 2, 3, 4, 5, null, pageCount];
  if (page >= pageCount - 3) return [1, null, pageCount - 4, pageCount - 3, pageCount - 2, pageCount - 1, pageCount];
  return [1, null, page - 1, page, page + 1, null, pageCount];
}

/**
 * One page of a short list the server answers whole (e.g. the protection plans and years), shaped like
 * a server page so it shows in PagedTable with the same pager. A page past the end answers the last
 * one, as the server does.
 */
export function pageOfRows<Row extends object>(rows: readonly Row[], page: number, pageSize: number) {
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const served = Math.min(Math.max(1, page), pageCount);
  return {
    nodes: rows.slice((served - 1) * pageSize, served * pageSize),
    totalCount: rows.length,
    pageInfo: { page: served, pageSize, pageCount },
  };
}
