import { Migration } from '@mikro-orm/migrations';

/**
 * 集中参保审核 and 职保中心 (SPEC §9, §10): review marks on submissions and their members, the districts'
 * batches with their vouchers, coverage, the center's account on each year, and the monitor's counters.
 *
 * `union_campaign` holds one row per union and year, recomputed from that union's submissions (a handful
 * per union) by a statement-level trigger whenever any of them changes: 集中参保实时监控 then sums a
 * subtree's rows instead of counting its members (SPEC §9; ARCHITECTURE: maintained counters, not
 * recounts). Rows are upserted in key order, so two statements lock them in the same order.
 */
export class Migration20261221000000Review extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "district_batch_status" as enum ('SUBMITTED', 'CONFIRMED', 'COMPLETED', 'RETURNED');`);
    this.addSql(
      `create table "district_batch" ("id" serial primary key, "org_path" varchar(255) not null, "organization_id" int not null, "year" int not null, "batch_no" varchar(24) not null, "status" "district_batch_status" not null, "submission_count" int not null, "member_card_members" int not null, "social_security_members" int not null, "fee_fen" bigint not null, "city_fen" bigint not null, "district_fen" bigint not null, "grassroots_fen" bigint not null, "handler_name" varchar(50) not null, "handler_phone" varchar(20) not null, "handler_email" varchar(254) not null, "client_key" varchar(64) not null, "submitted_by" int not null, "submitted_at" timestamptz not null, "updated_at" timestamptz not null, "confirmed_at" timestamptz null, "completed_at" timestamptz null, "return_reason" text null, "vouchers_uploaded_at" timestamptz null, "vouchers_submitted_at" timestamptz null, "version" int not null default 1);`,
    );
    this.addSql(`create index "district_batch_status_idx" on "district_batch" ("status", "id");`);
    this.addSql(`create index "district_batch_org_path_prefix_idx" on "district_batch" ("org_path" text_pattern_ops);`);
    this.addSql(`alter table "district_batch" add constraint "district_batch_client_key_unique" unique ("organization_id", "client_key");`);
    this.addSql(`alter table "district_batch" add constraint "district_batch_batch_no_unique" unique ("batch_no");`);

    this.addSql(
      `create table "district_batch_voucher" ("id" serial primary key, "org_path" varchar(255) not null, "district_batch_id" int not null, "file_name" varchar(255) not null, "content_type" varchar(64) not null, "byte_size" int not null, "sha256" varchar(64) not null, "content" bytea not null, "uploaded_by" int not null, "uploaded_at" timestamptz not null);`,
    );
    this.addSql(`create index "district_batch_voucher_batch_idx" on "district_batch_voucher" ("district_batch_id", "id");`);
    this.addSql(`create index "district_batch_voucher_org_path_prefix_idx" on "district_batch_voucher" ("org_path" text_pattern_ops);`);

    this.addSql(
      `create table "member_coverage" ("id" bigserial primary key, "org_path" varchar(255) not null, "member_id" int not null, "organization_id" int not null, "year" int not null, "plan_id" int not null, "submission_id" int not null, "district_batch_id" int not null, "coverage_start" date not null, "coverage_end" date not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "member_coverage_batch_idx" on "member_coverage" ("district_batch_id");`);
    this.addSql(`create index "member_coverage_org_path_prefix_idx" on "member_coverage" ("org_path" text_pattern_ops);`);
    this.addSql(`alter table "member_coverage" add constraint "member_coverage_member_year_unique" unique ("member_id", "year");`);

    this.addSql(
      `create table "union_campaign" ("organization_id" int not null, "year" int not null, "org_path" varchar(255) not null, "standing" varchar(16) not null, "pending_submissions" int not null, "member_card_members" int not null, "social_security_members" int not null, "city_fen" bigint not null, "district_fen" bigint not null, "grassroots_fen" bigint not null, constraint "union_campaign_pkey" primary key ("organization_id", "year"));`,
    );
    this.addSql(`create index "union_campaign_org_path_prefix_idx" on "union_campaign" ("org_path" text_pattern_ops);`);

    this.addSql(`alter table "enrollment_member" add column "rejected_reason" text null, add column "rejected_at" timestamptz null;`);
    this.addSql(
      `alter table "enrollment_submission" add column "approved_by_organization_id" int null, add column "approved_at" timestamptz null, add column "return_reason" text null, add column "resubmission_of" int null, add column "district_batch_id" int null, add column "rejected_count" int not null default 0;`,
    );
    this.addSql(`create index "enrollment_submission_district_batch_idx" on "enrollment_submission" ("district_batch_id");`);

    // Years made before this have the manual's special account (4.5), which new years default to as well.
    this.addSql(
      `alter table "protection_year" add column "center_account_name" varchar(100) not null default '上海市职工保障互助中心会员专享保障专户', add column "center_account_no" varchar(40) not null default '316023-03002745697', add column "center_bank" varchar(100) not null default '上海银行人民广场支行';`,
    );
    this.addSql(
      `alter table "protection_year" alter column "center_account_name" drop default, alter column "center_account_no" drop default, alter column "center_bank" drop default;`,
    );

    this.addSql(`create function union_campaign_refresh(unions int[]) returns void language sql as $$
  delete from union_campaign c
   where c.organization_id = any(unions)
     and not exists (select 1 from enrollment_submission s where s.organization_id = c.organization_id and s.year = c.year);
  insert into union_campaign as c (organization_id, year, org_path, standing, pending_submissions, member_card_members, social_security_members, city_fen, district_fen, grassroots_fen)
  select s.organization_id, s.year, max(s.org_path),
         case when bool_or(s.status = 'RETURNED' and not exists (select 1 from enrollment_submission r where r.organization_id = s.organization_id and r.resubmission_of = s.id)) then 'RETURNED'
              when bool_or(s.status = 'PENDING_REVIEW') then 'PENDING'
              when bool_or(s.status in ('APPROVED', 'SUBMITTED_TO_CENTER', 'CONFIRMED', 'COMPLETED')) then 'SUBMITTED'
              else 'VOID' end,
         count(*) filter (where s.status = 'PENDING_REVIEW'),
         coalesce(sum(s.member_count) filter (where s.status not in ('RETURNED', 'VOID') and s.channel = 'MEMBER_CARD'), 0),
         coalesce(sum(s.member_count) filter (where s.status not in ('RETURNED', 'VOID') and s.channel = 'SOCIAL_SECURITY_CARD'), 0),
         coalesce(sum(s.member_count::bigint * s.city_share_fen) filter (where s.status not in ('RETURNED', 'VOID')), 0),
         coalesce(sum(s.member_count::bigint * s.district_share_fen) filter (where s.status not in ('RETURNED', 'VOID')), 0),
         coalesce(sum(s.member_count::bigint * s.grassroots_share_fen) filter (where s.status not in ('RETURNED', 'VOID')), 0)
    from enrollment_submission s
   where s.organization_id = any(unions)
   group by s.organization_id, s.year
   order by s.organization_id, s.year
  on conflict (organization_id, year) do update set
    org_path = excluded.org_path, standing = excluded.standing, pending_submissions = excluded.pending_submissions,
    member_card_members = excluded.member_card_members, social_security_members = excluded.social_security_members,
    city_fen = excluded.city_fen, district_fen = excluded.district_fen, grassroots_fen = excluded.grassroots_fen
$$;`);
    this.addSql(`create function enrollment_submission_campaign_track() returns trigger language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    perform union_campaign_refresh(array(select distinct organization_id from new_rows));
  elsif TG_OP = 'DELETE' then
    perform union_campaign_refresh(array(select distinct organization_id from old_rows));
  elsif TG_OP = 'UPDATE' then
    perform union_campaign_refresh(array(select organization_id from old_rows union select organization_id from new_rows));
  else
    delete from union_campaign;
  end if;
  return null;
end $$;`);
    this.addSql(
      `create trigger enrollment_submission_campaign_on_insert after insert on "enrollment_submission" referencing new table as new_rows for each statement execute function enrollment_submission_campaign_track();`,
    );
    this.addSql(
      `create trigger enrollment_submission_campaign_on_update after update on "enrollment_submission" referencing old table as old_rows new table as new_rows for each statement execute function enrollment_submission_campaign_track();`,
    );
    this.addSql(
      `create trigger enrollment_submission_campaign_on_delete after delete on "enrollment_submission" referencing old table as old_rows for each statement execute function enrollment_submission_campaign_track();`,
    );
    this.addSql(
      `create trigger enrollment_submission_campaign_on_truncate after truncate on "enrollment_submission" for each statement execute function enrollment_submission_campaign_track();`,
    );
  }
}
