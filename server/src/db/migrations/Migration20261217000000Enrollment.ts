import { Migration } from '@mikro-orm/migrations';

/**
 * 集中参保办理 (SPEC §8): each union's enrollment of a year (the plan its first submission fixed, its
 * batch number, a version), the submissions with their frozen plan and split, their members (held by
 * one submission a year city-wide), and the clerks' confirmations of members 人保状态待确认.
 */
export class Migration20261217000000Enrollment extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "enrollment_channel" as enum ('MEMBER_CARD', 'SOCIAL_SECURITY_CARD');`);
    this.addSql(
      `create type "enrollment_submission_status" as enum ('PENDING_REVIEW', 'APPROVED', 'RETURNED', 'SUBMITTED_TO_CENTER', 'CONFIRMED', 'COMPLETED', 'VOID');`,
    );
    this.addSql(
      `create table "enrollment_confirmation" ("id" serial primary key, "org_path" varchar(255) not null, "member_id" int not null, "year" int not null, "confirmed_by" int not null, "confirmed_at" timestamptz not null);`,
    );
    this.addSql(`create index "enrollment_confirmation_org_path_prefix_idx" on "enrollment_confirmation" ("org_path" text_pattern_ops);`);
    this.addSql(`alter table "enrollment_confirmation" add constraint "enrollment_confirmation_member_year_unique" unique ("member_id", "year");`);
    this.addSql(
      `create table "enrollment_member" ("id" bigserial primary key, "org_path" varchar(255) not null, "submission_id" int not null, "organization_id" int not null, "member_id" int not null, "year" int not null, "channel" "enrollment_channel" not null, "holding" boolean not null default true);`,
    );
    this.addSql(`create index "enrollment_member_submission_idx" on "enrollment_member" ("submission_id");`);
    this.addSql(`create unique index "enrollment_member_holding_unique" on "enrollment_member" ("member_id", "year") where "holding";`);
    this.addSql(`create index "enrollment_member_org_path_prefix_idx" on "enrollment_member" ("org_path" text_pattern_ops);`);
    this.addSql(
      `create table "enrollment_submission" ("id" serial primary key, "org_path" varchar(255) not null, "organization_id" int not null, "year" int not null, "channel" "enrollment_channel" not null, "plan_id" int not null, "batch_no" varchar(24) not null, "status" "enrollment_submission_status" not null, "member_count" int not null, "fee_fen" int not null, "city_share_fen" int not null, "district_share_fen" int not null, "grassroots_share_fen" int not null, "client_key" varchar(64) not null, "submitted_by" int not null, "submitted_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`create index "enrollment_submission_union_year_idx" on "enrollment_submission" ("organization_id", "year");`);
    this.addSql(`create index "enrollment_submission_org_path_prefix_idx" on "enrollment_submission" ("org_path" text_pattern_ops);`);
    this.addSql(`alter table "enrollment_submission" add constraint "enrollment_submission_client_key_unique" unique ("organization_id", "client_key");`);
    this.addSql(
      `create table "union_enrollment" ("id" serial primary key, "org_path" varchar(255) not null, "organization_id" int not null, "year" int not null, "plan_id" int not null, "batch_no" varchar(24) not null, "updated_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`create index "union_enrollment_org_path_prefix_idx" on "union_enrollment" ("org_path" text_pattern_ops);`);
    this.addSql(`alter table "union_enrollment" add constraint "union_enrollment_union_year_unique" unique ("organization_id", "year");`);
  }
}
