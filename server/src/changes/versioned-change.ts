import { OptimisticLockError, type EntityClass, type EntityManager } from '@mikro-orm/postgresql';
import type { AuditService } from '../audit-trail/audit.service.js';
import { AppError } from '../common/errors/app-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { VersionConflict, type UserError } from '../common/errors/error-result.js';
import type { AuthedContext } from '../common/request-context.js';
import { assertInScope } from '../org-scope/assert-in-scope.js';

/** An org-owned row with an optimistic-lock version (`@Property({ version: true })`). */
export interface Versioned {
  id: number | string;
  version: number;
  orgPath: string;
}

export interface VersionedChange<E extends Versioned> {
  entity: EntityClass<E>;
  id: E['id'];
  /** The version the caller last saw; any other is a conflict. */
  version: number;
  /** The audit action, e.g. `enterprise.updated`. */
  action: string;
  /** The organization the change belongs to (its superiors see the audit row). Read before `apply`. */
  organization: (e: E) => { id: number; path: string };
  /** The audited fields, read before and after `apply`. */
  view: (e: E) => Record<string, unknown>;
  /** Makes the change on the loaded row. Returning a UserError refuses it: nothing is written. */
  apply: (e: E, tx: EntityManager) => void | UserError | Promise<void | UserError>;
  /**
   * Further work once the row is written, in the same transaction (e.g. ending an account's sessions).
   * The row's lock is held by then, so a racer that loses never does it, and racers queue on the row
   * instead of on whatever this work touches.
   */
  written?: (e: E, tx: EntityManager) => Promise<void>;
}

/**
 * THE way to change a versioned row: load it in the caller's scope (outside looks like not found),
 * check the version the caller saw, apply, flush, and write the audit row with before/after in the
 * same transaction. Whoever loses a race (a stale version, or the ORM's optimistic-lock error when two
 * flush at once) gets a VersionConflict carrying the current version, never an internal error.
 * A change that changes nothing (the ORM writes no UPDATE, the version stays) is not audited.
 */
export async function changeVersioned<E extends Versioned>(
  ctx: AuthedContext,
  audit: AuditService,
  change: VersionedChange<E>,
): Promise<E | VersionConflict | UserError> {
  try {
    return await ctx.em.transactional(async (tx) => {
      const row = await tx.findOne(change.entity, change.id as never);
      if (!row) throw new AppError('NOT_FOUND', ctx.t('notFound'));
      assertInScope(ctx, row.orgPath);
      if (row.version !== change.version) throw new Stale();
      const organization = change.organization(row);
      const before = change.view(row);
      const refused = await change.apply(row, tx);
      if (refused) throw new Refused(refused);
      await tx.flush();
      if (row.version === change.version) return row; // nothing to write: a double click
      await change.written?.(row, tx);
      audit.record(ctx, tx, { action: change.action, organization, targetType: change.entity.name, targetId: row.id, before, after: change.view(row) });
      return row;
    });
  } catch (e) {
    if (e instanceof Refused) return e.error;
    if (e instanceof Stale || e instanceof OptimisticLockError) return conflict(ctx, change);
    throw e;
  }
}

/** The loser's answer, with the version that won, so the client can show the fresh row. */
async function conflict<E extends Versioned>(ctx: AuthedContext, change: VersionedChange<E>): Promise<VersionConflict> {
  const current = await ctx.em.fork().findOne(change.entity, change.id as never);
  if (!current) throw new AppError('NOT_FOUND', ctx.t('notFound'));
  return Object.assign(new VersionConflict(), { code: ErrorCode.CONFLICT, message: ctx.t('conflict'), field: null, currentVersion: current.version });
}

/** Unwinds the transaction (so nothing `apply` did is written) and carries the refusal out. */
class Refused extends Error {
  constructor(readonly error: UserError) {
    super('refused');
  }
}

class Stale extends Error {}
