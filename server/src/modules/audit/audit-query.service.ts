import type { AuthedContext } from '../../common/request-context.js';
import { readPage, type PageArgs, type PageWindow } from '../../common/pagination/page.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { AuditEntry } from '../../audit-trail/audit-entry.entity.js';

/** Reading the audit trail of one organization in the caller's subtree. */
export class AuditQueryService {
  constructor(private readonly organizations: OrganizationService) {}

  async list(ctx: AuthedContext, organizationId: number, pageArgs: PageArgs) {
    const org = await this.organizations.get(ctx, organizationId);
    const where = { organizationId: org.id };
    const source = {
      count: () => ctx.em.count(AuditEntry, where),
      fetch: (w: PageWindow) => ctx.em.find(AuditEntry, where, { orderBy: { id: w.reversed ? 'asc' : 'desc' }, offset: w.offset, limit: w.limit }),
    };
    return readPage(ctx, pageArgs, source, (e) => ({
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
