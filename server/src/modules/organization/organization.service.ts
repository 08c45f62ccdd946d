import { escapeLike } from '../../org-scope/like-pattern.js';
import { AppError } from '../../common/errors/app-error.js';
import { readPage, reverseOrder, sortOrder, type Order, type PageArgs, type SortDirection } from '../../common/pagination/page.js';
import { Organization } from '../../org-scope/organization.entity.js';
import { subtreePattern } from '../../org-scope/org-path.js';
import type { AuthedContext } from '../../common/request-context.js';
import { OrganizationSort } from './organization-sort.js';

const SORT_COLUMNS: Record<OrganizationSort, Order> = {
  [OrganizationSort.NAME]: { name: 'asc' },
  // Higher tiers first: CENTER, DISTRICT, SECONDARY, GRASSROOTS is the enum's order in PostgreSQL.
  [OrganizationSort.TIER]: { tier: 'asc', name: 'asc' },
};

export interface OrganizationListFilter {
  parentId?: number | null;
  subtree?: boolean | null;
  search?: string | null;
  sort?: OrganizationSort | null;
  direction?: SortDirection | null;
}

/** Reading the organization tree. Every read goes through the scoped EntityManager. */
export class OrganizationService {
  /** NOT_FOUND both when missing and when outside the caller's subtree. */
  async get(ctx: AuthedContext, id: number): Promise<Organization> {
    const org = await ctx.loaders.organization.byId.load(id);
    if (!org) throw new AppError('NOT_FOUND', ctx.t('notFound'));
    return org;
  }

  /** Children of `parentId` (default: the caller's organization), or its whole subtree below it. */
  async list(ctx: AuthedContext, filter: OrganizationListFilter, pageArgs: PageArgs) {
    const parent = await this.get(ctx, filter.parentId ?? ctx.viewer.organizationId);
    const where = {
      ...(filter.subtree ? { path: { $like: subtreePattern(parent.path) }, id: { $ne: parent.id } } : { parent: parent.id }),
      ...(filter.search ? { name: { $ilike: `%${escapeLike(filter.search)}%` } } : {}),
    };
    const order = sortOrder(SORT_COLUMNS[filter.sort ?? OrganizationSort.NAME], filter.direction);
    return readPage(ctx, pageArgs, {
      count: () => ctx.em.count(Organization, where),
      fetch: (w) => ctx.em.find(Organization, where, { orderBy: w.reversed ? reverseOrder(order) : order, offset: w.offset, limit: w.limit }),
    });
  }
}
