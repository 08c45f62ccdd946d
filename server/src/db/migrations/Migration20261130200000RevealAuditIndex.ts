import { Migration } from '@mikro-orm/migrations';

/**
 * The reveal limit counts an account's `member.revealed` audit rows of the last hour on every reveal:
 * an index on (actor, action, time) makes that a short range scan however long the audit trail grows.
 */
export class Migration20261130200000RevealAuditIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "audit_entry_actor_action_at_idx" on "audit_entry" ("actor_account_id", "action", "at");`);
  }
}
