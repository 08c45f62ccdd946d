import { selectColumns } from '../../org-scope/read-db.js';
import type { AuditEntry } from '../../audit-trail/audit-entry.entity.js';

const ENTRY_FIELDS = [
  'id',
  'at',
  'actorUsername',
  'action',
  'targetType',
  'targetId',
  'before',
  'after',
  'ip',
] as const satisfies readonly (keyof AuditEntry)[];

/** An audit entry as the read path answers it. */
export type AuditEntryRow = Pick<AuditEntry, (typeof ENTRY_FIELDS)[number]>;

export const ENTRY_SELECT = selectColumns('a', ENTRY_FIELDS);
