import type { MiddlewareFn } from 'type-graphql';
import { getMetadataStorage } from 'type-graphql';
import type { RequestContext } from '../common/request-context.js';
import { AppError } from '../common/errors/app-error.js';
import { accessRuleOf, type AccessRule } from './allow.decorator.js';

/** `Query.organizations` -> its declared access rule (undefined: none declared, so denied). */
export function operationRules(): Map<string, AccessRule | undefined> {
  const storage = getMetadataStorage();
  const rules = new Map<string, AccessRule | undefined>();
  for (const [kind, list] of [
    ['Query', storage.queries],
    ['Mutation', storage.mutations],
    ['Subscription', storage.subscriptions],
  ] as const) {
    for (const op of list) rules.set(`${kind}.${op.schemaName}`, accessRuleOf(op.target, op.methodName));
  }
  return rules;
}

/**
 * The one access check, for GraphQL operations and file routes alike. Deny by default: no
 * declaration, no access. Session checks come before permission checks, so an anonymous caller
 * learns only that it must log in.
 */
export function checkAccess(rule: AccessRule | undefined, ctx: RequestContext): void {
  if (!rule) throw new AppError('FORBIDDEN', ctx.t('forbidden'));
  if (rule.kind === 'public') return;
  const viewer = ctx.viewer;
  if (!viewer) throw new AppError('UNAUTHENTICATED', ctx.t('unauthenticated'));
  if (viewer.mustChangePassword && !rule.allowDuringPasswordChange) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', ctx.t('passwordChangeRequired'));
  }
  if (!rule.permissions.every((p) => viewer.permissions.includes(p))) throw new AppError('FORBIDDEN', ctx.t('forbidden'));
}

/** Runs `checkAccess` before every root field. */
export function authGuard(rules: Map<string, AccessRule | undefined>): MiddlewareFn<RequestContext> {
  return async ({ context: ctx, info }, next) => {
    if (info.parentType !== info.schema.getQueryType() && info.parentType !== info.schema.getMutationType()) return next();
    checkAccess(rules.get(`${info.parentType.name}.${info.fieldName}`), ctx);
    return next();
  };
}
