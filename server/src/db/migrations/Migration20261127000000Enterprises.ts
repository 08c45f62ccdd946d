import { Migration } from '@mikro-orm/migrations';

/** 关联企业 of grassroots unions. */
export class Migration20261127000000Enterprises extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "enterprise" ("id" serial primary key, "org_path" varchar(255) not null, "organization_id" int not null, "name" varchar(100) not null, "credit_code" varchar(18) not null, "address" varchar(200) null, "created_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`create index "enterprise_organization_id_index" on "enterprise" ("organization_id");`);
    this.addSql(`alter table "enterprise" add constraint "enterprise_credit_code_unique" unique ("credit_code");`);
    this.addSql(`create index "enterprise_org_path_prefix_idx" on "enterprise" ("org_path" text_pattern_ops);`);
    this.addSql(`alter table "enterprise" add constraint "enterprise_union_name_unique" unique ("organization_id", "name");`);
    this.addSql(
      `alter table "enterprise" add constraint "enterprise_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade;`,
    );
  }
}
