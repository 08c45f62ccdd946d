import { OptimisticLockError, type EntityClass, type EntityManager } from '@mikro-orm/postgresql';
import type { AuditService } from '../audit-trail/audit.service.js';
import type { AuditAction, AuditDetails, AuditField, AuditTargetType } from '../audit-trail/audit-vocabulary.js';
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
  action: AuditAction;
  /** What the audit row is about (the history tab it shows in). */
  targetType: AuditTargetType;
  /** The organization the change belongs to (its superiors see the audit row). Read before `apply`. */
  organization: (e: E) => { id: number; path: string };
  /**
   * Everything a user can change, as the audit shows it (personal numbers masked), read before and after
   * `apply`: the fields that differ are the change; none differing is no change at all.
   */
  view: (e: E) => AuditDetails;
  /**
   * Values compared but never written, by the field they stand behind (the blind index of a masked ID
   * number): a field whose hidden value changed is part of the change even when its masked form is the same.
   */
  hidden?: (e: E) => AuditDetails;
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
 * check the version the caller saw, apply, flush, and write the audit row with the changed fields
 * before/after in the same transaction. Whoever loses a race (a stale version, or the ORM's
 * optimistic-lock error when two flush at once) gets a VersionConflict carrying the current version,
 * never an internal error.
 * A change that changes no field of the view (saving a form as it was opened) writes nothing: no UPDATE
 * (housekeeping such as `updatedAt` or a re-sealed number is undone), no audit row, and the version
 * stays the one the caller sent, which is how the caller tells (see `wasChanged`).
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
      const before = { shown: change.view(row), hidden: change.hidden?.(row) ?? {} };
      const refused = await change.apply(row, tx);
      if (refused) throw new Refused(refused);
      const after = { shown: change.view(row), hidden: change.hidden?.(row) ?? {} };
      const fields = changedFields(before, after);
      if (!fields.length) {
        // Put the loaded row back as stored, so neither this transaction nor a later flush writes it.
        await tx.refresh(row);
        return row;
      }
      await tx.flush();
      if (row.version === change.version) return row; // the ORM found nothing to write after all
      await change.written?.(row, tx);
      audit.record(ctx, tx, {
        action: change.action,
        organization,
        targetType: change.targetType,
        targetId: row.id,
        before: pick(before.shown, fields),
        after: pick(after.shown, fields),
      });
      return row;
    });
  } catch (e) {
    if (e instanceof Refused) return e.error;
    if (e instanceof Stale || e instanceof OptimisticLockError) return conflict(ctx, change);
    throw e;
  }
}

/**
 * Whether a changeVersioned call wrote anything: it bumps the version exactly when it does, so a row
 * still at the version the caller sent was left as it was ("no change", 没有修改).
 */
export function wasChanged(row: { version: number }, sentVersion: number): boolean {
  return row.version !== sentVersion;
}

type Snapshot = { shown: AuditDetails; hidden: AuditDetails };

/** The fields whose shown or hidden value differs, in the view's order. */
function changedFields(before: Snapshot, after: Snapshot): AuditField[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const fields = [...new Set([...Object.keys(before.shown), ...Object.keys(after.shown)])] as AuditField[];
  return fields.filter((f) => !same(before.shown[f], after.shown[f]) || !same(before.hidden[f], after.hidden[f]));
}

function pick(details: AuditDetails, fields: AuditField[]): AuditDetails {
  return Object.fromEntries(fields.map((f) => [f, details[f] ?? null]));
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
