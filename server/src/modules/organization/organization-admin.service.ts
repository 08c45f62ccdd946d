import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { fieldErrors, userError, type FieldError, type UserError } from '../../common/errors/error-result.js';
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
    // Every problem at once, so the form marks all of them together.
    const problems: FieldError[] = [];
    const name = input.name.trim();
    if (name.length < 2 || name.length > 100) problems.push({ field: 'name', message: ctx.t('orgName') });
    if (!ALLOWED_PARENT_TIERS[input.tier].includes(parent.tier)) problems.push({ field: 'tier', message: ctx.t('tierNotAllowed', { parent: parent.name }) });
    let creditCode: string | null = null;
    if (input.creditCode?.trim()) {
      const checked = validateCreditCode(input.creditCode);
      if (checked.ok) creditCode = checked.value;
      else problems.push({ field: 'creditCode', message: ctx.t('creditCode') });
    } else if (input.tier === Tier.GRASSROOTS) {
      problems.push({ field: 'creditCode', message: ctx.t('creditCodeRequired') });
    }
    if (problems.length) return fieldErrors(ctx, ErrorCode.BAD_USER_INPUT, problems);
    try {
      return await ctx.em.transactional(async (tx) => {
        // Take the id first so the row is written with its final path (the flush guard checks it).
        const [{ id }] = await tx.execute<{ id: number }[]>(`select nextval('organization_id_seq')::int as id`);
        const org = tx.create(Organization, {
          id,
          name,
          tier: input.tier,
          parent: parent.id,
          path: childPath(parent.path, id),
          creditCode,
          createdAt: this.clock.now(),
        });
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
