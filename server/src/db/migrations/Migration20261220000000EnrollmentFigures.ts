import { Migration } from '@mikro-orm/migrations';

/** The tables whose rows the eligibility rule reads, and how a changed row names its unions. */
const ROLL_SOURCES: { table: string; unions: (rows: string) => string }[] = [
  {
    table: 'member',
    unions: (rows) => `select organization_id from ${rows}`,
  },
  {
    table: 'member_card',
    unions: (rows) => `select m.organization_id from ${rows} r join member m on m.id = r.member_id`,
  },
  {
    table: 'enrollment_confirmation',
    unions: (rows) => `select m.organization_id from ${rows} r join member m on m.id = r.member_id`,
  },
  {
    // The submitting union, and the member's union now (for which the member is enrolled elsewhere).
    table: 'enrollment_member',
    unions: (rows) => `select r.organization_id from ${rows} r union all select m.organization_id from ${rows} r join member m on m.id = r.member_id`,
  },
];

/**
 * 集中参保办理's figures for a union of tens of thousands of members, without recounting them per view
 * (SPEC §8; a count over 50,000 members with the eligibility rule takes ~300 ms on the reference machine).
 *
 * - `union_roll_stamp`: a number per union, bumped by statement-level triggers on every change to the
 *   tables the eligibility rule reads (members, cards, confirmations, enrollments). The bump commits with the
 *   change, so a stamp read together with the data in one snapshot names exactly that data.
 * - `enrollment_figures`: a union's figures of a year, as computed at a stamp and for the year's
 *   coverage dates. A view whose stamp and dates match reads them; any other recomputes and stores.
 *
 * Stamps are upserted in key order (as the workbench's counters are), so two statements touching the
 * same unions lock their rows in the same order.
 *
 * And a union's members by name (the candidate lists' order) from an index, so a page of twenty of a
 * union of 50,000 reads twenty-odd rows.
 */
export class Migration20261220000000EnrollmentFigures extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "member_organization_name_idx" on "member" ("organization_id", "name", "id");`);
    this.addSql(`create table "union_roll_stamp" ("organization_id" int primary key, "stamp" bigint not null);`);
    this.addSql(
      `create table "enrollment_figures" ("organization_id" int not null, "year" int not null, "org_path" varchar(255) not null, "stamp" bigint not null, "coverage_start" date not null, "coverage_end" date not null, "figures" jsonb not null, constraint "enrollment_figures_pkey" primary key ("organization_id", "year"));`,
    );
    this.addSql(`create index "enrollment_figures_org_path_prefix_idx" on "enrollment_figures" ("org_path" text_pattern_ops);`);
    this.addSql(`create function union_roll_bump(unions int[]) returns void language sql as $$
  insert into union_roll_stamp as s (organization_id, stamp)
  select distinct u, 1 from unnest(unions) u where u is not null order by u
  on conflict (organization_id) do update set stamp = s.stamp + 1
$$;`);
    for (const source of ROLL_SOURCES) {
      const fn = `${source.table}_roll_track`;
      this.addSql(`create function ${fn}() returns trigger language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    perform union_roll_bump(array(${source.unions('new_rows')}));
  elsif TG_OP = 'DELETE' then
    perform union_roll_bump(array(${source.unions('old_rows')}));
  elsif TG_OP = 'UPDATE' then
    -- Both sides, without joining them: transition tables have no index, and a join of a 50,000-row update is quadratic.
    perform union_roll_bump(array(${source.unions('old_rows')} union all ${source.unions('new_rows')}));
  else -- TRUNCATE: which unions is not known; every stored figure goes
    delete from enrollment_figures;
  end if;
  return null;
end $$;`);
      this.addSql(
        `create trigger ${source.table}_roll_on_insert after insert on "${source.table}" referencing new table as new_rows for each statement execute function ${fn}();`,
      );
      this.addSql(
        `create trigger ${source.table}_roll_on_update after update on "${source.table}" referencing old table as old_rows new table as new_rows for each statement execute function ${fn}();`,
      );
      this.addSql(
        `create trigger ${source.table}_roll_on_delete after delete on "${source.table}" referencing old table as old_rows for each statement execute function ${fn}();`,
      );
      this.addSql(`create trigger ${source.table}_roll_on_truncate after truncate on "${source.table}" for each statement execute function ${fn}();`);
    }
  }
}
