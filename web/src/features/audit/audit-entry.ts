/** The message key of each audit action the server writes; other actions are shown as their raw code. */
// Maps, not object literals: a code such as `toString` must not find Object.prototype.
const ACTION_KEYS = new Map<string, string>([
  ['login.succeeded', 'audit.actions.loginSucceeded'],
  ['login.failed', 'audit.actions.loginFailed'],
  ['login.locked', 'audit.actions.loginLocked'],
  ['logout', 'audit.actions.logout'],
  ['account.created', 'audit.actions.accountCreated'],
  ['account.disabled', 'audit.actions.accountDisabled'],
  ['account.enabled', 'audit.actions.accountEnabled'],
  ['account.password_reset', 'audit.actions.accountPasswordReset'],
  ['account.password_changed', 'audit.actions.accountPasswordChanged'],
  ['organization.created', 'audit.actions.organizationCreated'],
  ['member.created', 'audit.actions.memberCreated'],
  ['member.updated', 'audit.actions.memberUpdated'],
  ['member.revealed', 'audit.actions.memberRevealed'],
  ['member.life_status', 'audit.actions.memberLifeStatus'],
  ['member.transferred', 'audit.actions.memberTransferred'],
  ['enterprise.created', 'audit.actions.enterpriseCreated'],
  ['enterprise.updated', 'audit.actions.enterpriseUpdated'],
]);

const TARGET_TYPE_KEYS = new Map<string, string>([
  ['Account', 'audit.targetTypes.Account'],
  ['Organization', 'audit.targetTypes.Organization'],
  ['Member', 'audit.targetTypes.Member'],
  ['Enterprise', 'audit.targetTypes.Enterprise'],
]);

type Translate = (key: string) => string;

/** A readable label for an action code, e.g. `login.failed` -> 登录失败. */
export function auditActionLabel(action: string, t: Translate): string {
  const key = ACTION_KEYS.get(action);
  return key ? t(key) : action;
}

/** What the entry is about, e.g. `账号 #12`; an unknown type keeps its name. */
export function auditTargetLabel(targetType: string | null, targetId: string | null, t: Translate): string {
  const typeKey = targetType ? TARGET_TYPE_KEYS.get(targetType) : undefined;
  const type = typeKey ? t(typeKey) : (targetType ?? '');
  return [type, targetId ? `#${targetId}` : ''].filter(Boolean).join(' ');
}

/** JSON on one line without spaces; text that is not JSON is kept as it is. */
function compactJson(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json));
  } catch {
    return json;
  }
}

/** The change in one line: `before → after`, or just the side that exists. */
export function auditDetails(before: string | null, after: string | null): string {
  if (before && after) return `${compactJson(before)} → ${compactJson(after)}`;
  if (after) return compactJson(after);
  return before ? `${compactJson(before)} → ∅` : '';
}
