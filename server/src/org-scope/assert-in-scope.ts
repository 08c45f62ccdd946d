import type { EntityClass, EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../common/errors/app-error.js';
import { t } from '../common/i18n/messages.js';
import { toId } from '../common/ids.js';
import type { AuthedContext, RequestContext } from '../common/request-context.js';
import { isWithin } from './org-path.js';
import type { OrgScopedEntity } from './scoped-entity.js';

/**
 * Writes call this before touching an org-owned row they reached by id. Outside the subtree looks
 * exactly like a missing row (NOT_FOUND), so ids of other unions cannot be probed.
 */
export function assertInScope(ctx: RequestContext, orgPath: string): void {
  if (!ctx.viewer || !isWithin(orgPath, ctx.viewer.orgPath)) {
    throw new AppError('NOT_FOUND', t(ctx.lang, 'notFound'));
  }
}

/** The most ids one call checks: a batch of hundreds of members with room to spare (and far below PostgreSQL's bind limit). */
export const MAX_IDS_PER_SCOPE_CHECK = 1000;
/** How many offending ids an error names; `notFoundCount` / the message's count covers the rest. */
export const LISTED_IDS = 20;

/**
 * assertInScope for a batch (a submission of 500 members, a bulk approval): loads the rows of `entity`
 * with these ids in ONE query through the caller's scoped EntityManager and returns them in the order
 * asked. If any id is missing or outside the caller's subtree (the two look the same, as with
 * assertInScope) it throws NOT_FOUND naming the first {@link LISTED_IDS} of them, as the caller sent
 * them, in `extensions.notFoundIds`, and how many there are in `extensions.notFoundCount`, so a clerk
 * fixes the whole batch in one round. Repeated ids, and more than {@link MAX_IDS_PER_SCOPE_CHECK}, are
 * BAD_USER_INPUT. `ids` are GraphQL IDs or numbers; one that is not a positive integer is not found.
 *
 * Inside `ctx.em.transactional(tx => ...)` pass `tx`: ctx.em does not join the transaction by itself,
 * and `tx` is a fork of it with the same scope.
 */
export async function assertAllInScope<E extends OrgScopedEntity & { id: number }>(
  ctx: AuthedContext,
  entity: EntityClass<E>,
  ids: readonly (string | number)[],
  em: EntityManager = ctx.em,
): Promise<E[]> {
  if (ids.length > MAX_IDS_PER_SCOPE_CHECK) throw new AppError('BAD_USER_INPUT', ctx.t('idsTooMany', { max: MAX_IDS_PER_SCOPE_CHECK }));
  const wanted = ids.map(toId);
  const seen = new Set<number>();
  const repeated: string[] = [];
  ids.forEach((raw, i) => {
    if (wanted[i] <= 0) return; // not an id at all: reported below as not found
    if (seen.has(wanted[i])) repeated.push(String(raw));
    else seen.add(wanted[i]);
  });
  if (repeated.length) {
    throw new AppError('BAD_USER_INPUT', ctx.t('idsRepeated', { ids: listed(ctx, repeated) }), {
      repeatedIds: repeated.slice(0, LISTED_IDS),
      repeatedCount: repeated.length,
    });
  }
  const rows = seen.size ? await em.find(entity, { id: { $in: [...seen] } } as never) : [];
  // The scope filter already kept other subtrees out of `rows`. Checking each path again keeps this
  // tenancy check right even if an EntityManager without the filter is passed in.
  const byId = new Map(rows.filter((r) => isWithin(r.orgPath, ctx.viewer.orgPath)).map((r) => [r.id, r]));
  const notFound = ids.filter((_, i) => !byId.has(wanted[i])).map(String);
  if (notFound.length) {
    throw new AppError('NOT_FOUND', ctx.t('notFoundSome', { count: notFound.length, ids: listed(ctx, notFound) }), {
      notFoundIds: notFound.slice(0, LISTED_IDS),
      notFoundCount: notFound.length,
    });
  }
  return wanted.map((id) => byId.get(id)!);
}

/** The first LISTED_IDS ids for a clerk to read, with an ellipsis when there are more. */
function listed(ctx: RequestContext, ids: string[]): string {
  const shown = ids.slice(0, LISTED_IDS).join(ctx.lang === 'en' ? ', ' : '、');
  return ids.length > LISTED_IDS ? `${shown}…` : shown;
}
