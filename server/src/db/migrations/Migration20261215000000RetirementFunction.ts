import { Migration } from '@mikro-orm/migrations';

/**
 * The statutory retirement month in SQL, so set-based enrollment queries (counts, exclusions, the
 * retiree warning over a whole union) predict retirements without loading members: the mirror of
 * domain/retirement.ts, held to it by a test for every birth month 1955..1995.
 *
 * `retirement_month(birth, gender, female_post_type)` is the first day of the month the member reaches
 * the statutory age (birth month + age in months; retired from that day on), null when the birth date
 * is null. Gender and post are text: pass the member's enum columns as `gender::text`,
 * `female_post_type::text`; a null post is a worker post, as in the domain. Both functions are single
 * expressions of immutable built-ins, so the planner inlines them into the calling query (no function
 * call per row).
 */
export class Migration20261215000000RetirementFunction extends Migration {
  override async up(): Promise<void> {
    // One line of the 2025 reform's schedule (SPEC §8): n counts birth months from the start month,
    // which is n = 1, and the delay is min(cap, ceil(n / step)); ceil(n / step) = (n - 1 + step) / step
    // for n >= 1, and births before the start month (n <= 0) come out at 0 or below, hence greatest(0, ...).
    this.addSql(`create function retirement_age_months(birth date, original_years int, start_month date, step int, cap int) returns int
language sql immutable parallel safe as $$
  select original_years * 12 + least(cap, greatest(0,
    ((extract(year from birth)::int - extract(year from start_month)::int) * 12 + extract(month from birth)::int - extract(month from start_month)::int + step) / step))
$$;`);
    this.addSql(`create function retirement_month(birth date, gender text, female_post_type text) returns date
language sql immutable parallel safe as $$
  select (birth - extract(day from birth)::int + 1 + make_interval(months => case
    when gender = 'MALE' then retirement_age_months(birth, 60, date '1965-01-01', 4, 36)
    when gender = 'FEMALE' and female_post_type = 'CADRE' then retirement_age_months(birth, 55, date '1970-01-01', 4, 36)
    when gender = 'FEMALE' and coalesce(female_post_type, 'WORKER') = 'WORKER' then retirement_age_months(birth, 50, date '1975-01-01', 2, 60)
  end))::date
$$;`);
    this.addSql(
      `comment on function retirement_month(date, text, text) is 'First day of the statutory retirement month (domain/retirement.ts); null for a null birth date or an unknown gender or post.';`,
    );
  }
}
