import { Migration } from '@mikro-orm/migrations';

/**
 * 会员服务卡 (SPEC §6): members' cards (numbers sealed like ID numbers, one ACTIVE card per member and
 * per number), each union's card queue (one versioned row per union, one entry per member city-wide),
 * card batches with their members (a pending member is in a batch the issuer is still working on) and
 * the batch number sequence. Also the liveness of job workers, so a killed worker's jobs run again.
 */
export class Migration20261210000000MemberCards extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "member_card_status" as enum ('ACTIVE', 'REVOKED');`);
    this.addSql(`create type "card_queue_status" as enum ('NOT_CHECKED', 'PASSED', 'FAILED');`);
    this.addSql(
      `create type "card_batch_status" as enum ('SUBMITTED', 'IN_PRODUCTION', 'ISSUED', 'PARTIALLY_FAILED', 'REVOCATION_REQUESTED', 'REVOKED', 'REVOCATION_REFUSED');`,
    );
    this.addSql(`create type "card_batch_member_status" as enum ('PENDING', 'ISSUED', 'FAILED');`);

    this.addSql(
      `create table "member_card" ("id" serial primary key, "org_path" varchar(255) not null, "member_id" int not null, "batch_id" int not null, "card_number_sealed" text not null, "card_number_index" varchar(64) not null, "card_number_masked" varchar(32) not null, "status" "member_card_status" not null, "issued_on" date not null, "revoked_on" date null);`,
    );
    this.addSql(`create index "member_card_org_path_prefix_idx" on "member_card" ("org_path" text_pattern_ops);`);
    this.addSql(`create unique index "member_card_active_member_unique" on "member_card" ("member_id") where "status" = 'ACTIVE';`);
    this.addSql(`create unique index "member_card_active_number_unique" on "member_card" ("card_number_index") where "status" = 'ACTIVE';`);
    this.addSql(`create index "member_card_member_id_id_idx" on "member_card" ("member_id", "id");`);
    this.addSql(`create index "member_card_batch_id_idx" on "member_card" ("batch_id");`);

    this.addSql(
      `create table "card_queue" ("id" int not null, "org_path" varchar(255) not null, "last_batch_no" varchar(20) null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "card_queue_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "card_queue_org_path_prefix_idx" on "card_queue" ("org_path" text_pattern_ops);`);
    this.addSql(
      `create table "card_queue_entry" ("id" bigserial primary key, "org_path" varchar(255) not null, "organization_id" int not null, "member_id" int not null, "status" "card_queue_status" not null, "problems" jsonb not null, "added_at" timestamptz not null, "added_by" int null, "checked_at" timestamptz null);`,
    );
    this.addSql(`create index "card_queue_entry_org_path_prefix_idx" on "card_queue_entry" ("org_path" text_pattern_ops);`);
    this.addSql(`create unique index "card_queue_entry_member_unique" on "card_queue_entry" ("member_id");`);
    this.addSql(`create index "card_queue_entry_organization_id_status_id_idx" on "card_queue_entry" ("organization_id", "status", "id");`);

    this.addSql(`create sequence "card_batch_no_seq";`);
    this.addSql(
      `create table "card_batch" ("id" serial primary key, "org_path" varchar(255) not null, "batch_no" varchar(20) not null, "organization_id" int not null, "status" "card_batch_status" not null, "member_count" int not null, "issued_count" int not null, "failed_count" int not null, "chunk_count" int not null, "submitted_at" timestamptz not null, "submitted_by" int not null, "finished_at" timestamptz null, "stuck" jsonb null, "revocation_reason" text null, "refusal_reason" text null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`alter table "card_batch" add constraint "card_batch_batch_no_unique" unique ("batch_no");`);
    this.addSql(`create index "card_batch_org_path_prefix_idx" on "card_batch" ("org_path" text_pattern_ops);`);
    this.addSql(`create index "card_batch_organization_id_id_idx" on "card_batch" ("organization_id", "id");`);
    this.addSql(`create index "card_batch_status_id_idx" on "card_batch" ("status", "id");`);
    this.addSql(
      `create table "card_batch_member" ("batch_id" int not null, "member_id" int not null, "org_path" varchar(255) not null, "chunk" int not null, "status" "card_batch_member_status" not null, "failure" jsonb null, "card_number_masked" varchar(32) null, constraint "card_batch_member_pkey" primary key ("batch_id", "member_id"));`,
    );
    this.addSql(`create index "card_batch_member_org_path_prefix_idx" on "card_batch_member" ("org_path" text_pattern_ops);`);
    this.addSql(`create index "card_batch_member_member_id_idx" on "card_batch_member" ("member_id");`);
    this.addSql(`create index "card_batch_member_pending_idx" on "card_batch_member" ("batch_id", "chunk") where "status" = 'PENDING';`);

    this.addSql(
      `create table "job_worker" ("worker_id" text not null, "seen_at" timestamptz not null, constraint "job_worker_pkey" primary key ("worker_id"));`,
    );
    this.addSql(`create index "job_worker_seen_at_idx" on "job_worker" ("seen_at");`);
  }
}
