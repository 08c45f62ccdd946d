import { Migration } from '@mikro-orm/migrations';

/**
 * 保障计划, 保障年度 and 保障金额设置 (SPEC §7): plans (the shares add up to the fee, held by a check),
 * years keyed by the year with their calendar and plans, and each district's fee split per plan and year.
 */
export class Migration20261216000000Protection extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "fee_split" ("id" serial primary key, "org_path" varchar(255) not null, "district_id" int not null, "year" int not null, "plan_id" int not null, "district_share_fen" int not null, "grassroots_share_fen" int not null, "updated_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`alter table "fee_split" add constraint "fee_split_district_year_plan_unique" unique ("district_id", "year", "plan_id");`);
    this.addSql(
      `create table "protection_plan" ("id" serial primary key, "org_path" varchar(255) not null, "name" varchar(50) not null, "fee_fen" int not null, "city_share_fen" int not null, "district_share_fen" int not null, "grassroots_share_fen" int not null, "half_year_fee_fen" int not null, "valid_from" date not null, "valid_to" date not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint protection_plan_shares_add_up check (city_share_fen + district_share_fen + grassroots_share_fen = fee_fen));`,
    );
    this.addSql(`alter table "protection_plan" add constraint "protection_plan_name_unique" unique ("name");`);
    this.addSql(
      `create table "protection_year" ("id" int not null, "org_path" varchar(255) not null, "coverage_start" date not null, "coverage_end" date not null, "grassroots_open" date not null, "grassroots_close" date not null, "payment_deadline" date not null, "adjustment_open" date not null, "adjustment_close" date not null, "district_open" date not null, "district_close" date not null, "plan_ids" int[] not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "protection_year_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "fee_split" add constraint "fee_split_district_id_foreign" foreign key ("district_id") references "organization" ("id") on update cascade;`,
    );
  }
}
