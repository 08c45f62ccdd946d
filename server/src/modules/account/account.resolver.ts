import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { mapPage, PageArgs, SortDirection } from '../../common/pagination/page.js';
import { toId } from '../../common/ids.js';
import { UserError } from '../../common/errors/error-result.js';
import { wasChanged } from '../../changes/versioned-change.js';
import type { AuthedContext } from '../../common/request-context.js';
import { OrganizationType, toOrganizationType } from '../organization/organization.type.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { AccountService } from './account.service.js';
import {
  AccountConnection,
  AccountPayload,
  AccountResult,
  AccountType,
  CreateAccountInput,
  SetAccountDisabledInput,
  TemporaryPassword,
  TemporaryPasswordResult,
  toAccountType,
} from './account.type.js';
import { AccountSort } from './account-sort.js';
import { PlainText } from '../../common/text/input-text.js';

@ArgsType()
class AccountsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: "Default: every account of the caller's subtree" })
  organizationId?: string | null;

  @Field(() => String, { nullable: true })
  @PlainText('search term: compared, never stored')
  @MaxLength(64)
  search?: string | null;

  @Field(() => AccountSort, { nullable: true, defaultValue: AccountSort.USERNAME })
  sort?: AccountSort | null;

  @Field(() => SortDirection, { nullable: true, defaultValue: SortDirection.ASC })
  direction?: SortDirection | null;
}

function temporaryPasswordResult(r: Awaited<ReturnType<AccountService['create']>>): typeof TemporaryPasswordResult {
  return r instanceof UserError ? r : Object.assign(new TemporaryPassword(), { account: toAccountType(r.account), temporaryPassword: r.temporaryPassword });
}

@Resolver(() => AccountType)
@Allow(Permission.ACCOUNT_MANAGE)
export class AccountResolver {
  constructor(
    private readonly accountService: AccountService,
    private readonly organizations: OrganizationService,
  ) {}

  @Query(() => AccountConnection)
  async accounts(@Ctx() ctx: AuthedContext, @Args(() => AccountsArgs) args: AccountsArgs): Promise<AccountConnection> {
    const page = await this.accountService.list(ctx, { ...args, organizationId: args.organizationId == null ? null : toId(args.organizationId) }, args);
    return mapPage(page, toAccountType);
  }

  @Mutation(() => TemporaryPasswordResult, { description: 'The new account gets a temporary password it must change at first login' })
  async createAccount(@Ctx() ctx: AuthedContext, @Arg('input', () => CreateAccountInput) input: CreateAccountInput): Promise<typeof TemporaryPasswordResult> {
    return temporaryPasswordResult(await this.accountService.create(ctx, { ...input, organizationId: toId(input.organizationId) }));
  }

  @Mutation(() => AccountResult)
  async setAccountDisabled(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => SetAccountDisabledInput) input: SetAccountDisabledInput,
  ): Promise<typeof AccountResult> {
    const r = await this.accountService.setDisabled(ctx, toId(input.id), input.disabled, input.version);
    return r instanceof UserError ? r : Object.assign(new AccountPayload(), { account: toAccountType(r), changed: wasChanged(r, input.version) });
  }

  @Allow(Permission.PASSWORD_RESET)
  @Mutation(() => TemporaryPasswordResult, { description: 'Only for accounts of organizations strictly below the caller' })
  async resetPassword(@Ctx() ctx: AuthedContext, @Arg('accountId', () => ID) accountId: string): Promise<typeof TemporaryPasswordResult> {
    return temporaryPasswordResult(await this.accountService.resetPassword(ctx, toId(accountId)));
  }

  @FieldResolver(() => OrganizationType)
  async organization(@Ctx() ctx: AuthedContext, @Root() account: AccountType): Promise<OrganizationType> {
    return toOrganizationType(await this.organizations.get(ctx, account.organizationId));
  }

  @FieldResolver(() => Date, { nullable: true, description: 'Set while failed logins keep the account locked' })
  lockedUntil(@Ctx() ctx: AuthedContext, @Root() account: AccountType): Promise<Date | null> {
    return this.accountService.lockedUntil(ctx, account.username);
  }
}
