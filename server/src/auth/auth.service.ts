import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { Config } from '../config.js';
import type { AuthedContext, RequestContext, Viewer } from '../common/request-context.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { fieldErrors, userError, type UserError } from '../common/errors/error-result.js';
import { systemEm } from '../org-scope/system-em.js';
import { Account } from './account.entity.js';
import type { AuditService } from '../audit-trail/audit.service.js';
import type { CaptchaService } from './captcha.service.js';
import type { LoginLockout } from './login-lockout.js';
import { hashToken, type SessionService } from './session.service.js';
import { dummyPasswordHash, hashPassword, passwordProblem, passwordProblemMessage, verifyPassword } from './password.js';
import { formatShanghaiTime } from './time-format.js';

export type LoginOutcome = { ok: true; token: string; viewer: Viewer } | { ok: false; error: UserError } | { ok: false; lockedUntil: Date; message: string };

export interface LoginAttempt {
  username: string;
  password: string;
  captchaId: string;
  captchaAnswer: string;
}

/** Login, logout and password changes. */
export class AuthService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly config: Config,
    private readonly captchas: CaptchaService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly lockout: LoginLockout,
  ) {}

  /**
   * Order matters: blank fields are named first (they tell nothing about any account and spend
   * nothing); the captcha is checked (and spent) before anything else, so a wrong captcha costs the
   * attacker a fresh challenge and never reaches password verification; then the lock; then the password.
   * Unknown usernames verify against a dummy hash and count failures like real ones: same answers, same time.
   * Only the right password learns that its account is disabled: a guesser gets the answer of any wrong one.
   */
  async login(ctx: RequestContext, attempt: LoginAttempt, previousToken: string | undefined): Promise<LoginOutcome> {
    // The captcha answer is asked for only when there is a captcha (AUTH_CAPTCHA=off: scripted clients).
    const asked = this.config.captchaEnabled ? (['username', 'password', 'captchaAnswer'] as const) : (['username', 'password'] as const);
    const blank = asked.filter((field) => attempt[field].trim() === '');
    if (blank.length) {
      const keys = { username: 'usernameRequired', password: 'passwordRequired', captchaAnswer: 'captchaRequired' } as const;
      return {
        ok: false,
        error: fieldErrors(
          ctx,
          ErrorCode.BAD_USER_INPUT,
          blank.map((field) => ({ field, message: ctx.t(keys[field]) })),
        ),
      };
    }
    if (this.config.captchaEnabled && !(await this.captchas.consume(attempt.captchaId, attempt.captchaAnswer))) {
      return { ok: false, error: userError(ErrorCode.CAPTCHA_INVALID, ctx.t('captchaInvalid'), 'captchaAnswer') };
    }
    const username = attempt.username.trim();
    const lockedUntil = await this.lockout.lockedUntil(ctx, username);
    if (lockedUntil) return this.locked(ctx, lockedUntil);

    const em = systemEm(this.orm);
    const account = await em.findOne(Account, { username }, { populate: ['organization'] });
    const passwordOk = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), attempt.password);
    if (!account || !passwordOk) {
      const until = await this.lockout.recordFailure(ctx, username, account, 'login.failed');
      if (until) return this.locked(ctx, until);
      return { ok: false, error: userError(ErrorCode.WRONG_CREDENTIALS, ctx.t('wrongCredentials')) };
    }
    if (account.disabled) {
      // The right password is no failure to count toward a lock; the attempt is still audited.
      await em.transactional(async (tx) => {
        this.audit.record(ctx, tx, {
          action: 'login.failed',
          organization: account.organization.getEntity(),
          targetType: 'Account',
          targetId: account.id,
          actor: null,
        });
      });
      return { ok: false, error: userError(ErrorCode.ACCOUNT_DISABLED, ctx.t('accountDisabled')) };
    }

    const token = await em.transactional(async (tx) => {
      await this.lockout.recordSuccess(ctx, tx, username);
      if (previousToken) await this.sessions.end(tx, hashToken(previousToken));
      const fresh = this.sessions.open(tx, account, ctx.ip);
      // A plain UPDATE, not the entity's versioned one: simultaneous logins must not conflict, and signing
      // in is no edit that should make an administrator's open form of this account stale.
      await tx.nativeUpdate(Account, { id: account.id }, { lastLoginAt: this.clock.now() });
      const org = account.organization.getEntity();
      this.audit.record(ctx, tx, {
        action: 'login.succeeded',
        organization: org,
        targetType: 'Account',
        targetId: account.id,
        actor: { accountId: account.id, username: account.username },
      });
      return fresh;
    });
    const viewer = await this.sessions.resolve(token);
    if (!viewer) throw new Error('session vanished right after login');
    return { ok: true, token, viewer };
  }

  private locked(ctx: RequestContext, lockedUntil: Date): LoginOutcome {
    return { ok: false, lockedUntil, message: ctx.t('accountLocked', { time: formatShanghaiTime(lockedUntil) }) };
  }

  /** Ends every session of the account (this device and the others). */
  async logout(ctx: AuthedContext): Promise<void> {
    const viewer = ctx.viewer;
    await ctx.em.transactional(async (tx) => {
      await this.sessions.endSessions(tx, viewer.accountId);
      this.audit.record(ctx, tx, {
        action: 'logout',
        organization: { id: viewer.organizationId, path: viewer.orgPath },
        targetType: 'Account',
        targetId: viewer.accountId,
      });
    });
  }

  /**
   * Changes the caller's password, ends the other sessions and rotates this one. Returns the new cookie.
   * A wrong current password counts toward the same lockout as a failed login: a stolen session must
   * not become an unthrottled way to guess the password.
   */
  async changePassword(ctx: AuthedContext, currentPassword: string, newPassword: string): Promise<{ token: string } | { error: UserError }> {
    const viewer = ctx.viewer;
    const lockedUntil = await this.lockout.lockedUntil(ctx, viewer.username);
    if (lockedUntil) return { error: this.lockedError(ctx, lockedUntil) };
    const account = await systemEm(this.orm).findOneOrFail(Account, viewer.accountId, { populate: ['organization'] });
    // Both fields are judged in one answer: a wrong current password and a weak new one are shown together.
    const problem = passwordProblem(newPassword, account.username);
    const weak = problem && passwordProblemMessage(problem);
    const newPasswordError = weak ? { field: 'newPassword', message: ctx.t(weak.key, weak.params) } : null;
    if (!(await verifyPassword(account.passwordHash, currentPassword))) {
      const until = await this.lockout.recordFailure(ctx, account.username, account);
      if (until) return { error: this.lockedError(ctx, until) };
      const wrong = { field: 'currentPassword', message: ctx.t('wrongCurrentPassword') };
      return { error: fieldErrors(ctx, ErrorCode.WRONG_CREDENTIALS, newPasswordError ? [wrong, newPasswordError] : [wrong]) };
    }
    if (newPasswordError) return { error: fieldErrors(ctx, ErrorCode.WEAK_PASSWORD, [newPasswordError]) };
    if (newPassword === currentPassword) {
      return { error: userError(ErrorCode.WEAK_PASSWORD, ctx.t('samePassword'), 'newPassword') };
    }
    const passwordHash = await hashPassword(newPassword);
    const token = await ctx.em.transactional(async (tx) => {
      const acc = await tx.findOneOrFail(Account, viewer.accountId);
      acc.passwordHash = passwordHash;
      acc.mustChangePassword = false;
      await this.lockout.recordSuccess(ctx, tx, acc.username);
      await this.sessions.endSessions(tx, viewer.accountId);
      const fresh = this.sessions.open(tx, acc, ctx.ip);
      this.audit.record(ctx, tx, {
        action: 'account.password_changed',
        organization: { id: viewer.organizationId, path: viewer.orgPath },
        targetType: 'Account',
        targetId: viewer.accountId,
      });
      return fresh;
    });
    return { token };
  }

  private lockedError(ctx: RequestContext, lockedUntil: Date): UserError {
    return userError(ErrorCode.ACCOUNT_LOCKED, ctx.t('accountLocked', { time: formatShanghaiTime(lockedUntil) }), 'currentPassword');
  }
}
