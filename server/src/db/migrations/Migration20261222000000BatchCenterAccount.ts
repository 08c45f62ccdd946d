import { Migration } from '@mikro-orm/migrations';

/**
 * A district batch keeps the center's account its notice printed when it was submitted: the center may
 * change a year's account later (saveProtectionYear), but a notice already handed to the bank must not
 * change under the district. Batches submitted before this migration take their year's account now.
 */
export class Migration20261222000000BatchCenterAccount extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "district_batch" add column "center_account_name" varchar(100) null, add column "center_account_no" varchar(40) null, add column "center_bank" varchar(100) null;`,
    );
    this.addSql(
      `update "district_batch" b set "center_account_name" = y."center_account_name", "center_account_no" = y."center_account_no", "center_bank" = y."center_bank"
         from "protection_year" y where y."id" = b."year";`,
    );
    this.addSql(
      `alter table "district_batch" alter column "center_account_name" set not null, alter column "center_account_no" set not null, alter column "center_bank" set not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "district_batch" drop column "center_account_name", drop column "center_account_no", drop column "center_bank";`);
  }
}
