import { Migration } from '@mikro-orm/migrations';

/** 会员: member rolls with personal data sealed (see pii/), and the city-wide member number sequence. */
export class Migration20261127010000Members extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create sequence "member_no_seq" start 100000001;`);
    this.addSql(`create type "gender" as enum ('MALE', 'FEMALE');`);
    this.addSql(`create type "id_type" as enum ('RESIDENT_ID', 'HK_MACAO_TAIWAN_PERMIT', 'PASSPORT', 'OTHER');`);
    this.addSql(`create type "member_category" as enum ('IN_ENTERPRISE', 'FLEXIBLE', 'OUTSIDE_ENTERPRISE');`);
    this.addSql(`create type "life_status" as enum ('ACTIVE', 'RETIRED', 'DECEASED');`);
    this.addSql(`create type "female_post_type" as enum ('WORKER', 'CADRE');`);
    this.addSql(
      `create table "member" ("id" serial primary key, "org_path" varchar(255) not null, "member_no" varchar(16) not null, "organization_id" int not null, "enterprise_id" int null, "name" varchar(50) not null, "gender" "gender" not null, "birth_date" date null, "id_type" "id_type" not null, "id_number_sealed" text not null, "id_number_index" varchar(64) not null, "id_number_masked" varchar(32) not null, "id_expiry" date null, "id_expiry_long_term" boolean not null default false, "mobile_sealed" text null, "mobile_index" varchar(64) null, "mobile_masked" varchar(16) null, "work_address" varchar(100) null, "category" "member_category" not null, "life_status" "life_status" not null default 'ACTIVE', "life_status_date" date null, "female_post_type" "female_post_type" null, "joined_at" date not null, "needs_confirmation" boolean not null default false, "ecard_activated_at" date null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`alter table "member" add constraint "member_member_no_unique" unique ("member_no");`);
    this.addSql(`create index "member_organization_id_index" on "member" ("organization_id");`);
    this.addSql(`create index "member_enterprise_id_index" on "member" ("enterprise_id");`);
    this.addSql(`create index "member_name_index" on "member" ("name");`);
    this.addSql(`create index "member_mobile_index_index" on "member" ("mobile_index");`);
    this.addSql(`create index "member_created_at_index" on "member" ("created_at");`);
    this.addSql(`create unique index "member_mobile_index_active_unique" on "member" ("mobile_index") where "life_status" = 'ACTIVE';`);
    this.addSql(`create unique index "member_id_number_index_unique" on "member" ("id_number_index");`);
    this.addSql(`create index "member_org_path_id_idx" on "member" ("org_path" text_pattern_ops, "id");`);
    this.addSql(
      `alter table "member" add constraint "member_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "member" add constraint "member_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on update cascade on delete set null;`,
    );
  }
}
