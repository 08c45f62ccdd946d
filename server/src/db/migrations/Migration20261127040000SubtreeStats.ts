import { Migration } from '@mikro-orm/migrations';

/**
 * The workbench's figures per subtree, kept by triggers on the per-organization counters: every change
 * of organization_totals or member_daily_stats adds its difference to the rows of the organization and
 * of each ancestor on its path (a move subtracts from the old path and adds to the new). The home page
 * then reads one row and a month of days instead of summing over every union below it.
 * Statement-level, in ancestor order: an import's one statement adds one difference per ancestor. The
 * ancestors' rows (the city's among them) stay locked from the end of a member-writing statement to its
 * commit, so writers city-wide take turns there: for milliseconds after a single write, for the
 * duration of its update statement after an import's insert (see ImportStaging).
 */
export class Migration20261127040000SubtreeStats extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "subtree_totals" ("organization_id" int not null, "members" int not null default 0, "active_members" int not null default 0, "enterprises" int not null default 0, "grassroots" int not null default 0, constraint "subtree_totals_pkey" primary key ("organization_id"));`,
    );
    this.addSql(
      `create table "subtree_daily_stats" ("organization_id" int not null, "day" date not null, "joined" int not null default 0, "ecard_activated" int not null default 0, constraint "subtree_daily_stats_pkey" primary key ("organization_id", "day"));`,
    );

    // The organizations on a materialized path, '/1/2/5/' -> {1,2,5}. A path not yet materialized (an
    // organization is inserted, then given its path) has none.
    this.addSql(`create function ancestors(path text) returns int[] language sql immutable as $$
  select case when path ~ '^(/[0-9]+)+/$' then string_to_array(trim(both '/' from path), '/')::int[] else '{}'::int[] end
$$;`);
    // Differences (sign 1 for new rows, -1 for old ones) spread over every organization on each path.
    this
      .addSql(`create function subtree_totals_apply(path text[], members int[], active int[], enterprises int[], grassroots int[], sign int[]) returns void language sql as $$
  insert into subtree_totals as t (organization_id, members, active_members, enterprises, grassroots)
  select a.id, sum(d.members * d.sign)::int, sum(d.active * d.sign)::int, sum(d.enterprises * d.sign)::int, sum(d.grassroots * d.sign)::int
  from unnest(path, members, active, enterprises, grassroots, sign) as d(path, members, active, enterprises, grassroots, sign)
  cross join lateral unnest(ancestors(d.path)) as a(id)
  group by a.id
  having sum(d.members * d.sign) <> 0 or sum(d.active * d.sign) <> 0 or sum(d.enterprises * d.sign) <> 0 or sum(d.grassroots * d.sign) <> 0
  order by a.id
  on conflict (organization_id) do update set members = t.members + excluded.members, active_members = t.active_members + excluded.active_members,
    enterprises = t.enterprises + excluded.enterprises, grassroots = t.grassroots + excluded.grassroots
$$;`);
    this.addSql(`create function subtree_totals_track() returns trigger language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    perform subtree_totals_apply(array_agg(org_path::text), array_agg(members), array_agg(active_members), array_agg(enterprises), array_agg(grassroots::int), array_agg(1)) from new_rows;
  elsif TG_OP = 'DELETE' then
    perform subtree_totals_apply(array_agg(org_path::text), array_agg(members), array_agg(active_members), array_agg(enterprises), array_agg(grassroots::int), array_agg(-1)) from old_rows;
  else
    perform subtree_totals_apply(array_agg(org_path::text), array_agg(members), array_agg(active_members), array_agg(enterprises), array_agg(grassroots::int), array_agg(sign))
    from (select org_path, members, active_members, enterprises, grassroots, 1 as sign from new_rows
          union all select org_path, members, active_members, enterprises, grassroots, -1 from old_rows) r;
  end if;
  return null;
end $$;`);
    this.addSql(
      `create trigger subtree_totals_on_insert after insert on "organization_totals" referencing new table as new_rows for each statement execute function subtree_totals_track();`,
    );
    this.addSql(
      `create trigger subtree_totals_on_update after update on "organization_totals" referencing old table as old_rows new table as new_rows for each statement execute function subtree_totals_track();`,
    );
    this.addSql(
      `create trigger subtree_totals_on_delete after delete on "organization_totals" referencing old table as old_rows for each statement execute function subtree_totals_track();`,
    );

    this.addSql(`create function subtree_daily_apply(path text[], day date[], joined int[], ecard int[], sign int[]) returns void language sql as $$
  insert into subtree_daily_stats as s (organization_id, day, joined, ecard_activated)
  select a.id, d.day, sum(d.joined * d.sign)::int, sum(d.ecard * d.sign)::int
  from unnest(path, day, joined, ecard, sign) as d(path, day, joined, ecard, sign)
  cross join lateral unnest(ancestors(d.path)) as a(id)
  group by a.id, d.day
  having sum(d.joined * d.sign) <> 0 or sum(d.ecard * d.sign) <> 0
  order by a.id, d.day
  on conflict (organization_id, day) do update set joined = s.joined + excluded.joined, ecard_activated = s.ecard_activated + excluded.ecard_activated
$$;`);
    this.addSql(`create function subtree_daily_track() returns trigger language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    perform subtree_daily_apply(array_agg(org_path::text), array_agg(day), array_agg(joined), array_agg(ecard_activated), array_agg(1)) from new_rows;
  elsif TG_OP = 'DELETE' then
    perform subtree_daily_apply(array_agg(org_path::text), array_agg(day), array_agg(joined), array_agg(ecard_activated), array_agg(-1)) from old_rows;
  else
    perform subtree_daily_apply(array_agg(org_path::text), array_agg(day), array_agg(joined), array_agg(ecard_activated), array_agg(sign))
    from (select org_path, day, joined, ecard_activated, 1 as sign from new_rows
          union all select org_path, day, joined, ecard_activated, -1 from old_rows) r;
  end if;
  return null;
end $$;`);
    this.addSql(
      `create trigger subtree_daily_on_insert after insert on "member_daily_stats" referencing new table as new_rows for each statement execute function subtree_daily_track();`,
    );
    this.addSql(
      `create trigger subtree_daily_on_update after update on "member_daily_stats" referencing old table as old_rows new table as new_rows for each statement execute function subtree_daily_track();`,
    );
    this.addSql(
      `create trigger subtree_daily_on_delete after delete on "member_daily_stats" referencing old table as old_rows for each statement execute function subtree_daily_track();`,
    );

    // Backfill from the counters already there (the triggers above lock writers out until this commits).
    this.addSql(`insert into subtree_totals (organization_id, members, active_members, enterprises, grassroots)
select a.id, sum(t.members)::int, sum(t.active_members)::int, sum(t.enterprises)::int, sum(t.grassroots::int)::int
from organization_totals t cross join lateral unnest(ancestors(t.org_path)) as a(id)
group by a.id;`);
    this.addSql(`insert into subtree_daily_stats (organization_id, day, joined, ecard_activated)
select a.id, s.day, sum(s.joined)::int, sum(s.ecard_activated)::int
from member_daily_stats s cross join lateral unnest(ancestors(s.org_path)) as a(id)
group by a.id, s.day having sum(s.joined) <> 0 or sum(s.ecard_activated) <> 0;`);
  }
}
