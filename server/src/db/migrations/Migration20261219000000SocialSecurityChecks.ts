import { Migration } from '@mikro-orm/migrations';

/** 获取社保卡及在职状态: each member's check with the social-security registry for a year. */
export class Migration20261219000000SocialSecurityChecks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "social_security_check_status" as enum ('AWAITING', 'READY', 'ABNORMAL', 'FAILED');`);
    this.addSql(`create type "ss_card_status" as enum ('NORMAL', 'SEALED', 'LOST', 'CANCELLED', 'NONE');`);
    this.addSql(`create type "employment_status" as enum ('EMPLOYED', 'RETIRED', 'UNEMPLOYED', 'UNKNOWN');`);
    this.addSql(
      `create table "social_security_check" ("id" serial primary key, "org_path" varchar(255) not null, "organization_id" int not null, "member_id" int not null, "year" int not null, "status" "social_security_check_status" not null, "card_status" "ss_card_status" null, "employment_status" "employment_status" null, "request_id" varchar(64) not null, "ticket" varchar(128) null, "requested_at" timestamptz not null, "checked_on" date null, "error" text null);`,
    );
    this.addSql(`create index "social_security_check_request_idx" on "social_security_check" ("request_id");`);
    this.addSql(`create index "social_security_check_org_path_prefix_idx" on "social_security_check" ("org_path" text_pattern_ops);`);
    this.addSql(`alter table "social_security_check" add constraint "social_security_check_member_year_unique" unique ("member_id", "year");`);
  }
}
