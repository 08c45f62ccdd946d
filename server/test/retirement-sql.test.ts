import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from './support/databases.js';
import { FemalePostType, Gender } from '../src/domain/member-category.js';
import { predictRetirement } from '../src/domain/retirement.js';

/**
 * The SQL function `retirement_month` (Migration20261215000000RetirementFunction) is the pure
 * predictRetirement of domain/retirement.ts: the same first day retired for every birth month of
 * 1955..1995 (across each line's start, steps and cap), each gender and post, whatever the day of birth;
 * on the demo city's members through their enum columns; and inlined into the query that calls it.
 */
let db: pg.Client;

beforeAll(async () => {
  db = new pg.Client({ connectionString: await createTestDatabase(inject('pgUrl')) });
  await db.connect();
});
afterAll(() => db.end());

const PEOPLE: [Gender, FemalePostType | null][] = [
  [Gender.MALE, null],
  [Gender.MALE, FemalePostType.CADRE],
  [Gender.FEMALE, FemalePostType.WORKER],
  [Gender.FEMALE, FemalePostType.CADRE],
  [Gender.FEMALE, null],
];

/** Every month of 1955..1995, born on the 1st, the 15th or the last day of the month in turn. */
function birthDates(): string[] {
  const dates: string[] = [];
  for (let year = 1955; year <= 1995; year++) {
    for (let month = 1; month <= 12; month++) {
      const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      const day = [1, 15, last][dates.length % 3];
      dates.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    }
  }
  return dates;
}

describe('retirement_month in SQL', () => {
  it.each(PEOPLE)('is predictRetirement for every birth month 1955-01..1995-12: %s, post %s', async (gender, post) => {
    const births = birthDates();
    const { rows } = await db.query<{ birth: string; retired: string }>(
      `select b::text as birth, retirement_month(b, $2, $3)::text as retired from unnest($1::date[]) as b order by b`,
      [births, gender, post],
    );
    expect(rows).toHaveLength(492);
    expect(rows.map((r) => `${r.birth} ${r.retired}`)).toEqual(
      births.map((birthDate) => `${birthDate} ${predictRetirement({ birthDate, gender, femalePostType: post }).firstDayRetired}`),
    );
  });

  it('is null without a birth date, or with a gender or post it does not know', async () => {
    const { rows } = await db.query(
      `select retirement_month(null, 'MALE', null) as no_birth, retirement_month('1970-01-01', 'X', null) as gender, retirement_month('1970-01-01', 'FEMALE', 'X') as post`,
    );
    expect(rows[0]).toEqual({ no_birth: null, gender: null, post: null });
  });

  it("agrees with the domain on the demo city's members, called with their enum columns", async () => {
    const { rows } = await db.query<{ birth: string; gender: Gender; post: FemalePostType | null; retired: string }>(
      `select birth_date::text as birth, gender, female_post_type as post, retirement_month(birth_date, gender::text, female_post_type::text)::text as retired
       from member where birth_date is not null`,
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) expect(r.retired, r.birth).toBe(predictRetirement({ birthDate: r.birth, gender: r.gender, femalePostType: r.post }).firstDayRetired);
  });

  it('is declared immutable and inlined into the calling query (no function call per member)', async () => {
    const { rows: fns } = await db.query(`select proname, provolatile from pg_proc where proname in ('retirement_month', 'retirement_age_months') order by 1`);
    expect(fns).toEqual([
      { proname: 'retirement_age_months', provolatile: 'i' },
      { proname: 'retirement_month', provolatile: 'i' },
    ]);
    const { rows: plan } = await db.query<{ 'QUERY PLAN': string }>(
      `explain (verbose) select retirement_month(birth_date, gender::text, female_post_type::text) from member`,
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('make_interval');
    expect(text).not.toContain('retirement_');
  });
});
