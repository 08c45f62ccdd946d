import { Migration } from '@mikro-orm/migrations';

/**
 * Login throttling that one client cannot turn against everyone:
 * - rate_limit: rate-limiter-flexible's counters (see common/rate-limits.ts), shared by every API process;
 *   created here rather than by the library at runtime, with an index for deleting expired windows.
 * - login_failure gets the client address, so failures lock a username for one address first and for
 *   every address only at a higher count; old rows are pruned by time (hence the index on "at").
 * - login_lock is keyed by (username, address); "*" is every address, which is what the locks already
 *   there meant.
 */
export class Migration20261130100000LoginThrottling extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "rate_limit" ("key" varchar(255) not null, "points" int not null default 0, "expire" bigint null, constraint "rate_limit_pkey" primary key ("key"));`,
    );
    this.addSql(`create index "rate_limit_expire_index" on "rate_limit" ("expire");`);

    this.addSql(`alter table "login_failure" add column "ip" varchar(64) not null default '';`);
    this.addSql(`alter table "login_failure" alter column "ip" drop default;`);
    this.addSql(`drop index "login_failure_username_at_index";`);
    this.addSql(`create index "login_failure_username_ip_at_index" on "login_failure" ("username", "ip", "at");`);
    this.addSql(`create index "login_failure_at_index" on "login_failure" ("at");`);

    this.addSql(`alter table "login_lock" add column "ip" varchar(64) not null default '*';`);
    this.addSql(`alter table "login_lock" alter column "ip" drop default;`);
    this.addSql(`alter table "login_lock" drop constraint "login_lock_pkey";`);
    this.addSql(`alter table "login_lock" add constraint "login_lock_pkey" primary key ("username", "ip");`);
    this.addSql(`create index "login_lock_locked_until_index" on "login_lock" ("locked_until");`);
  }
}
