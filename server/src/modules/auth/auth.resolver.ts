import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AuthedContext, RequestContext, Viewer } from '../../common/request-context.js';
import { AllowDuringPasswordChange, Public } from '../../auth/allow.decorator.js';
import {
  AccountLocked,
  CaptchaType,
  ChangePasswordInput,
  ChangePasswordResult,
  ChangePasswordSuccess,
  LoginInput,
  LoginResult,
  LoginSuccess,
  ViewerType,
} from './auth.types.js';
import { OrganizationType, toOrganizationType } from '../organization/organization.type.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import type { AuthService } from '../../auth/auth.service.js';
import type { CaptchaService } from '../../auth/captcha.service.js';
import type { SessionCookie } from '../../auth/session-cookie.js';
import type { RateLimit } from '../../common/rate-limits.js';
import { clientKey } from '../../common/client-key.js';
import type { OrganizationService } from '../organization/organization.service.js';

export function toViewerType(v: Viewer): ViewerType {
  return {
    id: v.accountId,
    username: v.username,
    displayName: v.displayName,
    role: v.role,
    mustChangePassword: v.mustChangePassword,
    permissions: v.permissions,
    organizationId: v.organizationId,
  };
}

@Resolver(() => ViewerType)
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly captchas: CaptchaService,
    private readonly cookie: SessionCookie,
    /** Per client address: see services.ts. */
    private readonly loginRate: RateLimit,
    private readonly organizations: OrganizationService,
  ) {}

  @Public()
  @Query(() => CaptchaType, { description: 'A fresh single-use captcha, valid for 2 minutes' })
  async captcha(@Ctx() ctx: RequestContext): Promise<CaptchaType> {
    await this.loginRate.consume(ctx, clientKey(ctx.ip));
    return this.captchas.issue();
  }

  @Public()
  @Query(() => ViewerType, { nullable: true, description: 'null when not logged in' })
  me(@Ctx() ctx: RequestContext): ViewerType | null {
    return ctx.viewer ? toViewerType(ctx.viewer) : null;
  }

  @Public()
  @Mutation(() => LoginResult)
  async login(@Ctx() ctx: RequestContext, @Arg('input', () => LoginInput) input: LoginInput): Promise<typeof LoginResult> {
    await this.loginRate.consume(ctx, clientKey(ctx.ip));
    const outcome = await this.auth.login(ctx, input, this.cookie.read(ctx));
    if (outcome.ok) {
      this.cookie.set(ctx, outcome.token);
      ctx.authenticate(outcome.viewer);
      return Object.assign(new LoginSuccess(), { viewer: toViewerType(outcome.viewer) });
    }
    if ('lockedUntil' in outcome) {
      return Object.assign(new AccountLocked(), { code: ErrorCode.ACCOUNT_LOCKED, message: outcome.message, lockedUntil: outcome.lockedUntil });
    }
    return outcome.error;
  }

  @AllowDuringPasswordChange()
  @Mutation(() => Boolean, { description: "Ends all of the caller's sessions" })
  async logout(@Ctx() ctx: AuthedContext): Promise<boolean> {
    await this.auth.logout(ctx);
    this.cookie.clear(ctx);
    return true;
  }

  @AllowDuringPasswordChange()
  @Mutation(() => ChangePasswordResult, { description: 'Ends the other sessions and rotates this one' })
  async changePassword(@Ctx() ctx: AuthedContext, @Arg('input', () => ChangePasswordInput) input: ChangePasswordInput): Promise<typeof ChangePasswordResult> {
    const result = await this.auth.changePassword(ctx, input.currentPassword, input.newPassword);
    if ('error' in result) return result.error;
    this.cookie.set(ctx, result.token);
    ctx.authenticate({ ...ctx.viewer, mustChangePassword: false });
    return Object.assign(new ChangePasswordSuccess(), { viewer: toViewerType(ctx.viewer) });
  }

  @FieldResolver(() => OrganizationType)
  async organization(@Ctx() ctx: AuthedContext, @Root() viewer: ViewerType): Promise<OrganizationType> {
    return toOrganizationType(await this.organizations.get(ctx, viewer.organizationId));
  }
}
