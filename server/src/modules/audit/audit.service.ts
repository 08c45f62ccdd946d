import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import type { RequestContext } from '../../app/context.js';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditEvent {
  action: string;
  /** The organization the change belongs to (its path puts the row in its superiors' scope). */
  organization: { id: number; path: string };
  targetType?: string;
  targetId?: string | number;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Defaults to the request's viewer. */
  actor?: { accountId: number; username: string } | null;
}

/** Writes audit rows into the caller's unit of work, so they commit or roll back with the change. */
export class AuditService {
  constructor(private readonly clock: Clock) {}

  record(ctx: RequestContext, em: EntityManager, event: AuditEvent): void {
    const actor = event.actor === undefined ? ctx.viewer : event.actor;
    em.persist(
      em.create(AuditEntry, {
        at: this.clock.now(),
        actorAccountId: actor?.accountId ?? null,
        actorUsername: actor?.username ?? null,
        organizationId: event.organization.id,
        orgPath: event.organization.path,
        action: event.action,
        targetType: event.targetType ?? null,
        targetId: event.targetId === undefined ? null : String(event.targetId),
        before: event.before ?? null,
        after: event.after ?? null,
        ip: ctx.ip,
        requestId: ctx.requestId,
      }),
    );
  }
}
