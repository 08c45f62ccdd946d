import { escapeLike } from '../../org-scope/like-pattern.js';
import { AppError } from '../../common/errors/app-error.js';
import { sortOrder, type Order, type Page, type PageArgs, type SortDirection } from '../../common/pagination/page.js';
import { readSqlPage } from '../../common/pagination/sql-page.js';
import { SqlParams } from '../../org-scope/read-db.js';
import { subtreePattern } from '../../org-scope/org-path.js';
import type { AuthedContext } from '../../common/request-context.js';
import { OrganizationSort } from './organization-sort.js';
import { ORGANIZATION_SELECT, type OrganizationRow } from './organization.reads.js';

const SORT_COLUMNS: Record<OrganizationSort, Order> = {
  [OrganizationSort.NAME]: { 'o.name': 'asc' },
  // Higher tiers first: CENTER, DISTRICT, SECONDARY, GRASSROOTS is the enum's order in PostgreSQL.
  [OrganizationSort.TIER]: { 'o.tier': 'asc', 'o.name': 'asc' },
};

export interface OrganizationListFilter {
  parentId?: number | null;
  subtree?: boolean | null;
  search?: string | null;
  sort?: OrganizationSort | null;
  direction?: SortDirection | null;
}

/** Reading the organization tree, on the read path (org-scope/read-db.ts). */
export class OrganizationService {
  /** NOT_FOUND both when missing and when outside the caller's subtree. */
  async get(ctx: AuthedContext, id: number): Promise<OrganizationRow> {
    const org = await ctx.loaders.organization.byId.load(id);
    if (!org) throw new AppError('NOT_FOUND', ctx.t('notFound'));
    return org;
  }

  /** Children of `parentId` (default: the caller's organization), or its whole subtree below it. */
  async list(ctx: AuthedContext, filter: OrganizationListFilter, pageArgs: PageArgs): Promise<Page<OrganizationRow>> {
    const parent = await this.get(ctx, filter.parentId ?? ctx.viewer.organizationId);
    const params = new SqlParams();
    const where = ['o.path like $1'];
    if (filter.subtree) where.push(`o.path like ${params.add(subtreePattern(parent.path))}`, `o.id <> ${params.add(parent.id)}`);
    else where.push(`o.parent_id = ${params.add(parent.id)}`);
    if (filter.search) where.push(`o.name ilike ${params.add(`%${escapeLike(filter.search)}%`)}`);
    const order = sortOrder(SORT_COLUMNS[filter.sort ?? OrganizationSort.NAME], filter.direction, 'o.id');
    return readSqlPage(ctx, pageArgs, { select: ORGANIZATION_SELECT, from: 'organization o', where, params, order });
  }
}
