import { Migration } from '@mikro-orm/migrations';

/**
 * Staging rows of member imports between preview and commit (MemberImportRow, and the sealed cells for
 * the error report in MemberImportCells). UNLOGGED: no WAL for
 * rows that are disposable by design (a crash loses the previews, which live an hour at most anyway),
 * which makes the COPY of a 100,000-row upload several times cheaper.
 * Also drops two member indexes no query uses and narrows the mobile search index to inactive members
 * (active ones are found through the unique index): every index costs each imported row an insert.
 * The member table's foreign keys go for the same reason (see the Member entity).
 */
export class Migration20261127030000ImportStaging extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create unlogged table "member_import_row" ("job_id" uuid not null, "row_no" int not null, "outcome" varchar(16) not null, "problems" jsonb null, "name" text null, "gender" text null, "birth_date" date null, "id_type" text null, "id_number_sealed" text null, "id_number_index" text null, "id_number_masked" text null, "id_expiry" date null, "id_expiry_long_term" boolean null, "mobile_sealed" text null, "mobile_index" text null, "mobile_masked" text null, "work_address" text null, "category" text null, "joined_at" date null, "female_post_type" text null, "created_at" timestamptz not null default now(), constraint "member_import_row_pkey" primary key ("job_id", "row_no"));`,
    );
    this.addSql(`create index "member_import_row_created_at_idx" on "member_import_row" ("created_at");`);
    this.addSql(
      `create unlogged table "member_import_cells" ("job_id" uuid not null, "first_row" int not null, "cells_sealed" text not null, "created_at" timestamptz not null default now(), constraint "member_import_cells_pkey" primary key ("job_id", "first_row"));`,
    );
    this.addSql(`create index "member_import_cells_created_at_idx" on "member_import_cells" ("created_at");`);
    this.addSql(`drop index "member_created_at_index";`);
    this.addSql(`drop index "member_organization_id_index";`);
    this.addSql(`drop index "member_mobile_index_index";`);
    // See Member: integrity of these references is the services' (checked per row, they cost a quarter of an import).
    this.addSql(`alter table "member" drop constraint "member_enterprise_id_foreign";`);
    this.addSql(`alter table "member" drop constraint "member_organization_id_foreign";`);
    this.addSql(`create index "member_mobile_index_inactive_idx" on "member" ("mobile_index") where "life_status" <> 'ACTIVE';`);
  }
}
