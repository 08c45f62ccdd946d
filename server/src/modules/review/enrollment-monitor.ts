import type { AuthedContext } from '../../common/request-context.js';
import { scopedSql } from '../../org-scope/read-db.js';

/** 集中参保实时监控 (SPEC §9): a subtree's campaign of a year. Amounts in fen. */
export interface EnrollmentMonitor {
  year: number;
  /** Grassroots unions in the subtree, and how they stand (each counted once). */
  unions: number;
  submitted: number;
  pending: number;
  returned: number;
  voided: number;
  notStarted: number;
  /** Submissions awaiting review. */
  pendingSubmissions: number;
  memberCardMembers: number;
  socialSecurityMembers: number;
  cityFen: number;
  districtFen: number;
  grassrootsFen: number;
}

/**
 * From the unions' maintained counters (union_campaign, kept by a trigger on submissions: see
 * Migration20261221000000Review), never a count of members; the unions of the subtree from the
 * organization tree's path index.
 */
const MONITOR = scopedSql(
  `select (select count(*) from organization o where o.path like $1 and o.tier = 'GRASSROOTS')::int as unions,
          count(*) filter (where c.standing = 'SUBMITTED')::int as submitted,
          count(*) filter (where c.standing = 'PENDING')::int as pending,
          count(*) filter (where c.standing = 'RETURNED')::int as returned,
          count(*) filter (where c.standing = 'VOID')::int as voided,
          coalesce(sum(c.pending_submissions), 0)::int as "pendingSubmissions",
          coalesce(sum(c.member_card_members), 0)::int as "memberCardMembers",
          coalesce(sum(c.social_security_members), 0)::int as "socialSecurityMembers",
          coalesce(sum(c.city_fen), 0)::float8 as "cityFen",
          coalesce(sum(c.district_fen), 0)::float8 as "districtFen",
          coalesce(sum(c.grassroots_fen), 0)::float8 as "grassrootsFen"
     from union_campaign c where c.org_path like $1 and c.year = $2`,
);

export async function enrollmentMonitor(ctx: AuthedContext, year: number): Promise<EnrollmentMonitor> {
  const row = (await ctx.reads.one<Omit<EnrollmentMonitor, 'year' | 'notStarted'>>(MONITOR, [year]))!;
  return { year, ...row, notStarted: row.unions - row.submitted - row.pending - row.returned - row.voided };
}
