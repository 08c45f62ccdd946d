import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import type { RequestContext } from '../common/request-context.js';
import { maskPersonalNumbers } from '../domain/mask.js';
import { AuditEntry } from './audit-entry.entity.js';
import type { AuditAction, AuditDetails, AuditTargetType } from './audit-vocabulary.js';

export interface AuditEvent {
  action: AuditAction;
  /** The organization the change belongs to (its path puts the row in its superiors' scope). */
  organization: { id: number; path: string };
  targetType?: AuditTargetType;
  targetId?: string | number;
  before?: AuditDetails | null;
  after?: AuditDetails | null;
  /** Defaults to the request's viewer. */
  actor?: { accountId: number; username: string } | null;
}

/**
 * Writes audit rows into the caller's unit of work, so they commit or roll back with the change.
 * The audit trail is read by many and kept forever, so it never holds a whole ID number or mobile:
 * whatever a caller passes in `before`/`after` is masked here, in the one place every row goes through.
 */
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
        targetId: event.targetId === undefined ? null : maskPersonalNumbers(String(event.targetId)),
        before: event.before ? maskedJson(event.before) : null,
        after: event.after ? maskedJson(event.after) : null,
        ip: ctx.ip,
        requestId: ctx.requestId,
      }),
    );
  }
}

/** A copy of a JSON-like value with personal numbers masked in every string, number and key. */
function maskedJson<T>(value: T): T {
  if (typeof value === 'string') return maskPersonalNumbers(value) as T;
  if (typeof value === 'number' || typeof value === 'bigint') {
    const masked = maskPersonalNumbers(String(value));
    return (masked === String(value) ? value : masked) as T;
  }
  if (Array.isArray(value)) return value.map(maskedJson) as T;
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskPersonalNumbers(k), maskedJson(v)])) as T;
}
