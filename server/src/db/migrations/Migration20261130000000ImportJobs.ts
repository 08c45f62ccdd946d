import { Migration } from '@mikro-orm/migrations';

/**
 * Member imports move out of the API process's memory into member_import_job (see its entity), so
 * previews survive a restart and any process serves them; the partial unique index allows one running
 * parse per union. The upload itself is kept sealed there for the error report, so the cells of every
 * row no longer need sealing and staging (member_import_cells goes), and staged rows expire with their
 * job (their created_at and its index go).
 */
export class Migration20261130000000ImportJobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "member_import_job" ("id" uuid not null, "account_id" int not null, "organization_id" int not null, "org_path" text not null, "enterprise_id" int not null, "file_name" text not null, "upload_sealed" bytea null, "status" varchar(16) not null, "progress" real not null default 0, "refusal" jsonb null, "headers" jsonb null, "unknown_columns" jsonb null, "counts" jsonb null, "first_errors" jsonb null, "result" jsonb null, "parse_deadline" timestamptz null, "created_at" timestamptz not null default now(), constraint "member_import_job_pkey" primary key ("id"));`,
    );
    this.addSql(`create unique index "member_import_job_one_parse_per_union" on "member_import_job" ("organization_id") where "status" = 'PARSING';`);
    this.addSql(`create index "member_import_job_created_at_idx" on "member_import_job" ("created_at");`);
    this.addSql(`drop table "member_import_cells";`);
    this.addSql(`drop index "member_import_row_created_at_idx";`);
    this.addSql(`alter table "member_import_row" drop column "created_at";`);
  }
}
