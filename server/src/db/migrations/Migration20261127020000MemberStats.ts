import { Migration } from '@mikro-orm/migrations';

/**
 * Maintained counters for the workbench (SPEC §12): per-organization totals and per-organization daily
 * figures, kept exact by triggers so no page recounts the member table. The member and enterprise
 * triggers are statement-level with transition tables: a set-based import of thousands of rows costs
 * one aggregated upsert, not one per row. Rows are upserted in key order, so two transactions touching
 * the same unions lock their counter rows in the same order.
 */
export class Migration20261127020000MemberStats extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "member_daily_stats" ("organization_id" int not null, "day" date not null, "org_path" varchar(255) not null, "joined" int not null default 0, "ecard_activated" int not null default 0, constraint "member_daily_stats_pkey" primary key ("organization_id", "day"));`,
    );
    this.addSql(`create index "member_daily_stats_path_day_idx" on "member_daily_stats" ("org_path" text_pattern_ops, "day");`);
    this.addSql(`create index "member_daily_stats_day_path_idx" on "member_daily_stats" ("day", "org_path" text_pattern_ops);`);
    this.addSql(
      `create table "organization_totals" ("organization_id" int not null, "org_path" varchar(255) not null, "grassroots" boolean not null, "members" int not null default 0, "active_members" int not null default 0, "enterprises" int not null default 0, constraint "organization_totals_pkey" primary key ("organization_id"));`,
    );
    this.addSql(`create index "organization_totals_org_path_prefix_idx" on "organization_totals" ("org_path" text_pattern_ops);`);
    this.addSql(
      `alter table "organization_totals" add constraint "organization_totals_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`,
    );

    // Every organization has a totals row (so grassroots unions are counted there too); paths follow the
    // organization. Daily rows have no foreign key (one check per row would slow bulk imports): removed here.
    this.addSql(`create function organization_totals_track() returns trigger language plpgsql as $$
begin
  if TG_OP = 'DELETE' then
    delete from member_daily_stats where organization_id = old.id;
  elsif TG_OP = 'INSERT' then
    insert into organization_totals (organization_id, org_path, grassroots) values (new.id, new.path, new.tier = 'GRASSROOTS');
  else
    update organization_totals set org_path = new.path, grassroots = new.tier = 'GRASSROOTS' where organization_id = new.id;
    update member_daily_stats set org_path = new.path where organization_id = new.id and org_path <> new.path;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger organization_totals_on_insert after insert on "organization" for each row execute function organization_totals_track();`);
    this.addSql(
      `create trigger organization_totals_on_update after update of "path", "tier" on "organization" for each row when (old.path is distinct from new.path or old.tier is distinct from new.tier) execute function organization_totals_track();`,
    );
    this.addSql(`create trigger organization_totals_on_delete after delete on "organization" for each row execute function organization_totals_track();`);

    // What member rows add (sign 1) or take away (sign -1): one member, its life status, its joining day, its e-card day.
    this.addSql(`create function member_stats_apply(org int[], active boolean[], joined date[], ecard date[], sign int[]) returns void language sql as $$
  with d as (
    select * from unnest(org, active, joined, ecard, sign) as d(organization_id, active, joined_at, ecard_at, sign)
  ), totals as (
    insert into organization_totals as t (organization_id, org_path, grassroots, members, active_members)
    select o.id, o.path, o.tier = 'GRASSROOTS', x.members, x.active_members
    from (select organization_id, sum(sign)::int as members, coalesce(sum(sign) filter (where active), 0)::int as active_members from d group by organization_id) x
    join organization o on o.id = x.organization_id
    where x.members <> 0 or x.active_members <> 0
    order by o.id
    on conflict (organization_id) do update set members = t.members + excluded.members, active_members = t.active_members + excluded.active_members
  )
  insert into member_daily_stats as s (organization_id, day, org_path, joined, ecard_activated)
  select o.id, x.day, o.path, x.joined, x.ecard_activated
  from (
    select organization_id, day, sum(joined)::int as joined, sum(ecard)::int as ecard_activated
    from (
      select organization_id, joined_at as day, sign as joined, 0 as ecard from d
      union all
      select organization_id, ecard_at, 0, sign from d where ecard_at is not null
    ) u
    group by organization_id, day
  ) x
  join organization o on o.id = x.organization_id
  where x.joined <> 0 or x.ecard_activated <> 0
  order by o.id, x.day
  on conflict (organization_id, day) do update set joined = s.joined + excluded.joined, ecard_activated = s.ecard_activated + excluded.ecard_activated
$$;`);
    // Transition tables cannot be combined with a column list, so every update statement comes here;
    // rows whose counted columns did not change cancel out (+1 and -1 on the same keys) and write nothing.
    this.addSql(`create function member_stats_track() returns trigger language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    perform member_stats_apply(array_agg(organization_id), array_agg(life_status = 'ACTIVE'), array_agg(joined_at), array_agg(ecard_activated_at), array_agg(1)) from new_rows;
  elsif TG_OP = 'DELETE' then
    perform member_stats_apply(array_agg(organization_id), array_agg(life_status = 'ACTIVE'), array_agg(joined_at), array_agg(ecard_activated_at), array_agg(-1)) from old_rows;
  elsif TG_OP = 'UPDATE' then
    perform member_stats_apply(array_agg(organization_id), array_agg(life_status = 'ACTIVE'), array_agg(joined_at), array_agg(ecard_activated_at), array_agg(sign))
    from (
      select organization_id, life_status, joined_at, ecard_activated_at, 1 as sign from new_rows
      union all
      select organization_id, life_status, joined_at, ecard_activated_at, -1 from old_rows
    ) r;
  else -- TRUNCATE
    update organization_totals set members = 0, active_members = 0 where members <> 0 or active_members <> 0;
    delete from member_daily_stats;
  end if;
  return null;
end $$;`);
    this.addSql(
      `create trigger member_stats_on_insert after insert on "member" referencing new table as new_rows for each statement execute function member_stats_track();`,
    );
    this.addSql(
      `create trigger member_stats_on_update after update on "member" referencing old table as old_rows new table as new_rows for each statement execute function member_stats_track();`,
    );
    this.addSql(
      `create trigger member_stats_on_delete after delete on "member" referencing old table as old_rows for each statement execute function member_stats_track();`,
    );
    this.addSql(`create trigger member_stats_on_truncate after truncate on "member" for each statement execute function member_stats_track();`);

    this.addSql(`create function enterprise_totals_apply(org int[], sign int[]) returns void language sql as $$
  insert into organization_totals as t (organization_id, org_path, grassroots, enterprises)
  select o.id, o.path, o.tier = 'GRASSROOTS', x.enterprises
  from (select organization_id, sum(sign)::int as enterprises from unnest(org, sign) as d(organization_id, sign) group by organization_id) x
  join organization o on o.id = x.organization_id
  where x.enterprises <> 0
  order by o.id
  on conflict (organization_id) do update set enterprises = t.enterprises + excluded.enterprises
$$;`);
    this.addSql(`create function enterprise_totals_track() returns trigger language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    perform enterprise_totals_apply(array_agg(organization_id), array_agg(1)) from new_rows;
  elsif TG_OP = 'DELETE' then
    perform enterprise_totals_apply(array_agg(organization_id), array_agg(-1)) from old_rows;
  elsif TG_OP = 'UPDATE' then
    perform enterprise_totals_apply(array_agg(organization_id), array_agg(sign))
    from (select organization_id, 1 as sign from new_rows union all select organization_id, -1 from old_rows) r;
  else -- TRUNCATE
    update organization_totals set enterprises = 0 where enterprises <> 0;
  end if;
  return null;
end $$;`);
    this.addSql(
      `create trigger enterprise_totals_on_insert after insert on "enterprise" referencing new table as new_rows for each statement execute function enterprise_totals_track();`,
    );
    this.addSql(
      `create trigger enterprise_totals_on_update after update on "enterprise" referencing old table as old_rows new table as new_rows for each statement execute function enterprise_totals_track();`,
    );
    this.addSql(
      `create trigger enterprise_totals_on_delete after delete on "enterprise" referencing old table as old_rows for each statement execute function enterprise_totals_track();`,
    );
    this.addSql(`create trigger enterprise_totals_on_truncate after truncate on "enterprise" for each statement execute function enterprise_totals_track();`);

    // Backfill from the rows already there. The triggers above already hold locks that keep writers out
    // until this migration commits, so nothing is counted twice or missed.
    this.addSql(`insert into organization_totals (organization_id, org_path, grassroots, members, active_members, enterprises)
select o.id, o.path, o.tier = 'GRASSROOTS', coalesce(m.members, 0), coalesce(m.active_members, 0), coalesce(e.enterprises, 0)
from organization o
left join (select organization_id, count(*)::int as members, (count(*) filter (where life_status = 'ACTIVE'))::int as active_members from member group by organization_id) m on m.organization_id = o.id
left join (select organization_id, count(*)::int as enterprises from enterprise group by organization_id) e on e.organization_id = o.id;`);
    this.addSql(`insert into member_daily_stats (organization_id, day, org_path, joined, ecard_activated)
select u.organization_id, u.day, o.path, sum(u.joined)::int, sum(u.ecard)::int
from (
  select organization_id, joined_at as day, 1 as joined, 0 as ecard from member
  union all
  select organization_id, ecard_activated_at, 0, 1 from member where ecard_activated_at is not null
) u
join organization o on o.id = u.organization_id
group by u.organization_id, u.day, o.path;`);
  }
}
