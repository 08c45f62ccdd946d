import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { userError, type UserError } from '../../common/errors/error-result.js';
import { violated } from '../../common/errors/unique-violation.js';
import { validateCreditCode } from '../../domain/credit-code.js';
import { Organization } from '../../org-scope/organization.entity.js';
import { childPath } from '../../org-scope/org-path.js';
import { ALLOWED_PARENT_TIERS, Tier } from '../../org-scope/tier.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import type { OrganizationService } from './organization.service.js';

export interface NewOrganization {
  parentId: number;
  name: string;
  tier: Tier;
  creditCode?: string | null;
}

/** Adding organizations below the caller's own (a district sets up its secondary and grassroots unions). */
export class OrganizationAdminService {
  constructor(
    private readonly clock: Clock,
    private readonly organizations: OrganizationService,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: AuthedContext, input: NewOrganization): Promise<Organization | UserError> {
    const parent = await this.organizations.get(ctx, input.parentId);
    const name = input.name.trim();
    if (name.length < 2 || name.length > 100) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('orgName'), 'name');
    if (!ALLOWED_PARENT_TIERS[input.tier].includes(parent.tier)) {
      return userError(ErrorCode.BAD_USER_INPUT, ctx.t('tierNotAllowed', { parent: parent.name }), 'tier');
    }
    let creditCode: string | null = null;
    if (input.creditCode?.trim()) {
      const checked = validateCreditCode(input.creditCode);
      if (!checked.ok) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('creditCode'), 'creditCode');
      creditCode = checked.value;
    } else if (input.tier === Tier.GRASSROOTS) {
      return userError(ErrorCode.BAD_USER_INPUT, ctx.t('creditCodeRequired'), 'creditCode');
    }
    try {
      return await ctx.em.transactional(async (tx) => {
        // Take the id first so the row is written with its final path (the flush guard checks it).
        const [{ id }] = await tx.execute<{ id: number }[]>(`select nextval('organization_id_seq')::int as id`);
        const org = tx.create(Organization, { id, name, tier: input.tier, parent, path: childPath(parent.path, id), creditCode, createdAt: this.clock.now() });
        this.audit.record(ctx, tx, {
          action: 'organization.created',
          organization: org,
          targetType: 'Organization',
          targetId: id,
          after: { name, tier: input.tier, creditCode },
        });
        return org;
      });
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) {
        return violated(e, 'organization_parent_name_unique')
          ? userError(ErrorCode.CONFLICT, ctx.t('orgNameTaken'), 'name')
          : userError(ErrorCode.CONFLICT, ctx.t('creditCodeTaken'), 'creditCode');
      }
      throw e;
    }
  }
}
