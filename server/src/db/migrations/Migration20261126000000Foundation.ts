import { Migration } from '@mikro-orm/migrations';

/** Organizations, accounts, sessions, captchas, login lockout, audit trail. */
export class Migration20261126000000Foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "tier" as enum ('CENTER', 'DISTRICT', 'SECONDARY', 'GRASSROOTS');`);
    this.addSql(`create type "role" as enum ('CLERK', 'REVIEWER', 'ADMIN');`);
    this.addSql(
      `create table "audit_entry" ("id" bigserial primary key, "org_path" varchar(255) not null, "at" timestamptz not null, "actor_account_id" int null, "actor_username" varchar(64) null, "organization_id" int not null, "action" varchar(64) not null, "target_type" varchar(32) null, "target_id" varchar(64) null, "before" jsonb null, "after" jsonb null, "ip" varchar(64) null, "request_id" varchar(64) null);`,
    );
    this.addSql(`create index "audit_entry_organization_id_index" on "audit_entry" ("organization_id");`);
    this.addSql(`create index "audit_entry_org_path_prefix_idx" on "audit_entry" ("org_path" text_pattern_ops);`);
    this.addSql(
      `create table "captcha" ("id" uuid not null, "answer_hash" varchar(64) not null, "expires_at" timestamptz not null, constraint "captcha_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "captcha_expires_at_index" on "captcha" ("expires_at");`);
    this.addSql(`create table "login_failure" ("id" serial primary key, "username" varchar(64) not null, "at" timestamptz not null);`);
    this.addSql(`create index "login_failure_username_at_index" on "login_failure" ("username", "at");`);
    this.addSql(
      `create table "login_lock" ("username" varchar(64) not null, "locked_until" timestamptz not null, constraint "login_lock_pkey" primary key ("username"));`,
    );
    this.addSql(
      `create table "organization" ("id" serial primary key, "name" varchar(100) not null, "tier" "tier" not null, "parent_id" int null, "path" varchar(255) not null, "credit_code" varchar(18) null, "created_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`create index "organization_parent_id_index" on "organization" ("parent_id");`);
    this.addSql(`alter table "organization" add constraint "organization_path_unique" unique ("path");`);
    this.addSql(`alter table "organization" add constraint "organization_credit_code_unique" unique ("credit_code");`);
    this.addSql(`create index "organization_path_prefix_idx" on "organization" ("path" text_pattern_ops);`);
    this.addSql(`alter table "organization" add constraint "organization_parent_name_unique" unique ("parent_id", "name");`);
    this.addSql(
      `create table "account" ("id" serial primary key, "org_path" varchar(255) not null, "username" varchar(64) not null, "display_name" varchar(64) not null, "role" "role" not null, "organization_id" int not null, "password_hash" varchar(255) not null, "must_change_password" boolean not null default false, "disabled" boolean not null default false, "last_login_at" timestamptz null, "created_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`alter table "account" add constraint "account_username_unique" unique ("username");`);
    this.addSql(`create index "account_organization_id_index" on "account" ("organization_id");`);
    this.addSql(`create index "account_org_path_prefix_idx" on "account" ("org_path" text_pattern_ops);`);
    this.addSql(
      `create table "session" ("token_hash" varchar(64) not null, "account_id" int not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "ip" varchar(64) null, constraint "session_pkey" primary key ("token_hash"));`,
    );
    this.addSql(`create index "session_account_id_index" on "session" ("account_id");`);
    this.addSql(
      `alter table "organization" add constraint "organization_parent_id_foreign" foreign key ("parent_id") references "organization" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "account" add constraint "account_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "session" add constraint "session_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`,
    );
    // The audit trail is append-only, even for the application's own database role.
    this.addSql(`create function audit_entry_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit_entry is append-only'; end $$;`);
    this.addSql(`create trigger audit_entry_no_change before update or delete on "audit_entry" for each row execute function audit_entry_append_only();`);
  }
}
