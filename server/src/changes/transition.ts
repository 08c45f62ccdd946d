import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../common/errors/app-error.js';
import type { AuthedContext, RequestContext } from '../common/request-context.js';
import { transitionFor, type StateMachine } from '../domain/state-machine.js';
import { StateChange } from './state-change.entity.js';

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
  const t = transitionFor(move.machine, move.from, move.event);
  if (!t) throw new AppError('CONFLICT', ctx.t('invalidTransition'), { state: move.from, event: move.event });
  if (move.by === 'system' ? t.permission !== null : t.permission === null || !move.by.permissions.includes(t.permission)) {
    throw new AppError('FORBIDDEN', ctx.t('forbidden'));
  }
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
