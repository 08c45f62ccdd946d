import type { LocationQuery } from 'vue-router';
import type { LifeStatus, MemberCategory, MemberSort, MembersQueryVariables } from '../../gql/graphql';

export const MEMBER_CATEGORIES: readonly MemberCategory[] = ['IN_ENTERPRISE', 'FLEXIBLE', 'OUTSIDE_ENTERPRISE'];
export const LIFE_STATUSES: readonly LifeStatus[] = ['ACTIVE', 'RETIRED', 'DECEASED'];
/** The member table's sortable columns and the server's sort for each; unsorted, the newest members come first. */
export const MEMBER_SORT_COLUMNS: Readonly<Record<string, MemberSort>> = { memberNo: 'MEMBER_NO', name: 'NAME', joinedAt: 'JOINED_AT' };

/** What the clerk chose above the member list. `null` means "all". */
export interface MemberFilters {
  /** A union below a superior (its subtree is listed); always null for a grassroots clerk (the server scopes to their own). */
  organizationId: string | null;
  enterpriseId: string | null;
  category: MemberCategory | null;
  lifeStatus: LifeStatus | null;
  /** Only members whose social-insurance status waits for a manual confirmation (人保状态 待确认). */
  needsConfirmation: boolean;
  /** With (true) or without (false) an active member service card; null: either. */
  hasCard: boolean | null;
  search: string;
}

export const NO_FILTERS: Readonly<MemberFilters> = {
  organizationId: null,
  enterpriseId: null,
  category: null,
  lifeStatus: null,
  needsConfirmation: false,
  hasCard: null,
  search: '',
};

/**
 * The `members` query arguments for the chosen filters (paging aside). Unset
 * filters are sent as null so the server applies none; the search is trimmed.
 * The checkbox sends `true` or nothing: unticked means "everyone", not "only
 * the confirmed ones".
 */
export function memberListVariables(filters: MemberFilters): Omit<MembersQueryVariables, 'page' | 'pageSize' | 'sort' | 'direction'> {
  return {
    organizationId: filters.organizationId,
    enterpriseId: filters.enterpriseId,
    category: filters.category,
    lifeStatus: filters.lifeStatus,
    needsConfirmation: filters.needsConfirmation ? true : null,
    hasCard: filters.hasCard,
    search: filters.search.trim() || null,
  };
}

/** An enterprise belongs to one union: choosing another union drops the enterprise filter. */
export function withOrganization(filters: MemberFilters, organizationId: string | null): MemberFilters {
  if (organizationId === filters.organizationId) return filters;
  return { ...filters, organizationId, enterpriseId: null };
}

function one(value: LocationQuery[string] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : null;
}

function oneOf<T extends string>(value: LocationQuery[string] | undefined, allowed: readonly T[]): T | null {
  const text = one(value);
  return allowed.includes(text as T) ? (text as T) : null;
}

/** The filters kept in the page address; anything unknown or malformed is ignored. */
export function filtersFromQuery(query: LocationQuery): MemberFilters {
  return {
    organizationId: one(query.org),
    enterpriseId: one(query.enterprise),
    category: oneOf(query.category, MEMBER_CATEGORIES),
    lifeStatus: oneOf(query.status, LIFE_STATUSES),
    needsConfirmation: one(query.pending) === '1',
    hasCard: { '1': true, '0': false }[one(query.card) ?? ''] ?? null,
    search: one(query.q) ?? '',
  };
}

/**
 * The address form of the filters, every key of them: null where nothing is chosen (the key is left
 * out of the address, so a plain list has a plain address). Paging and sorting keys are the paged list's.
 */
export function filtersToQuery(filters: MemberFilters): Record<string, string | null> {
  return {
    org: filters.organizationId,
    enterprise: filters.enterpriseId,
    category: filters.category,
    status: filters.lifeStatus,
    pending: filters.needsConfirmation ? '1' : null,
    card: filters.hasCard === null ? null : filters.hasCard ? '1' : '0',
    q: filters.search.trim() || null,
  };
}

export const MEMBER_EXPORT_URL = '/api/members/export.xlsx';

/**
 * 导出: the filters of the xlsx of the list as filtered (sorting aside: the file is for reading in
 * Excel), as the JSON body of POST /api/members/export.xlsx. Only the filters in use are sent; a body,
 * not a query string, because a search may be an ID number or a phone.
 */
export function memberExportFilter(filters: MemberFilters): Record<string, unknown> {
  const variables = memberListVariables(filters);
  const body: Record<string, unknown> = {};
  for (const name of ['organizationId', 'enterpriseId', 'category', 'lifeStatus', 'needsConfirmation', 'hasCard', 'search'] as const) {
    const value = variables[name];
    if (value !== null && value !== undefined) body[name] = value;
  }
  return body;
}
