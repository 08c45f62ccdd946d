import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { Allow } from '../../auth/allow.decorator.js';
import { Permission } from '../../auth/permissions.js';
import { mapPage, PageArgs, SortDirection } from '../../common/pagination/page.js';
import { toId } from '../../common/ids.js';
import { UserError } from '../../common/errors/error-result.js';
import { LifeStatus, MemberCategory } from '../../domain/member-category.js';
import { wasChanged } from '../../changes/versioned-change.js';
import type { AuthedContext } from '../../common/request-context.js';
import { OrganizationType, toOrganizationType } from '../organization/organization.type.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { EnterpriseType, toEnterpriseType } from '../enterprise/enterprise.type.js';
import type { MemberService, MemberDraftInput } from './member.service.js';
import type { Member } from './member.entity.js';
import {
  MemberConnection,
  MemberInput,
  MemberPayload,
  MemberPersonalData,
  MemberResult,
  MemberCardType,
  MemberType,
  SetMemberLifeStatusInput,
  TransferMemberInput,
  UpdateMemberInput,
  toMemberCardType,
  toMemberType,
} from './member.type.js';
import { MemberSort } from './member-sort.js';
import { PlainText } from '../../common/text/input-text.js';

@ArgsType()
class MembersArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: "Members kept in the subtree of this union (one in the caller's subtree); default: the caller's whole subtree",
  })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;

  @Field(() => MemberCategory, { nullable: true })
  category?: MemberCategory | null;

  @Field(() => LifeStatus, { nullable: true })
  lifeStatus?: LifeStatus | null;

  @Field(() => Boolean, { nullable: true, description: '人保状态待确认' })
  needsConfirmation?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'With (true) or without (false) an active member service card' })
  hasCard?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the name, the memberNo, an exact ID number or mobile, or the last 4 characters of an ID number alone or with the name',
  })
  @PlainText('search term: compared, never stored')
  @MaxLength(50)
  search?: string | null;

  @Field(() => MemberSort, { nullable: true, defaultValue: MemberSort.NEWEST })
  sort?: MemberSort | null;

  @Field(() => SortDirection, { nullable: true, description: "Default: the sort's own (NEWEST: DESC, the others: ASC)" })
  direction?: SortDirection | null;
}

function draft(input: MemberInput): MemberDraftInput {
  return { ...input, enterpriseId: input.enterpriseId == null ? null : toId(input.enterpriseId) };
}

/** `sentVersion`: the version an edit was made against (none when creating), which tells whether it changed anything. */
function result(r: Member | UserError, sentVersion?: number): typeof MemberResult {
  if (r instanceof UserError) return r;
  return Object.assign(new MemberPayload(), { member: toMemberType(r), changed: sentVersion === undefined || wasChanged(r, sentVersion) });
}

@Resolver(() => MemberType)
@Allow(Permission.MEMBER_READ)
export class MemberResolver {
  constructor(
    private readonly memberService: MemberService,
    private readonly organizationService: OrganizationService,
  ) {}

  @Query(() => MemberConnection)
  async members(@Ctx() ctx: AuthedContext, @Args(() => MembersArgs) args: MembersArgs): Promise<MemberConnection> {
    const page = await this.memberService.list(
      ctx,
      {
        ...args,
        organizationId: args.organizationId == null ? null : toId(args.organizationId),
        enterpriseId: args.enterpriseId == null ? null : toId(args.enterpriseId),
      },
      args,
    );
    return mapPage(page, toMemberType);
  }

  @Query(() => MemberType)
  async member(@Ctx() ctx: AuthedContext, @Arg('id', () => ID) id: string): Promise<MemberType> {
    return toMemberType(await this.memberService.get(ctx, toId(id)));
  }

  @Allow(Permission.MEMBER_WRITE)
  @Mutation(() => MemberResult, { description: "Adds a member to the caller's grassroots union" })
  async createMember(@Ctx() ctx: AuthedContext, @Arg('input', () => MemberInput) input: MemberInput): Promise<typeof MemberResult> {
    return result(await this.memberService.create(ctx, draft(input)));
  }

  @Allow(Permission.MEMBER_WRITE)
  @Mutation(() => MemberResult)
  async updateMember(@Ctx() ctx: AuthedContext, @Arg('input', () => UpdateMemberInput) input: UpdateMemberInput): Promise<typeof MemberResult> {
    return result(await this.memberService.update(ctx, toId(input.id), input.version, draft(input)), input.version);
  }

  @Allow(Permission.MEMBER_WRITE)
  @Mutation(() => MemberResult, { description: '退休 / 死亡 with a date, or back to ACTIVE' })
  async setMemberLifeStatus(
    @Ctx() ctx: AuthedContext,
    @Arg('input', () => SetMemberLifeStatusInput) input: SetMemberLifeStatusInput,
  ): Promise<typeof MemberResult> {
    return result(await this.memberService.setLifeStatus(ctx, toId(input.id), input.version, input.lifeStatus, input.date), input.version);
  }

  @Allow(Permission.MEMBER_TRANSFER)
  @Mutation(() => MemberResult, { description: 'By a superior of both unions' })
  async transferMember(@Ctx() ctx: AuthedContext, @Arg('input', () => TransferMemberInput) input: TransferMemberInput): Promise<typeof MemberResult> {
    return result(await this.memberService.transfer(ctx, toId(input.id), input.version, toId(input.toOrganizationId)), input.version);
  }

  @Allow(Permission.MEMBER_REVEAL)
  @Mutation(() => MemberPersonalData, { description: 'The full ID number and mobile of one member; audited' })
  revealMemberPersonalData(@Ctx() ctx: AuthedContext, @Arg('id', () => ID) id: string): Promise<MemberPersonalData> {
    return this.memberService.reveal(ctx, toId(id));
  }

  @FieldResolver(() => OrganizationType, { description: 'The grassroots union keeping the member' })
  async organization(@Ctx() ctx: AuthedContext, @Root() m: MemberType): Promise<OrganizationType> {
    return toOrganizationType(await this.organizationService.get(ctx, m.organizationId));
  }

  @FieldResolver(() => MemberCardType, {
    nullable: true,
    description: '卡片信息: the member’s card (the active one, else the last revoked one); null without any',
  })
  async card(@Ctx() ctx: AuthedContext, @Root() m: MemberType): Promise<MemberCardType | null> {
    const c = await ctx.loaders.memberCard.load(m.id);
    return c && toMemberCardType(c);
  }

  @FieldResolver(() => EnterpriseType, { nullable: true })
  async enterprise(@Ctx() ctx: AuthedContext, @Root() m: MemberType): Promise<EnterpriseType | null> {
    if (m.enterpriseId == null) return null;
    const e = await ctx.loaders.enterprise.load(m.enterpriseId);
    return e && toEnterpriseType(e);
  }
}
