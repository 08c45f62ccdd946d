import { Migration } from '@mikro-orm/migrations';

/**
 * 消息提醒 (SPEC §12): messages to an organization's accounts. Listed per recipient newest first
 * (organization_id, id); a repeated warning is looked up by its key and time (dedupe_key, created_at);
 * org_path puts the rows under the scope filter like every org-owned table.
 */
export class Migration20261130210000Messages extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "message" ("id" bigserial primary key, "org_path" varchar(255) not null, "organization_id" int not null, "kind" varchar(64) not null, "params" jsonb not null, "dedupe_key" varchar(128) null, "created_at" timestamptz not null, "read_at" timestamptz null);`,
    );
    this.addSql(`create index "message_dedupe_key_created_at_idx" on "message" ("dedupe_key", "created_at");`);
    this.addSql(`create index "message_organization_id_id_idx" on "message" ("organization_id", "id");`);
    this.addSql(`create index "message_org_path_prefix_idx" on "message" ("org_path" text_pattern_ops);`);
  }
}
