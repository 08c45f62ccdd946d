import { Migration } from '@mikro-orm/migrations';

/**
 * Search by the last 4 characters of an ID number (with a name, or alone within a union): an index on
 * the suffix of the masked form every member already has (`4128 **** **** 0026`), with the subtree
 * path after it, so such a search is an index range scan in the caller's scope and never decrypts.
 * Nothing to backfill: every write path already stores the masked form.
 */
export class Migration20261205000000MemberIdSuffix extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "member_id_number_suffix_idx" on "member" (right("id_number_masked", 4), "org_path" text_pattern_ops);`);
  }
}
