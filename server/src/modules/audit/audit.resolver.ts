import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { toId } from '../../common/ids.js';
import { mapPage } from '../../common/pagination/page.js';
import type { AuthedContext } from '../../common/request-context.js';
import type { AuditQueryService } from './audit-query.service.js';
import { AuditChangeType, AuditEntriesArgs, AuditEntryConnection, AuditEntryType, HistoryArgs, toAuditEntryType } from './audit.type.js';

/**
 * The audit log of an organization, and the history tab (变更记录) of each member, enterprise, account
 * and union. A history is readable by whoever may read the thing itself (the same permission as its own
 * query), so the clerk of a union and its superiors see it; outside the caller's scope it is NOT_FOUND.
 */
@Resolver(() => AuditEntryType)
@Allow(Permission.AUDIT_READ)
export class AuditResolver {
  constructor(private readonly audit: AuditQueryService) {}

  @Query(() => AuditEntryConnection, { description: 'Newest first. The organization must be in the caller subtree.' })
  async auditEntries(@Ctx() ctx: AuthedContext, @Args(() => AuditEntriesArgs) args: AuditEntriesArgs): Promise<AuditEntryConnection> {
    return mapPage(await this.audit.list(ctx, toId(args.organizationId), args), toAuditEntryType);
  }

  @Allow(Permission.MEMBER_READ)
  @Query(() => AuditEntryConnection, { description: "A member's history (变更记录), newest first" })
  async memberHistory(@Ctx() ctx: AuthedContext, @Args(() => HistoryArgs) args: HistoryArgs): Promise<AuditEntryConnection> {
    return mapPage(await this.audit.history(ctx, 'Member', toId(args.id), args), toAuditEntryType);
  }

  @Allow(Permission.MEMBER_READ)
  @Query(() => AuditEntryConnection, { description: "An enterprise's history (变更记录), newest first" })
  async enterpriseHistory(@Ctx() ctx: AuthedContext, @Args(() => HistoryArgs) args: HistoryArgs): Promise<AuditEntryConnection> {
    return mapPage(await this.audit.history(ctx, 'Enterprise', toId(args.id), args), toAuditEntryType);
  }

  @Allow(Permission.ACCOUNT_MANAGE)
  @Query(() => AuditEntryConnection, { description: "An account's history (变更记录: logins, locks, status, passwords), newest first" })
  async accountHistory(@Ctx() ctx: AuthedContext, @Args(() => HistoryArgs) args: HistoryArgs): Promise<AuditEntryConnection> {
    return mapPage(await this.audit.history(ctx, 'Account', toId(args.id), args), toAuditEntryType);
  }

  @Allow(Permission.ORGANIZATION_READ)
  @Query(() => AuditEntryConnection, { description: "A union's own history (变更记录), newest first; everything done in it is its audit log" })
  async organizationHistory(@Ctx() ctx: AuthedContext, @Args(() => HistoryArgs) args: HistoryArgs): Promise<AuditEntryConnection> {
    return mapPage(await this.audit.history(ctx, 'Organization', toId(args.id), args), toAuditEntryType);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The target by name: a member's name and number, a union's or enterprise's name, an account's name and username, an import's file name",
  })
  targetName(@Ctx() ctx: AuthedContext, @Root() entry: AuditEntryType): Promise<string | null> {
    return this.audit.targetName(ctx, entry);
  }

  @FieldResolver(() => [AuditChangeType], { description: 'What the entry recorded, field by field: before and after (a change), or after only' })
  changes(@Ctx() ctx: AuthedContext, @Root() entry: AuditEntryType): Promise<AuditChangeType[]> {
    return this.audit.changes(ctx, entry);
  }
}
