import { describe, expect, it } from 'vitest';
import { filtersFromQuery, filtersToQuery, memberExportFilter, memberListVariables, NO_FILTERS, withOrganization, type MemberFilters } from '../member-list';

describe('member list filters as query variables', () => {
  it('sends no filter at all for the plain list', () => {
    expect(memberListVariables(NO_FILTERS)).toEqual({
      organizationId: null,
      enterpriseId: null,
      category: null,
      lifeStatus: null,
      needsConfirmation: null,
      hasCard: null,
      search: null,
    });
  });

  it('passes every chosen filter through, the search trimmed', () => {
    const filters: MemberFilters = {
      organizationId: '9',
      enterpriseId: '3',
      category: 'FLEXIBLE',
      lifeStatus: 'RETIRED',
      needsConfirmation: true,
      hasCard: false,
      search: '  310115198503151234 ',
    };
    expect(memberListVariables(filters)).toEqual({
      organizationId: '9',
      enterpriseId: '3',
      category: 'FLEXIBLE',
      lifeStatus: 'RETIRED',
      needsConfirmation: true,
      hasCard: false,
      search: '310115198503151234',
    });
  });

  it('sends a blank search as none, and an unticked 待确认 box as "everyone", never as false', () => {
    const variables = memberListVariables({ ...NO_FILTERS, search: ' \t ', needsConfirmation: false });
    expect(variables.search).toBeNull();
    expect(variables.needsConfirmation).toBeNull();
  });

  it('drops the enterprise filter when another union is chosen, and keeps the rest', () => {
    const filters: MemberFilters = { ...NO_FILTERS, organizationId: '9', enterpriseId: '3', category: 'FLEXIBLE', search: '张' };
    expect(withOrganization(filters, '10')).toEqual({ ...filters, organizationId: '10', enterpriseId: null });
    expect(withOrganization(filters, null)).toEqual({ ...filters, organizationId: null, enterpriseId: null });
    expect(withOrganization(filters, '9')).toBe(filters);
  });
});

describe('member list filters in the page address', () => {
  it('keeps a plain list at a plain address: every filter key cleared', () => {
    expect(filtersToQuery(NO_FILTERS)).toEqual({ org: null, enterprise: null, category: null, status: null, pending: null, card: null, q: null });
    expect(filtersFromQuery({})).toEqual(NO_FILTERS);
  });

  it('round-trips every filter', () => {
    const filters: MemberFilters = {
      organizationId: '9',
      enterpriseId: '3',
      category: 'OUTSIDE_ENTERPRISE',
      lifeStatus: 'DECEASED',
      needsConfirmation: true,
      hasCard: true,
      search: '王',
    };
    const query = filtersToQuery(filters);
    expect(query).toEqual({ org: '9', enterprise: '3', category: 'OUTSIDE_ENTERPRISE', status: 'DECEASED', pending: '1', card: '1', q: '王' });
    expect(filtersFromQuery(query as Record<string, string>)).toEqual(filters);
    expect(filtersFromQuery(filtersToQuery({ ...filters, hasCard: false }) as Record<string, string>).hasCard).toBe(false);
  });

  it('ignores unknown or malformed values from a hand-edited address', () => {
    expect(filtersFromQuery({ category: 'VIP', status: 'active', pending: 'yes', card: 'true', org: '', q: ['李', '王'] })).toEqual({
      ...NO_FILTERS,
      search: '李',
    });
  });
});

describe('member export filter', () => {
  it('exports the whole list when nothing is filtered', () => {
    expect(memberExportFilter(NO_FILTERS)).toEqual({});
    expect(memberExportFilter({ ...NO_FILTERS, search: '  ' })).toEqual({});
  });

  it('sends every filter in use under the names the server reads, the search trimmed', () => {
    expect(
      memberExportFilter({
        organizationId: '9',
        enterpriseId: '3',
        category: 'FLEXIBLE',
        lifeStatus: 'RETIRED',
        needsConfirmation: true,
        hasCard: false,
        search: ' 王&小红 ',
      }),
    ).toEqual({
      organizationId: '9',
      enterpriseId: '3',
      category: 'FLEXIBLE',
      lifeStatus: 'RETIRED',
      needsConfirmation: true,
      hasCard: false,
      search: '王&小红',
    });
  });

  it('leaves an unticked 待确认 box out rather than asking for the confirmed ones only', () => {
    expect(memberExportFilter({ ...NO_FILTERS, needsConfirmation: false, category: 'IN_ENTERPRISE' })).toEqual({ category: 'IN_ENTERPRISE' });
  });
});
