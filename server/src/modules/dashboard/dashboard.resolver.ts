import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { toId } from '../../common/ids.js';
import type { AuthedContext } from '../../common/request-context.js';
import type { DashboardService } from './dashboard.service.js';
import { OrganizationType, toOrganizationType } from '../organization/organization.type.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { WorkbenchType } from './dashboard.type.js';
import { PlainText } from '../../common/text/input-text.js';

@ArgsType()
class WorkbenchArgs {
  @Field(() => ID, { nullable: true, description: "An organization in the caller's subtree; default: the caller's own" })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; default: 29 days before `to`' })
  @PlainText('date: parsed as YYYY-MM-DD')
  @MaxLength(20)
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; default: today. At most 366 days from `from`' })
  @PlainText('date: parsed as YYYY-MM-DD')
  @MaxLength(20)
  to?: string | null;
}

@Resolver(() => WorkbenchType)
@Allow(Permission.MEMBER_READ)
export class DashboardResolver {
  constructor(
    private readonly dashboardService: DashboardService,
    private readonly organizationService: OrganizationService,
  ) {}

  @Query(() => WorkbenchType, { description: '业务工作台: member, union and enterprise counts, new members and e-card activations by day' })
  workbench(@Ctx() ctx: AuthedContext, @Args(() => WorkbenchArgs) args: WorkbenchArgs): Promise<WorkbenchType> {
    // The service's plain Workbench has WorkbenchType's fields: type-graphql answers it as it is.
    return this.dashboardService.workbench(ctx, args.organizationId == null ? null : toId(args.organizationId), args.from, args.to);
  }

  @FieldResolver(() => OrganizationType, { description: 'The organization whose subtree the figures cover' })
  async organization(@Ctx() ctx: AuthedContext, @Root() w: WorkbenchType): Promise<OrganizationType> {
    return toOrganizationType(await this.organizationService.get(ctx, w.organizationId));
  }
}
