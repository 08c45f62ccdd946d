import { Migration } from '@mikro-orm/migrations';

/** 告知书: each union's enrollment notice of a year, as last rendered after a submission. */
export class Migration20261218000000EnrollmentNotices extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "enrollment_notice" ("id" serial primary key, "org_path" varchar(255) not null, "organization_id" int not null, "year" int not null, "pdf" bytea not null, "generated_at" timestamptz not null);`,
    );
    this.addSql(`create index "enrollment_notice_org_path_prefix_idx" on "enrollment_notice" ("org_path" text_pattern_ops);`);
    this.addSql(`alter table "enrollment_notice" add constraint "enrollment_notice_union_year_unique" unique ("organization_id", "year");`);
  }
}
