import type { AuditAction, AuditField, AuditTargetType } from '../../gql/graphql';
import { formatShanghaiTimestamp } from '../../i18n/datetime';

/**
 * How an audit entry reads to a clerk. Actions, target types and fields are the API's enums, and the
 * catalogs have a message for every value of each (checked when compiling, and by a test against
 * schema.graphql), so no raw code reaches the page.
 */

/** What has a history tab (变更记录) of its own. */
export type HistoryTarget = Extract<AuditTargetType, 'MEMBER' | 'ENTERPRISE' | 'ACCOUNT' | 'ORGANIZATION'>;

/** One field of an entry as the API sends it (`changes { field before after }`). */
export interface AuditChange {
  field: AuditField;
  before?: string | null;
  after?: string | null;
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** A readable label for an action, e.g. MEMBER_EXPORTED -> 导出会员信息. */
export function auditActionLabel(action: AuditAction, t: Translate): string {
  return t(`audit.actions.${action}`);
}

/**
 * What the entry is about: its type and the name the server resolved (`会员 张三（000000000123）`), or
 * the type and id when the thing is gone or out of the reader's sight (`会员 #12`).
 */
export function auditTargetLabel(entry: { targetType?: AuditTargetType | null; targetId?: string | null; targetName?: string | null }, t: Translate): string {
  if (!entry.targetType) return '';
  const type = t(`audit.targetTypes.${entry.targetType}`);
  if (entry.targetName) return `${type} ${entry.targetName}`;
  return entry.targetId ? `${type} #${entry.targetId}` : type;
}

/** A field's label; a member's name is 姓名 (an enterprise's or union's: 名称). */
export function auditFieldLabel(field: AuditField, targetType: AuditTargetType | null | undefined, t: Translate): string {
  if (field === 'NAME' && targetType === 'MEMBER') return t('member.name');
  return t(`audit.fields.${field}`);
}

/** Fields whose values are codes of another enum, labelled by its catalog. */
const CODE_LABELS: Partial<Record<AuditField, string>> = {
  GENDER: 'gender',
  ID_TYPE: 'idType',
  CATEGORY: 'memberCategory',
  FEMALE_POST_TYPE: 'femalePostType',
  LIFE_STATUS: 'lifeStatus',
  TIER: 'tier',
  ROLE: 'role',
  SCOPE: 'audit.lockScope',
};
const YES_NO = new Set<AuditField>(['ID_EXPIRY_LONG_TERM', 'DISABLED', 'NEEDS_CONFIRMATION']);

/**
 * One value as the clerk reads it: codes as their labels, yes/no, times in Shanghai time; names (the
 * server resolved references) and masked numbers as they come. Null: nothing there.
 */
export function auditValue(field: AuditField, value: string | null | undefined, t: Translate): string | null {
  if (value == null || value === '') return null;
  const catalog = CODE_LABELS[field];
  if (catalog) return t(`${catalog}.${value}`);
  if (YES_NO.has(field)) return t(value === 'true' ? 'audit.yes' : 'audit.no');
  if (field === 'LOCKED_UNTIL') return formatShanghaiTimestamp(value);
  return value;
}

export interface AuditChangeRow {
  field: AuditField;
  label: string;
  before: string | null;
  after: string | null;
  /** The masked forms are the same, yet it changed: the difference is in the hidden digits. */
  hiddenChange: boolean;
}

/** The rows of the before → after table, labelled and formatted. */
export function auditChangeRows(changes: readonly AuditChange[], targetType: AuditTargetType | null | undefined, t: Translate): AuditChangeRow[] {
  return changes.map((c) => {
    const before = auditValue(c.field, c.before, t);
    const after = auditValue(c.field, c.after, t);
    return { field: c.field, label: auditFieldLabel(c.field, targetType, t), before, after, hiddenChange: before !== null && before === after };
  });
}

/** Whether the entry records a change (something before) rather than what was done (after only). */
export function isChange(changes: readonly Pick<AuditChange, 'before'>[]): boolean {
  return changes.some((c) => c.before != null);
}
