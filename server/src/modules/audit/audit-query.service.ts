import type { AuthedContext } from '../../common/request-context.js';
import { keysetPage, toPage, type PageArgs } from '../../common/pagination/page.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { AuditEntry } from '../../audit-trail/audit-entry.entity.js';

/** Reading the audit trail of one organization in the caller's subtree. */
export class AuditQueryService {
  constructor(private readonly organizations: OrganizationService) {}

  async list(ctx: AuthedContext, organizationId: number, pageArgs: PageArgs) {
    const page = keysetPage(ctx, pageArgs);
    const org = await this.organizations.get(ctx, organizationId);
    const where = { organizationId: org.id };
    const [rows, totalCount] = await Promise.all([
      ctx.em.find(AuditEntry, { ...where, ...(page.afterId ? { id: { $lt: page.afterId } } : {}) }, { orderBy: { id: 'desc' }, limit: page.limit + 1 }),
      ctx.em.count(AuditEntry, where),
    ]);
    return toPage(rows, page.limit, totalCount, (e) => ({
      id: e.id,
      at: e.at,
      actorUsername: e.actorUsername ?? null,
      action: e.action,
      targetType: e.targetType ?? null,
      targetId: e.targetId ?? null,
      before: e.before ? JSON.stringify(e.before) : null,
      after: e.after ? JSON.stringify(e.after) : null,
      ip: e.ip ?? null,
    }));
  }
}
