import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../common/errors/app-error.js';
import type { AuthedContext, RequestContext } from '../common/request-context.js';
import { transitionFor, type StateMachine } from '../domain/state-machine.js';
import { StateChange } from './state-change.entity.js';
import { sqlRows } from '../org-scope/raw-sql.js';

/** Who makes a move: a logged-in user (with their permissions), or the system (a job). */
export type Mover = { accountId: number; username: string; permissions: readonly string[] } | 'system';

export type Reason = StateChange['reason'];

/** The logged-in caller as a mover. */
export function moverOf(ctx: AuthedContext): Mover {
  return { accountId: ctx.viewer.accountId, username: ctx.viewer.username, permissions: ctx.viewer.permissions };
}

export interface Move<S extends string, E extends string> {
  machine: StateMachine<S, E>;
  subject: { id: string | number; orgPath: string };
  /** The state the mover saw. */
  from: S;
  event: E;
  by: Mover;
  at: Date;
  reason?: Reason;
}

/**
 * THE transition kernel: checks the move against the machine's table (the event must lead somewhere
 * from `from`, and a user must hold its permission; system moves are the system's alone), makes it
 * with `write`, and records the state-change row in the same transaction (`tx`).
 *
 * `write(to)` changes the row only if it is still in `from` (a compare-and-set: the state is the
 * row's version) and says whether it did. A versioned ORM row does this through changeVersioned.
 * A mover who lost a race (the row moved meanwhile) gets CONFLICT; nothing is written.
 */
export async function transition<S extends string, E extends string>(
  ctx: Pick<RequestContext, 't'>,
  tx: EntityManager,
  move: Move<S, E>,
  write: (to: S) => Promise<boolean>,
): Promise<S> {
  const t = allowedMove(ctx, move);
  if (!(await write(t.to))) throw new AppError('CONFLICT', ctx.t('conflict'));
  recordStateChange(tx, move.machine.subject, move.subject, {
    from: move.from,
    to: t.to,
    event: move.event,
    by: move.by,
    at: move.at,
    reason: move.reason ?? null,
  });
  return t.to;
}

export interface BulkMove<S extends string, E extends string> extends Omit<Move<S, E>, 'subject'> {
  /** Every subject the mover saw in `from`. */
  subjects: readonly Move<S, E>['subject'][];
}

/**
 * The kernel for many subjects moved at once from one state (a reviewer's bulk approval, the submissions
 * of a district batch): the same checks, once; `write(to)` moves them with one compare-and-set statement
 * and says how many it moved. Fewer than all is a CONFLICT (the caller's transaction then writes
 * nothing); the state-change rows go in with one statement.
 */
export async function transitionAll<S extends string, E extends string>(
  ctx: Pick<RequestContext, 't'>,
  tx: EntityManager,
  move: BulkMove<S, E>,
  write: (to: S) => Promise<number>,
  conflict: () => AppError = () => new AppError('CONFLICT', ctx.t('conflict')),
): Promise<S> {
  const t = allowedMove(ctx, move);
  if (!move.subjects.length) return t.to;
  if ((await write(t.to)) !== move.subjects.length) throw conflict();
  const by = move.by === 'system' ? { accountId: null, username: null } : move.by;
  await sqlRows(
    tx,
    `insert into state_change (org_path, subject_type, subject_id, from_state, to_state, event, actor_account_id, actor_username, at, reason)
     select s.path, ?, s.id, ?, ?, ?, ?, ?, ?, ?::jsonb from unnest(?::text[], ?::text[]) as s(path, id)`,
    [
      move.machine.subject,
      move.from,
      t.to,
      move.event,
      by.accountId,
      by.username,
      move.at,
      move.reason ? JSON.stringify(move.reason) : null,
      move.subjects.map((x) => x.orgPath),
      move.subjects.map((x) => String(x.id)),
    ],
  );
  return t.to;
}

/** The machine's transition for the move, if the mover may make it: CONFLICT when none leads from `from`, FORBIDDEN without the permission. */
function allowedMove<S extends string, E extends string>(ctx: Pick<RequestContext, 't'>, move: Pick<Move<S, E>, 'machine' | 'from' | 'event' | 'by'>) {
  const t = transitionFor(move.machine, move.from, move.event);
  if (!t) throw new AppError('CONFLICT', ctx.t('invalidTransition'), { state: move.from, event: move.event });
  if (move.by === 'system' ? t.permission !== null : t.permission === null || !move.by.permissions.includes(t.permission)) {
    throw new AppError('FORBIDDEN', ctx.t('forbidden'));
  }
  return t;
}

/** The first row of a timeline: the subject came to be in its machine's initial state. */
export function recordCreation<S extends string, E extends string>(
  tx: EntityManager,
  machine: StateMachine<S, E>,
  subject: Move<S, E>['subject'],
  by: Mover,
  at: Date,
): void {
  recordStateChange(tx, machine.subject, subject, { from: null, to: machine.initial, event: 'CREATE', by, at, reason: null });
}

function recordStateChange(
  tx: EntityManager,
  subjectType: string,
  subject: Move<string, string>['subject'],
  c: { from: string | null; to: string; event: string; by: Mover; at: Date; reason: Reason },
): void {
  tx.persist(
    tx.create(StateChange, {
      orgPath: subject.orgPath,
      subjectType,
      subjectId: String(subject.id),
      fromState: c.from,
      toState: c.to,
      event: c.event,
      actorAccountId: c.by === 'system' ? null : c.by.accountId,
      actorUsername: c.by === 'system' ? null : c.by.username,
      at: c.at,
      reason: c.reason,
    }),
  );
}

/** A subject's timeline, oldest first, read in the caller's scope. */
export function timelineOf(em: EntityManager, subjectType: string, subjectId: string | number): Promise<StateChange[]> {
  return em.find(StateChange, { subjectType, subjectId: String(subjectId) }, { orderBy: { id: 'asc' } });
}
