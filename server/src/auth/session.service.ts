import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { Viewer } from '../common/request-context.js';
import { systemEm } from '../org-scope/system-em.js';
import { Account } from './account.entity.js';
import { unscopedSql, type ReadDb } from '../org-scope/read-db.js';
import { systemReads } from '../org-scope/system-reads.js';
import type { Role } from './role.js';
import type { Tier } from '../org-scope/tier.js';
import { permissionsOf } from './permissions.js';
import { Session } from './auth.entities.js';

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 8 * 3600_000;
/** lastSeenAt is refreshed at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A request's session and its account, the one statement every request runs: on the read path, as a
 * prepared statement. Exported for bench/reads.js, whose bare server answers from the same statement.
 */
export const SESSION_VIEWER = unscopedSql(
  `select s.created_at, s.last_seen_at, a.id as account_id, a.username, a.display_name, a.role, a.must_change_password, a.disabled,
          o.id as organization_id, o.path, o.tier
     from session s join account a on a.id = s.account_id join organization o on o.id = a.organization_id
    where s.token_hash = $1`,
);

/** Server-side sessions behind an opaque cookie of 256 random bits. */
export class SessionService {
  private readonly reads: ReturnType<typeof systemReads>;

  constructor(
    private readonly orm: MikroORM,
    readDb: ReadDb,
    private readonly clock: Clock,
  ) {
    // Sessions have no caller scope: they are how a caller is known.
    this.reads = systemReads(readDb);
  }

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
    const tokenHash = hashToken(token);
    const [session] = await this.reads.rows<SessionRow>(SESSION_VIEWER, [tokenHash]);
    if (!session) return undefined;
    const now = this.clock.now().getTime();
    const lastSeen = new Date(session.last_seen_at).getTime();
    const expired = now - lastSeen > IDLE_TIMEOUT_MS || now - new Date(session.created_at).getTime() > ABSOLUTE_TIMEOUT_MS;
    // Writes (rare: at most once a minute per session) stay on the ORM's connection, the read path only reads.
    if (expired || session.disabled) {
      await systemEm(this.orm).nativeDelete(Session, { tokenHash });
      return undefined;
    }
    if (now - lastSeen > TOUCH_INTERVAL_MS) await systemEm(this.orm).nativeUpdate(Session, { tokenHash }, { lastSeenAt: new Date(now) });
    return {
      accountId: session.account_id,
      username: session.username,
      displayName: session.display_name,
      role: session.role,
      organizationId: session.organization_id,
      orgPath: session.path,
      tier: session.tier,
      mustChangePassword: session.must_change_password,
      permissions: permissionsOf(session.role, session.tier),
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

interface SessionRow {
  created_at: Date;
  last_seen_at: Date;
  account_id: number;
  username: string;
  display_name: string;
  role: Role;
  must_change_password: boolean;
  disabled: boolean;
  organization_id: number;
  path: string;
  tier: Tier;
}
