import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { Viewer } from '../app/context.js';
import { systemEm } from '../org-scope/system-em.js';
import { Account } from '../modules/account/account.entity.js';
import { permissionsOf } from './permissions.js';
import { Session } from './auth.entities.js';

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 8 * 3600_000;
/** lastSeenAt is refreshed at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Server-side sessions behind an opaque cookie of 256 random bits. */
export class SessionService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
  ) {}

  /** Creates a session in `em`'s unit of work; returns the cookie value (never stored). */
  open(em: EntityManager, account: Account, ip: string): string {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    em.persist(em.create(Session, { tokenHash: hashToken(token), account, createdAt: now, lastSeenAt: now, ip }));
    return token;
  }

  /** The viewer of a live session, or undefined when missing, idle, too old or the account is disabled. */
  async resolve(token: string | undefined): Promise<Viewer | undefined> {
    if (!token || token.length > 100) return undefined;
    const em = systemEm(this.orm);
    const tokenHash = hashToken(token);
    const session = await em.findOne(Session, { tokenHash }, { populate: ['account', 'account.organization'] });
    if (!session) return undefined;
    const now = this.clock.now().getTime();
    const account = session.account.getEntity();
    const expired = now - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS || now - session.createdAt.getTime() > ABSOLUTE_TIMEOUT_MS;
    if (expired || account.disabled) {
      await em.nativeDelete(Session, { tokenHash });
      return undefined;
    }
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await em.nativeUpdate(Session, { tokenHash }, { lastSeenAt: new Date(now) });
    }
    const org = account.organization.getEntity();
    return {
      accountId: account.id,
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      organizationId: org.id,
      orgPath: org.path,
      tier: org.tier,
      mustChangePassword: account.mustChangePassword,
      permissions: permissionsOf(account.role, org.tier),
      sessionTokenHash: tokenHash,
    };
  }

  /** Ends every session of the account except `keepTokenHash` (pass none to end them all). */
  async endSessions(em: EntityManager, accountId: number, keepTokenHash?: string): Promise<void> {
    await em.nativeDelete(Session, { account: accountId, ...(keepTokenHash ? { tokenHash: { $ne: keepTokenHash } } : {}) });
  }

  async end(em: EntityManager, tokenHash: string): Promise<void> {
    await em.nativeDelete(Session, { tokenHash });
  }
}
