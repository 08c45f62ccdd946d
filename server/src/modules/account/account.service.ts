import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { userError, type UserError } from '../../common/errors/error-result.js';
import { sortOrder, type Order, type Page, type PageArgs, type SortDirection } from '../../common/pagination/page.js';
import { readSqlPage } from '../../common/pagination/sql-page.js';
import { SqlParams } from '../../org-scope/read-db.js';
import { ACCOUNT_SELECT, type AccountRow } from './account.reads.js';
import { assertInScope } from '../../org-scope/assert-in-scope.js';
import { hashPassword, temporaryPassword } from '../../auth/password.js';
import type { SessionService } from '../../auth/session.service.js';
import { LoginLock } from '../../auth/auth.entities.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import { changeVersioned } from '../../changes/versioned-change.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { escapeLike } from '../../org-scope/like-pattern.js';
import { Account } from '../../auth/account.entity.js';
import type { Role } from '../../auth/role.js';
import { AccountSort } from './account-sort.js';

const SORT_COLUMNS: Record<AccountSort, Order> = {
  [AccountSort.USERNAME]: { 'a.username': 'asc' },
  [AccountSort.DISPLAY_NAME]: { 'a.display_name': 'asc' },
};

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/;

/** Accounts of the caller's subtree: list, create, disable, reset passwords. */
export class AccountService {
  constructor(
    private readonly clock: Clock,
    private readonly organizations: OrganizationService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
  ) {}

  async list(
    ctx: AuthedContext,
    filter: { organizationId?: number | null; search?: string | null; sort?: AccountSort | null; direction?: SortDirection | null },
    pageArgs: PageArgs,
  ): Promise<Page<AccountRow>> {
    const params = new SqlParams();
    const where = ['a.org_path like $1'];
    // A chosen organization's own accounts; otherwise the whole subtree's.
    if (filter.organizationId != null) where.push(`a.organization_id = ${params.add((await this.organizations.get(ctx, filter.organizationId)).id)}`);
    if (filter.search) {
      const like = params.add(`%${escapeLike(filter.search)}%`);
      where.push(`(a.username ilike ${like} or a.display_name ilike ${like})`);
    }
    const order = sortOrder(SORT_COLUMNS[filter.sort ?? AccountSort.USERNAME], filter.direction, 'a.id');
    return readSqlPage(ctx, pageArgs, { select: ACCOUNT_SELECT, from: 'account a', where, params, order });
  }

  /** When the account is locked out by failed logins, until when. */
  async lockedUntil(ctx: AuthedContext, username: string): Promise<Date | null> {
    const lock = await ctx.em.findOne(LoginLock, { username, lockedUntil: { $gt: this.clock.now() } });
    return lock?.lockedUntil ?? null;
  }

  async create(
    ctx: AuthedContext,
    input: { organizationId: number; username: string; displayName: string; role: Role },
  ): Promise<{ account: Account; temporaryPassword: string } | UserError> {
    const org = await this.organizations.get(ctx, input.organizationId);
    const username = input.username.trim();
    if (!USERNAME.test(username)) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('usernameFormat'), 'username');
    const password = temporaryPassword(username);
    const passwordHash = await hashPassword(password);
    try {
      const account = await ctx.em.transactional(async (tx) => {
        const acc = tx.create(Account, {
          username,
          displayName: input.displayName.trim(),
          role: input.role,
          organization: org.id,
          orgPath: org.path,
          passwordHash,
          mustChangePassword: true,
          createdAt: this.clock.now(),
        });
        await tx.flush();
        this.audit.record(ctx, tx, {
          action: 'account.created',
          organization: org,
          targetType: 'Account',
          targetId: acc.id,
          after: { username, role: input.role },
        });
        return acc;
      });
      return { account, temporaryPassword: password };
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) return userError(ErrorCode.CONFLICT, ctx.t('usernameTaken'), 'username');
      throw e;
    }
  }

  /** Disabling ends the account's sessions. Setting what is already set writes nothing (a double click). */
  async setDisabled(ctx: AuthedContext, id: number, disabled: boolean, version: number): Promise<Account | UserError> {
    if (id === ctx.viewer.accountId) return userError(ErrorCode.FORBIDDEN, ctx.t('cannotDisableSelf'));
    return changeVersioned(ctx, this.audit, {
      entity: Account,
      id,
      version,
      action: disabled ? 'account.disabled' : 'account.enabled',
      targetType: 'Account',
      organization: (acc) => ({ id: acc.organization.id, path: acc.orgPath }),
      view: (acc) => ({ disabled: acc.disabled }),
      apply: (acc) => void (acc.disabled = disabled),
      written: async (acc, tx) => {
        if (disabled) await this.sessions.endSessions(tx, acc.id);
      },
    });
  }

  /**
   * Only an admin of a strict superior resets a password: the manual sends forgotten passwords "to the
   * superior union". Ends the target's sessions; the temporary password must be changed at next login.
   */
  async resetPassword(ctx: AuthedContext, id: number): Promise<{ account: Account; temporaryPassword: string } | UserError> {
    const viewer = ctx.viewer;
    const target = await ctx.em.findOne(Account, id);
    if (!target) throw new AppError('NOT_FOUND', ctx.t('notFound'));
    assertInScope(ctx, target.orgPath);
    if (target.orgPath === viewer.orgPath) return userError(ErrorCode.FORBIDDEN, ctx.t('resetOnlyBelow'));
    const password = temporaryPassword(target.username);
    const passwordHash = await hashPassword(password);
    const account = await ctx.em.transactional(async (tx) => {
      const acc = await tx.findOneOrFail(Account, id);
      acc.passwordHash = passwordHash;
      acc.mustChangePassword = true;
      await this.sessions.endSessions(tx, acc.id);
      await tx.nativeDelete(LoginLock, { username: acc.username });
      await tx.flush();
      this.audit.record(ctx, tx, {
        action: 'account.password_reset',
        organization: { id: acc.organization.id, path: acc.orgPath },
        targetType: 'Account',
        targetId: acc.id,
      });
      return acc;
    });
    return { account, temporaryPassword: password };
  }
}
