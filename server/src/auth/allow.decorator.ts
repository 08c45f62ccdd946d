import type { Permission } from './permissions.js';

/**
 * Access declarations, read by the auth guard. Deny by default: a Query or Mutation field whose
 * resolver method (or class) has neither `@Allow` nor `@Public` is refused for everyone.
 */
export type AccessRule =
  | { kind: 'public' }
  /** Any logged-in user holding every listed permission (none listed: any logged-in user). */
  | { kind: 'allow'; permissions: Permission[]; allowDuringPasswordChange: boolean };

const RULES = new Map<Function, { classRule?: AccessRule; methods: Map<string, AccessRule> }>();

function entryFor(target: Function) {
  let entry = RULES.get(target);
  if (!entry) RULES.set(target, (entry = { methods: new Map() }));
  return entry;
}

function declare(rule: AccessRule) {
  return (target: object, propertyKey?: string | symbol): void => {
    if (propertyKey === undefined) entryFor(target as Function).classRule = rule;
    else entryFor((target as { constructor: Function }).constructor).methods.set(String(propertyKey), rule);
  };
}

/**
 * The rules themselves, for what is not a resolver (the file routes declare theirs in a table with
 * these); the decorators below put the same values on resolvers.
 */
export const access = {
  allow: (...permissions: Permission[]): AccessRule => ({ kind: 'allow', permissions, allowDuringPasswordChange: false }),
  allowDuringPasswordChange: (): AccessRule => ({ kind: 'allow', permissions: [], allowDuringPasswordChange: true }),
  public: (): AccessRule => ({ kind: 'public' }),
};

export function Allow(...permissions: Permission[]) {
  return declare(access.allow(...permissions));
}

/** For the few operations a user whose password was reset must still reach (change it, log out, who am I). */
export function AllowDuringPasswordChange() {
  return declare(access.allowDuringPasswordChange());
}

export function Public() {
  return declare(access.public());
}

/** How the permission snapshot writes a rule (server/test/__snapshots__/operation-permissions.json). */
export function describeAccess(rule: AccessRule): string {
  if (rule.kind === 'public') return 'PUBLIC';
  if (rule.permissions.length) return rule.permissions.join(' + ');
  return rule.allowDuringPasswordChange ? 'LOGGED_IN (also during forced password change)' : 'LOGGED_IN';
}

export function accessRuleOf(resolverClass: Function, methodName: string): AccessRule | undefined {
  const entry = RULES.get(resolverClass);
  return entry?.methods.get(methodName) ?? entry?.classRule;
}
