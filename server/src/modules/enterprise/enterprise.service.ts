import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { fieldErrors, userError, type FieldError, type UserError } from '../../common/errors/error-result.js';
import { violated } from '../../common/errors/unique-violation.js';
import { sortOrder, type Order, type Page, type PageArgs, type SortDirection } from '../../common/pagination/page.js';
import { readSqlPage } from '../../common/pagination/sql-page.js';
import { SqlParams } from '../../org-scope/read-db.js';
import { ENTERPRISE_SELECT, type EnterpriseRow } from './enterprise.reads.js';
import { validateCreditCode } from '../../domain/credit-code.js';
import { subtreePattern } from '../../org-scope/org-path.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { changeVersioned } from '../../changes/versioned-change.js';
import { escapeLike } from '../../org-scope/like-pattern.js';
import { Enterprise } from './enterprise.entity.js';
import { EnterpriseSort } from './enterprise-sort.js';

const SORT_COLUMNS: Record<EnterpriseSort, Order> = {
  [EnterpriseSort.NAME]: { 'e.name': 'asc' },
  [EnterpriseSort.CREDIT_CODE]: { 'e.credit_code': 'asc' },
};

export interface EnterpriseFields {
  name: string;
  creditCode: string;
  address?: string | null;
}

/** 关联企业 of the caller's grassroots union: list, create, edit. */
export class EnterpriseService {
  constructor(
    private readonly clock: Clock,
    private readonly organizations: OrganizationService,
    private readonly audit: AuditService,
  ) {}

  async list(
    ctx: AuthedContext,
    filter: { organizationId?: number | null; search?: string | null; sort?: EnterpriseSort | null; direction?: SortDirection | null },
    pageArgs: PageArgs,
  ): Promise<Page<EnterpriseRow>> {
    const params = new SqlParams();
    const where = ['e.org_path like $1'];
    if (filter.organizationId != null) {
      where.push(`e.org_path like ${params.add(subtreePattern((await this.organizations.get(ctx, filter.organizationId)).path))}`);
    }
    if (filter.search) {
      where.push(`(e.name ilike ${params.add(`%${escapeLike(filter.search)}%`)} or e.credit_code = ${params.add(filter.search.trim().toUpperCase())})`);
    }
    const order = sortOrder(SORT_COLUMNS[filter.sort ?? EnterpriseSort.NAME], filter.direction, 'e.id');
    return readSqlPage(ctx, pageArgs, { select: ENTERPRISE_SELECT, from: 'enterprise e', where, params, order });
  }

  async get(ctx: AuthedContext, id: number): Promise<EnterpriseRow> {
    const e = await ctx.loaders.enterprise.load(id);
    if (!e) throw new AppError('NOT_FOUND', ctx.t('notFound'));
    return e;
  }

  /** Field rules shared by create and update, every problem at once. */
  private check(ctx: AuthedContext, fields: EnterpriseFields): { error: UserError } | { name: string; creditCode: string; address: string | null } {
    const problems: FieldError[] = [];
    const name = fields.name.trim();
    if (name.length < 2) problems.push({ field: 'name', message: ctx.t('enterpriseName') });
    const code = validateCreditCode(fields.creditCode);
    if (!code.ok) problems.push({ field: 'creditCode', message: ctx.t('creditCode') });
    if (!code.ok || problems.length) return { error: fieldErrors(ctx, ErrorCode.BAD_USER_INPUT, problems) };
    return { name, creditCode: code.value, address: fields.address?.trim() || null };
  }

  async create(ctx: AuthedContext, fields: EnterpriseFields): Promise<Enterprise | UserError> {
    const checked = this.check(ctx, fields);
    if ('error' in checked) return checked.error;
    const union = await this.organizations.get(ctx, ctx.viewer.organizationId);
    return this.saving(ctx, () =>
      ctx.em.transactional(async (tx) => {
        const e = tx.create(Enterprise, { ...checked, organization: union.id, orgPath: union.path, createdAt: this.clock.now() });
        await tx.flush();
        this.audit.record(ctx, tx, {
          action: 'enterprise.created',
          organization: union,
          targetType: 'Enterprise',
          targetId: e.id,
          after: { name: checked.name, creditCode: checked.creditCode, address: checked.address },
        });
        return e;
      }),
    );
  }

  async update(ctx: AuthedContext, id: number, version: number, fields: EnterpriseFields): Promise<Enterprise | UserError> {
    const checked = this.check(ctx, fields);
    if ('error' in checked) return checked.error;
    return this.saving(ctx, () =>
      changeVersioned(ctx, this.audit, {
        entity: Enterprise,
        id,
        version,
        action: 'enterprise.updated',
        targetType: 'Enterprise',
        organization: (e) => ({ id: e.organization.id, path: e.orgPath }),
        view: (e) => ({ name: e.name, creditCode: e.creditCode, address: e.address ?? null }),
        apply: (e) => void Object.assign(e, checked),
      }),
    );
  }

  private async saving(ctx: AuthedContext, work: () => Promise<Enterprise | UserError>): Promise<Enterprise | UserError> {
    try {
      return await work();
    } catch (e) {
      if (!(e instanceof UniqueConstraintViolationException)) throw e;
      return violated(e, 'enterprise_credit_code_unique')
        ? userError(ErrorCode.CONFLICT, ctx.t('enterpriseCreditCodeTaken'), 'creditCode')
        : userError(ErrorCode.CONFLICT, ctx.t('enterpriseNameTaken'), 'name');
    }
  }
}
