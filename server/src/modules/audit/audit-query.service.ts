import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import type { Page, PageArgs } from '../../common/pagination/page.js';
import { readSqlPage } from '../../common/pagination/sql-page.js';
import { SqlParams } from '../../org-scope/read-db.js';
import { isWithin } from '../../org-scope/org-path.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { ENTRY_SELECT, type AuditEntryRow } from './audit.reads.js';
import { AUDIT_FIELDS, type AuditDetails, type AuditField, type AuditTargetType } from '../../audit-trail/audit-vocabulary.js';

/** What has a history tab (变更记录); an import's history is its one audit row in the log, a card batch's its timeline. */
export type HistoryTarget = Exclude<AuditTargetType, 'MemberImport' | 'CardBatch' | 'ProtectionPlan' | 'ProtectionYear' | 'FeeSplit' | 'EnrollmentSubmission'>;

/** What targetName and changes read of an entry (the GraphQL AuditEntry the resolver holds has it). */
export interface AuditEntryView {
  targetType: AuditTargetType | null;
  targetId: string | null;
  details: { before: AuditDetails | null; after: AuditDetails | null };
}

/** One field of an entry as shown: before and after, names for references. */
export interface AuditChange {
  field: AuditField;
  before: string | null;
  after: string | null;
}

/**
 * Reading the audit trail: an organization's log (操作日志), or the history of one thing. Rows are read
 * through the scoped EntityManager, so a caller sees the rows of its subtree only; names of targets
 * and references are looked up in batch (the request's DataLoaders), also in scope.
 */
export class AuditQueryService {
  constructor(private readonly organizations: OrganizationService) {}

  async list(ctx: AuthedContext, organizationId: number, pageArgs: PageArgs): Promise<Page<AuditEntryRow>> {
    const org = await this.organizations.get(ctx, organizationId);
    const params = new SqlParams();
    return this.page(ctx, [`a.organization_id = ${params.add(org.id)}`], params, pageArgs);
  }

  /** The timeline of one member, enterprise, account or union, newest first; NOT_FOUND unless the caller can see it. */
  async history(ctx: AuthedContext, targetType: HistoryTarget, id: number, pageArgs: PageArgs): Promise<Page<AuditEntryRow>> {
    if (!(await this.target(ctx, targetType, id))) throw new AppError('NOT_FOUND', ctx.t('notFound'));
    const params = new SqlParams();
    return this.page(ctx, [`a.target_type = ${params.add(targetType)}`, `a.target_id = ${params.add(String(id))}`], params, pageArgs);
  }

  /** The entries of the caller's subtree meeting `where`, newest first. */
  private page(ctx: AuthedContext, where: string[], params: SqlParams, pageArgs: PageArgs): Promise<Page<AuditEntryRow>> {
    return readSqlPage(ctx, pageArgs, {
      select: ENTRY_SELECT,
      from: 'audit_entry a',
      where: ['a.org_path like $1', ...where],
      params,
      order: { 'a.id': 'desc' },
    });
  }

  /** The thing itself as the caller may see it (null: missing or outside scope). */
  private target(ctx: AuthedContext, type: AuditTargetType, id: number) {
    if (!Number.isSafeInteger(id)) return Promise.resolve(null);
    switch (type) {
      case 'Member':
        return ctx.loaders.member.load(id);
      case 'Enterprise':
        return ctx.loaders.enterprise.load(id);
      case 'Account':
        return ctx.loaders.account.load(id);
      case 'Organization':
        return ctx.loaders.organization.byId.load(id);
      case 'MemberImport':
      case 'CardBatch':
      case 'ProtectionPlan':
      case 'ProtectionYear':
      case 'FeeSplit':
      case 'EnrollmentSubmission':
        return Promise.resolve(null);
    }
  }

  /**
   * What an entry is about, by name: a member's name and number, a union's or enterprise's name, an
   * account's name and username, an import's file name, a card batch's number. Out of scope now (moved away): the name the
   * row itself recorded, if any; the client then shows the type and id.
   */
  async targetName(ctx: AuthedContext, entry: AuditEntryView): Promise<string | null> {
    const { before, after } = entry.details;
    const recorded = after?.name ?? before?.name ?? after?.username ?? null;
    if (entry.targetType === 'MemberImport') return typeof after?.fileName === 'string' ? after.fileName : null;
    if (entry.targetType === 'CardBatch') return typeof after?.batchNo === 'string' ? after.batchNo : null;
    if (!entry.targetType || !entry.targetId) return null;
    const found = await this.target(ctx, entry.targetType, Number(entry.targetId));
    if (!found) return typeof recorded === 'string' ? recorded : null;
    if ('memberNo' in found) return `${found.name}（${found.memberNo}）`;
    if ('username' in found) return `${found.displayName}（${found.username}）`;
    return found.name;
  }

  /**
   * The entry's fields, before and after. References become names,
   * so a clerk reads "浦东新区总工会 / 陆家嘴金融贸易区工会" instead of a path. Personal numbers were
   * masked when written.
   */
  async changes(ctx: AuthedContext, entry: AuditEntryView): Promise<AuditChange[]> {
    const before = entry.details.before ?? {};
    const after = entry.details.after ?? {};
    // In the vocabulary's order (jsonb does not keep the written one). Rows are only ever written with
    // known fields (AuditDetails); the filter keeps a stray key out of the enum.
    const fields = AUDIT_FIELDS.filter((f) => f in after || f in before);
    const changes = await Promise.all(
      fields.map(async (field) => ({ field, before: await this.shown(ctx, field, before), after: await this.shown(ctx, field, after) })),
    );
    return changes.filter((c) => c.before !== null || c.after !== null);
  }

  private async shown(ctx: AuthedContext, field: AuditField, details: AuditDetails): Promise<string | null> {
    const value = details[field];
    if (value === null || value === undefined) return null;
    if (field === 'orgPath') return this.pathNames(ctx, String(value));
    if (field === 'enterpriseId') return (await ctx.loaders.enterprise.load(Number(value)))?.name ?? ctx.t('auditNotVisible');
    if (field === 'organizationId') return (await ctx.loaders.organization.byId.load(Number(value)))?.name ?? ctx.t('auditNotVisible');
    return String(value);
  }

  /**
   * An organization path as the names of its unions below the caller's own organization (the caller's
   * own name only when the path ends there). A path outside the caller's subtree is not named at all:
   * outside looks like nothing, as everywhere.
   */
  private async pathNames(ctx: AuthedContext, path: string): Promise<string> {
    if (!isWithin(path, ctx.viewer.orgPath)) return ctx.t('auditNotVisible');
    const ids = path.split('/').filter(Boolean).map(Number);
    const below = ids.slice(ids.indexOf(ctx.viewer.organizationId) + 1);
    const shown = below.length ? below : [ctx.viewer.organizationId];
    const orgs = await ctx.loaders.organization.byId.loadMany(shown);
    return orgs.map((o, i) => (o && !(o instanceof Error) ? o.name : `#${shown[i]}`)).join(' / ');
  }
}
