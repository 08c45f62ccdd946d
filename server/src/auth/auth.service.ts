import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { Config } from '../config.js';
import type { RequestContext, Viewer } from '../app/context.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { userError, type UserError } from '../common/errors/error-result.js';
import { systemEm } from '../org-scope/system-em.js';
import { Account } from '../modules/account/account.entity.js';
import type { AuditService } from '../modules/audit/audit.service.js';
import { LoginFailure, LoginLock } from './auth.entities.js';
import type { CaptchaService } from './captcha.service.js';
import { hashToken, type SessionService } from './session.service.js';
import { dummyPasswordHash, hashPassword, isAcceptablePassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.js';
import { formatShanghaiTime } from './time-format.js';

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export type LoginOutcome =
  | { ok: true; token: string; viewer: Viewer }
  | { ok: false; error: UserError }
  | { ok: false; lockedUntil: Date; message: string };

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
  ) {}

  /**
   * Order matters: the captcha is checked (and spent) before anything else, so a wrong captcha costs the
   * attacker a fresh challenge and never reaches password verification; then the lock; then the password.
   * Unknown usernames verify against a dummy hash and count failures like real ones: same answers, same time.
   */
  async login(ctx: RequestContext, attempt: LoginAttempt, previousToken: string | undefined): Promise<LoginOutcome> {
    if (this.config.captchaEnabled && !(await this.captchas.consume(attempt.captchaId, attempt.captchaAnswer))) {
      return { ok: false, error: userError(ErrorCode.CAPTCHA_INVALID, ctx.t('captchaInvalid'), 'captchaAnswer') };
    }
    const username = attempt.username.trim();
    const em = systemEm(this.orm);
    const now = this.clock.now();
    const lock = await em.findOne(LoginLock, { username, lockedUntil: { $gt: now } });
    if (lock) return this.locked(ctx, lock.lockedUntil);

    const account = await em.findOne(Account, { username }, { populate: ['organization'] });
    const passwordOk = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), attempt.password);
    if (!account || !passwordOk || account.disabled) return this.failed(ctx, username, account);

    const token = await em.transactional(async (tx) => {
      await tx.nativeDelete(LoginFailure, { username });
      if (previousToken) await this.sessions.end(tx, hashToken(previousToken));
      const fresh = this.sessions.open(tx, account, ctx.ip);
      const acc = tx.merge(account);
      acc.lastLoginAt = now;
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

  private async failed(ctx: RequestContext, username: string, account: Account | null): Promise<LoginOutcome> {
    const now = this.clock.now();
    const lockedUntil = await systemEm(this.orm).transactional(async (tx) => {
      tx.persist(tx.create(LoginFailure, { username, at: now }));
      await tx.flush();
      const recent = await tx.count(LoginFailure, { username, at: { $gt: new Date(now.getTime() - FAILURE_WINDOW_MS) } });
      const org = account?.organization.getEntity();
      if (org) {
        this.audit.record(ctx, tx, { action: 'login.failed', organization: org, targetType: 'Account', targetId: account!.id, actor: null });
      }
      if (recent < MAX_FAILURES) return undefined;
      const until = new Date(now.getTime() + LOCK_MS);
      await tx.upsert(LoginLock, { username, lockedUntil: until });
      await tx.nativeDelete(LoginFailure, { username });
      if (org) {
        this.audit.record(ctx, tx, { action: 'login.locked', organization: org, targetType: 'Account', targetId: account!.id, after: { lockedUntil: until.toISOString() }, actor: null });
      }
      return until;
    });
    if (lockedUntil) return this.locked(ctx, lockedUntil);
    return { ok: false, error: userError(ErrorCode.WRONG_CREDENTIALS, ctx.t('wrongCredentials')) };
  }

  private locked(ctx: RequestContext, lockedUntil: Date): LoginOutcome {
    return { ok: false, lockedUntil, message: ctx.t('accountLocked', { time: formatShanghaiTime(lockedUntil) }) };
  }

  /** Ends every session of the account (this device and the others). */
  async logout(ctx: RequestContext): Promise<void> {
    const viewer = ctx.viewer!;
    await ctx.em.transactional(async (tx) => {
      await this.sessions.endSessions(tx, viewer.accountId);
      this.audit.record(ctx, tx, { action: 'logout', organization: { id: viewer.organizationId, path: viewer.orgPath }, targetType: 'Account', targetId: viewer.accountId });
    });
  }

  /** Changes the caller's password, ends the other sessions and rotates this one. Returns the new cookie. */
  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<{ token: string } | { error: UserError }> {
    const viewer = ctx.viewer!;
    const account = await systemEm(this.orm).findOneOrFail(Account, viewer.accountId);
    if (!(await verifyPassword(account.passwordHash, currentPassword))) {
      return { error: userError(ErrorCode.WRONG_CREDENTIALS, ctx.t('wrongCurrentPassword'), 'currentPassword') };
    }
    if (!isAcceptablePassword(newPassword, account.username)) {
      return { error: userError(ErrorCode.WEAK_PASSWORD, ctx.t('weakPassword', { min: MIN_PASSWORD_LENGTH }), 'newPassword') };
    }
    if (newPassword === currentPassword) {
      return { error: userError(ErrorCode.WEAK_PASSWORD, ctx.t('samePassword'), 'newPassword') };
    }
    const passwordHash = await hashPassword(newPassword);
    const token = await ctx.em.transactional(async (tx) => {
      const acc = await tx.findOneOrFail(Account, viewer.accountId);
      acc.passwordHash = passwordHash;
      acc.mustChangePassword = false;
      await this.sessions.endSessions(tx, viewer.accountId);
      const fresh = this.sessions.open(tx, acc, ctx.ip);
      this.audit.record(ctx, tx, { action: 'account.password_changed', organization: { id: viewer.organizationId, path: viewer.orgPath }, targetType: 'Account', targetId: viewer.accountId });
      return fresh;
    });
    return { token };
  }
}
