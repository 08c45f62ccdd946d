import { EnrollmentChannel } from '../../domain/enrollment-eligibility.js';

/** Placeholders of the year's values in the statement that uses the checks. */
export interface CheckParams {
  year: string;
  coverageStart: string;
  coverageEnd: string;
}

/**
 * The facts of member `m` the eligibility rule reads (`f`): its active card, the clerk's confirmation,
 * its enrollment this year here or in another union, its predicted retirement, and the coverage dates
 * (typed here, so a statement that reads only some of the facts still binds them).
 *
 * Each fact is a left join on a unique (partial) index, so it adds at most one row per member, and the
 * planner picks per statement: index probes for a page of twenty, hash joins for a whole union's
 * figures. (Correlated EXISTS subqueries allow only the probes; with enrollment_member's statistics
 * saying empty, a planner once chose a sequential scan of it per member, quadratic in the union's size.)
 */
export function factsSql(p: CheckParams): string {
  return `left join member_card fc on fc.member_id = m.id and fc.status = 'ACTIVE'
    left join enrollment_confirmation fec on fec.member_id = m.id and fec.year = ${p.year}
    left join enrollment_member fem on fem.member_id = m.id and fem.year = ${p.year} and fem.holding
    cross join lateral (select
      fc.id is not null as has_card,
      fec.id is not null as confirmed,
      coalesce(fem.organization_id = m.organization_id, false) as enrolled_here,
      coalesce(fem.organization_id <> m.organization_id, false) as enrolled_elsewhere,
      retirement_month(m.birth_date, m.gender::text, m.female_post_type::text) as retires,
      ${p.coverageStart}::date as coverage_start,
      ${p.coverageEnd}::date as coverage_end
    ) f`;
}

/**
 * The rule of domain/enrollment-eligibility.ts in SQL over `m` and the facts `f` (factsSql): the reasons (text[],
 * in the domain's order) and the flags. A test holds the two to each other case by case.
 */
export function eligibilitySql(channel: EnrollmentChannel): { reasons: string; flags: string } {
  const channelReasons =
    channel === EnrollmentChannel.MEMBER_CARD
      ? `case when not f.has_card then 'NO_CARD' end,
         case when m.needs_confirmation and not f.confirmed then 'PENDING_CONFIRMATION' end`
      : `case when f.has_card then 'HAS_CARD' end,
         case when m.id_type <> 'RESIDENT_ID' then 'NO_RESIDENT_ID' end`;
  return {
    reasons: `array_remove(array[
        case when m.life_status = 'DECEASED' then 'DECEASED'
             when m.life_status = 'RETIRED' and (m.life_status_date is null or m.life_status_date < f.coverage_start) then 'RETIRED'
             when m.life_status = 'ACTIVE' and f.retires < f.coverage_start then 'RETIRED' end,
        case when f.enrolled_elsewhere then 'OTHER_UNION' end,
        case when f.enrolled_here then 'ALREADY_ENROLLED' end,
        ${channelReasons}
      ]::text[], null)`,
    flags: `array_remove(array[
        case when (m.life_status = 'RETIRED' and m.life_status_date between f.coverage_start and f.coverage_end)
               or (m.life_status = 'ACTIVE' and f.retires between f.coverage_start and f.coverage_end) then 'RETIRES_DURING_COVERAGE' end,
        case when m.life_status = 'ACTIVE' and f.retires < f.coverage_start then 'RETIREMENT_PREDICTED' end,
        case when m.life_status = 'ACTIVE' and m.birth_date is null then 'BIRTH_DATE_UNKNOWN' end
      ]::text[], null)`,
  };
}

/** Where the year's values stand in every statement that applies the rule: `$1` the scope, then year and coverage. */
export const YEAR_VALUES: CheckParams = { year: '$2', coverageStart: '$3', coverageEnd: '$4' };
