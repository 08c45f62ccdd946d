import { Migration } from '@mikro-orm/migrations';

/**
 * The history tab (变更记录) of a member, enterprise, account or union reads its audit rows newest
 * first: an index on (target type, target id, id) makes that a short range scan in a trail that only grows.
 */
export class Migration20261203000000AuditTargetIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "audit_entry_target_idx" on "audit_entry" ("target_type", "target_id", "id");`);
  }
}
