import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { RequestContext } from '../common/request-context.js';
import { clientKey } from '../common/client-key.js';
import { sqlRows } from '../org-scope/raw-sql.js';
import { systemEm } from '../org-scope/system-em.js';
import type { Account } from './account.entity.js';
import type { AuditService } from '../audit-trail/audit.service.js';
import type { AuditAction, AuditDetails } from '../audit-trail/audit-vocabulary.js';
import { LoginFailure, LoginLock } from './auth.entities.js';

/** Wrong passwords from one client address that lock the username for that address. */
export const ADDRESS_MAX_FAILURES = 5;
/** Wrong passwords from all addresses together that lock the username for everyone. */
export const ACCOUNT_MAX_FAILURES = 20;
export const FAILURE_WINDOW_MS = 15 * 60_000;
/** As long as the window, so a lock ends with every failure that caused it already forgotten. */
export const LOCK_MS = FAILURE_WINDOW_MS;
/** The `ip` of a lock that holds for every address. */
const EVERY_ADDRESS = '*';
const PRUNE_EVERY_MS = 60_000;

/**
 * Lockout after wrong passwords, at login and when changing the password. Counted per (username,
 * client) first, a client being its address (an IPv6 one by its /64, see clientKey), so whoever knows
 * a username can lock it only for themselves; the username locks for every client only at a higher
 * count from several. Unknown usernames count exactly like known ones, so the answers do not tell
 * which accounts exist. Times are the business clock's (tests move it).
 */
export class LoginLockout {
  private nextPruneAt = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** Until when `username` is locked for the caller's address (or for all), if it is. */
  async lockedUntil(ctx: RequestContext, username: string): Promise<Date | undefined> {
    const locks = await systemEm(this.orm).find(
      LoginLock,
      { username, ip: { $in: [clientKey(ctx.ip), EVERY_ADDRESS] }, lockedUntil: { $gt: this.clock.now() } },
      { orderBy: { lockedUntil: 'desc' }, limit: 1 },
    );
    return locks[0]?.lockedUntil;
  }

  /**
   * Counts a wrong password for `username` from the caller's address; returns the lock's end when this
   * failure locked it. `failedAction` names the audit row of the failure itself (the lock always gets one).
   */
  async recordFailure(ctx: RequestContext, username: string, account: Account | null, failedAction?: AuditAction): Promise<Date | undefined> {
    const now = this.clock.now();
    await this.prune(now);
    const address = clientKey(ctx.ip);
    return systemEm(this.orm).transactional(async (tx) => {
      tx.persist(tx.create(LoginFailure, { username, ip: address, at: now }));
      await tx.flush();
      const [counts] = await sqlRows<{ address: string; total: string }>(
        tx,
        'select count(*) filter (where ip = ?) as address, count(*) as total from login_failure where username = ? and at > ?',
        [address, username, new Date(now.getTime() - FAILURE_WINDOW_MS)],
      );
      const org = account?.organization.getEntity();
      const audit = (action: AuditAction, after?: AuditDetails) => {
        if (account && org)
          this.audit.record(ctx, tx, { action, organization: org, targetType: 'Account', targetId: account.id, after, actor: ctx.viewer ?? null });
      };
      if (failedAction) audit(failedAction);
      const ip = Number(counts.total) >= ACCOUNT_MAX_FAILURES ? EVERY_ADDRESS : Number(counts.address) >= ADDRESS_MAX_FAILURES ? address : undefined;
      if (!ip) return undefined;
      const until = new Date(now.getTime() + LOCK_MS);
      await tx.upsert(LoginLock, { username, ip, lockedUntil: until });
      audit('login.locked', { lockedUntil: until.toISOString(), scope: ip === EVERY_ADDRESS ? 'account' : 'address' });
      return until;
    });
  }

  /**
   * The right password forgets the failures from this address only: failures from other addresses
   * (perhaps an attacker's) keep counting toward the lock for everyone.
   */
  async recordSuccess(ctx: RequestContext, em: EntityManager, username: string): Promise<void> {
    await em.nativeDelete(LoginFailure, { username, ip: clientKey(ctx.ip) });
  }

  /**
   * Failures out of the window and ended locks decide nothing: delete them, at most once a minute per
   * process, so rows for made-up usernames (or a spray of addresses) cannot pile up.
   */
  private async prune(now: Date): Promise<void> {
    if (now.getTime() < this.nextPruneAt) return;
    this.nextPruneAt = now.getTime() + PRUNE_EVERY_MS;
    const em = systemEm(this.orm);
    await em.nativeDelete(LoginFailure, { at: { $lte: new Date(now.getTime() - FAILURE_WINDOW_MS) } });
    await em.nativeDelete(LoginLock, { lockedUntil: { $lte: now } });
  }
}
