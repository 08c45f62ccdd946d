import { Args, ArgsType, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { Connection, PageArgs } from '../../common/pagination/page.js';
import { toId } from '../../common/ids.js';
import type { AuthedContext } from '../../common/request-context.js';
import type { AuditQueryService } from './audit-query.service.js';

@ObjectType('AuditEntry')
export class AuditEntryType {
  @Field(() => ID)
  id!: number;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { nullable: true })
  actorUsername!: string | null;

  @Field(() => String, { description: 'e.g. login.succeeded, account.password_reset' })
  action!: string;

  @Field(() => String, { nullable: true })
  targetType!: string | null;

  @Field(() => String, { nullable: true })
  targetId!: string | null;

  @Field(() => String, { nullable: true, description: 'JSON' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'JSON' })
  after!: string | null;

  @Field(() => String, { nullable: true })
  ip!: string | null;
}

@ObjectType()
export class AuditEntryConnection extends Connection(AuditEntryType) {}

@ArgsType()
class AuditEntriesArgs extends PageArgs {
  @Field(() => ID)
  organizationId!: string;
}

@Resolver(() => AuditEntryType)
@Allow(Permission.AUDIT_READ)
export class AuditResolver {
  constructor(private readonly audit: AuditQueryService) {}

  @Query(() => AuditEntryConnection, { description: 'Newest first. The organization must be in the caller subtree.' })
  auditEntries(@Ctx() ctx: AuthedContext, @Args(() => AuditEntriesArgs) args: AuditEntriesArgs): Promise<AuditEntryConnection> {
    return this.audit.list(ctx, toId(args.organizationId), args);
  }
}
