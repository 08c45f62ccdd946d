import { Migration } from '@mikro-orm/migrations';

/** The timeline of every stateful thing (changes/transition.ts); the import job's status becomes QUEUED first. */
export class Migration20261201000000StateChanges extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "state_change" ("id" bigserial primary key, "org_path" varchar(255) not null, "subject_type" varchar(64) not null, "subject_id" varchar(64) not null, "from_state" varchar(32) null, "to_state" varchar(32) not null, "event" varchar(32) not null, "actor_account_id" int null, "actor_username" varchar(64) null, "at" timestamptz not null, "reason" jsonb null);`,
    );
    this.addSql(`create index "state_change_subject_idx" on "state_change" ("subject_type", "subject_id", "id");`);
    this.addSql(`create index "state_change_org_path_prefix_idx" on "state_change" ("org_path" text_pattern_ops);`);
    // One parse per union, queued or running: a second upload waits for the first to end.
    this.addSql(`drop index "member_import_job_one_parse_per_union";`);
    this.addSql(
      `create unique index "member_import_job_one_parse_per_union" on "member_import_job" ("organization_id") where "status" in ('QUEUED', 'PARSING');`,
    );
  }
}
