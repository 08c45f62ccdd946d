import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { mapPage, PageArgs, SortDirection } from '../../common/pagination/page.js';
import type { AuthedContext } from '../../common/request-context.js';
import {
  CreateOrganizationInput,
  OrganizationConnection,
  OrganizationPayload,
  OrganizationResult,
  OrganizationType,
  toOrganizationType,
} from './organization.type.js';
import { OrganizationSort } from './organization-sort.js';
import type { OrganizationAdminService } from './organization-admin.service.js';
import { UserError } from '../../common/errors/error-result.js';
import type { OrganizationService } from './organization.service.js';
import { MaxLength } from 'class-validator';
import { toId } from '../../common/ids.js';
import { PlainText } from '../../common/text/input-text.js';

@ArgsType()
class OrganizationsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Default: the caller's own organization" })
  parentId?: number | null;

  @Field(() => Boolean, { defaultValue: false, description: 'true: every organization below parentId, not only its children' })
  subtree!: boolean;

  @Field(() => String, { nullable: true })
  @PlainText('search term: compared, never stored')
  @MaxLength(100)
  search?: string | null;

  @Field(() => OrganizationSort, { nullable: true, defaultValue: OrganizationSort.NAME })
  sort?: OrganizationSort | null;

  @Field(() => SortDirection, { nullable: true, defaultValue: SortDirection.ASC })
  direction?: SortDirection | null;
}

@Resolver(() => OrganizationType)
@Allow(Permission.ORGANIZATION_READ)
export class OrganizationResolver {
  constructor(
    private readonly organizationService: OrganizationService,
    private readonly organizationAdmin: OrganizationAdminService,
  ) {}

  @Query(() => OrganizationType)
  async organization(@Ctx() ctx: AuthedContext, @Arg('id', () => ID) id: string): Promise<OrganizationType> {
    return toOrganizationType(await this.organizationService.get(ctx, toId(id)));
  }

  @Query(() => OrganizationConnection)
  async organizations(@Ctx() ctx: AuthedContext, @Args(() => OrganizationsArgs) args: OrganizationsArgs): Promise<OrganizationConnection> {
    const page = await this.organizationService.list(ctx, { ...args, parentId: args.parentId == null ? null : toId(args.parentId) }, args);
    return mapPage(page, toOrganizationType);
  }

  @Allow(Permission.ORGANIZATION_MANAGE)
  @Mutation(() => OrganizationResult, { description: "Adds a union below one in the caller's subtree" })
  async createOrganization(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput,
  ): Promise<typeof OrganizationResult> {
    const r = await this.organizationAdmin.create(ctx, { ...input, parentId: toId(input.parentId) });
    return r instanceof UserError ? r : Object.assign(new OrganizationPayload(), { organization: toOrganizationType(r) });
  }

  @FieldResolver(() => OrganizationType, { nullable: true, description: "null when the parent is outside the caller's scope" })
  async parent(@Ctx() ctx: AuthedContext, @Root() org: OrganizationType): Promise<OrganizationType | null> {
    if (org.parentId == null) return null;
    const parent = await ctx.loaders.organization.byId.load(org.parentId);
    return parent && toOrganizationType(parent);
  }

  @FieldResolver(() => Int)
  childCount(@Ctx() ctx: AuthedContext, @Root() org: OrganizationType): Promise<number> {
    return ctx.loaders.organization.childCount.load(org.id);
  }

  @FieldResolver(() => Int, { description: 'Grassroots unions in its subtree, itself included' })
  grassrootsCount(@Ctx() ctx: AuthedContext, @Root() org: OrganizationType): Promise<number> {
    return ctx.loaders.organization.grassrootsCount.load(org.id);
  }

  @FieldResolver(() => Int)
  accountCount(@Ctx() ctx: AuthedContext, @Root() org: OrganizationType): Promise<number> {
    return ctx.loaders.organization.accountCount.load(org.id);
  }
}
