import { escapeLike } from '../../org-scope/like-pattern.js';
import { AppError } from '../../common/errors/app-error.js';
import { keysetPage, toPage, type PageArgs } from '../../common/pagination/page.js';
import { Organization } from '../../org-scope/organization.entity.js';
import { subtreePattern } from '../../org-scope/org-path.js';
import type { AuthedContext } from '../../common/request-context.js';
import { toOrganizationType } from './organization.type.js';

export interface OrganizationListFilter {
  parentId?: number | null;
  subtree?: boolean | null;
  search?: string | null;
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
    const page = keysetPage(ctx, pageArgs);
    const parent = await this.get(ctx, filter.parentId ?? ctx.viewer.organizationId);
    const where = {
      ...(filter.subtree ? { path: { $like: subtreePattern(parent.path) }, id: { $ne: parent.id } } : { parent: parent.id }),
      ...(filter.search ? { name: { $ilike: `%${escapeLike(filter.search)}%` } } : {}),
    };
    const [rows, totalCount] = await Promise.all([
      ctx.em.find(Organization, { $and: [where, page.afterId ? { id: { $gt: page.afterId } } : {}] }, { orderBy: { id: 'asc' }, limit: page.limit + 1 }),
      ctx.em.count(Organization, where),
    ]);
    return toPage(rows, page.limit, totalCount, toOrganizationType);
  }
}
