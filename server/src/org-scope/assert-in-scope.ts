import { AppError } from '../common/errors/app-error.js';
import { t } from '../common/i18n/messages.js';
import type { RequestContext } from '../common/request-context.js';
import { isWithin } from './org-path.js';

/**
 * Writes call this before touching an org-owned row they reached by id. Outside the subtree looks
 * exactly like a missing row (NOT_FOUND), so ids of other unions cannot be probed.
 */
export function assertInScope(ctx: RequestContext, orgPath: string): void {
  if (!ctx.viewer || !isWithin(orgPath, ctx.viewer.orgPath)) {
    throw new AppError('NOT_FOUND', t(ctx.lang, 'notFound'));
  }
}
