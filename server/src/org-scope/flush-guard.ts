import type { EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import { AppError } from '../common/errors/app-error.js';
import { SCOPE_FILTER, type ScopeParams } from './scope-filter.js';
import { isWithin } from './org-path.js';

/**
 * Last line of the tenancy boundary for writes: a request's EntityManager carries the caller's
 * scope as filter parameters, and nothing it flushes may belong to an organization outside that scope,
 * whatever the service code forgot to check. The system EntityManager has no scope and is not checked.
 */
export class ScopeFlushGuard implements EventSubscriber {
  onFlush(args: FlushEventArgs): void {
    const scope = args.em.getFilterParams<ScopeParams>(SCOPE_FILTER);
    if (!scope || 'unscoped' in scope) return;
    for (const cs of args.uow.getChangeSets()) {
      const entity = cs.entity as { orgPath?: string; path?: string };
      const path = entity.orgPath ?? (cs.name === 'Organization' ? entity.path : undefined);
      if (path !== undefined && !isWithin(path, scope.path)) {
        throw new AppError('FORBIDDEN', 'write outside the caller scope');
      }
    }
  }
}
