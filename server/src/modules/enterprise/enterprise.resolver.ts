import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { mapPage, PageArgs, SortDirection } from '../../common/pagination/page.js';
import { toId } from '../../common/ids.js';
import { UserError } from '../../common/errors/error-result.js';
import { wasChanged } from '../../changes/versioned-change.js';
import type { AuthedContext } from '../../common/request-context.js';
import type { EnterpriseService } from './enterprise.service.js';
import type { Enterprise } from './enterprise.entity.js';
import {
  EnterpriseConnection,
  EnterpriseInput,
  EnterprisePayload,
  EnterpriseResult,
  EnterpriseType,
  UpdateEnterpriseInput,
  toEnterpriseType,
} from './enterprise.type.js';
import { EnterpriseSort } from './enterprise-sort.js';
import { PlainText } from '../../common/text/input-text.js';

@ArgsType()
class EnterprisesArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: "Enterprises covered in the subtree of this union (one in the caller's subtree); default: the caller's whole subtree",
  })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Part of the name, or the exact credit code' })
  @PlainText('search term: compared, never stored')
  @MaxLength(100)
  search?: string | null;

  @Field(() => EnterpriseSort, { nullable: true, defaultValue: EnterpriseSort.NAME })
  sort?: EnterpriseSort | null;

  @Field(() => SortDirection, { nullable: true, defaultValue: SortDirection.ASC })
  direction?: SortDirection | null;
}

/** `sentVersion`: the version an edit was made against (none when creating), which tells whether it changed anything. */
function result(r: Enterprise | UserError, sentVersion?: number): typeof EnterpriseResult {
  if (r instanceof UserError) return r;
  return Object.assign(new EnterprisePayload(), { enterprise: toEnterpriseType(r), changed: sentVersion === undefined || wasChanged(r, sentVersion) });
}

@Resolver(() => EnterpriseType)
@Allow(Permission.MEMBER_READ)
export class EnterpriseResolver {
  constructor(private readonly enterpriseService: EnterpriseService) {}

  @Query(() => EnterpriseConnection)
  async enterprises(@Ctx() ctx: AuthedContext, @Args(() => EnterprisesArgs) args: EnterprisesArgs): Promise<EnterpriseConnection> {
    const page = await this.enterpriseService.list(ctx, { ...args, organizationId: args.organizationId == null ? null : toId(args.organizationId) }, args);
    return mapPage(page, toEnterpriseType);
  }

  @Query(() => EnterpriseType)
  async enterprise(@Ctx() ctx: AuthedContext, @Arg('id', () => ID) id: string): Promise<EnterpriseType> {
    return toEnterpriseType(await this.enterpriseService.get(ctx, toId(id)));
  }

  @Allow(Permission.MEMBER_WRITE)
  @Mutation(() => EnterpriseResult, { description: "Adds an enterprise covered by the caller's grassroots union" })
  async createEnterprise(@Ctx() ctx: AuthedContext, @Arg('input', () => EnterpriseInput) input: EnterpriseInput): Promise<typeof EnterpriseResult> {
    return result(await this.enterpriseService.create(ctx, input));
  }

  @Allow(Permission.MEMBER_WRITE)
  @Mutation(() => EnterpriseResult)
  async updateEnterprise(@Ctx() ctx: AuthedContext, @Arg('input', () => UpdateEnterpriseInput) input: UpdateEnterpriseInput): Promise<typeof EnterpriseResult> {
    return result(await this.enterpriseService.update(ctx, toId(input.id), input.version, input), input.version);
  }
}
