import type { Clock } from '../../common/clock.js';
import type { RequestContext } from '../../app/context.js';
import { AppError } from '../../common/errors/app-error.js';
import type { MessageKey } from '../../common/i18n/messages.js';
import { subtreePattern } from '../../org-scope/org-path.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { WorkbenchType } from './dashboard.type.js';
import { MAX_RANGE_DAYS, datesBetween, mergeWindows, monthStart, resolveRange, weekStart } from './workbench-range.js';

const RANGE_MESSAGES: Record<'FORMAT' | 'ORDER' | 'TOO_LONG', MessageKey> = {
  FORMAT: 'dateFormat',
  ORDER: 'dateRangeOrder',
  TOO_LONG: 'dateRangeTooLong',
};

interface TotalsRow {
  members: number;
  active_members: number;
  enterprises: number;
  grassroots: number;
}

interface DayRow {
  day: string;
  joined: number;
  ecard: number;
}

/**
 * 业务工作台 (SPEC §12). Every figure is a sum of counters that triggers maintain (see
 * member-stats.entity.ts): per-organization totals over the subtree and per-day counts over a date
 * range, both through indexes on the organization path, so the cost follows the number of unions and
 * days, never the number of members.
 */
export class DashboardService {
  constructor(
    private readonly clock: Clock,
    private readonly organizations: OrganizationService,
  ) {}

  async workbench(ctx: RequestContext, organizationId: number | null, from: string | null | undefined, to: string | null | undefined): Promise<WorkbenchType> {
    const today = this.clock.today();
    const range = resolveRange(from, to, today);
    if (!range.ok) throw new AppError('BAD_USER_INPUT', ctx.t(RANGE_MESSAGES[range.reason], { max: MAX_RANGE_DAYS }), { field: range.field });
    const viewer = ctx.viewer!;
    // Another organization must be in the caller's subtree (NOT_FOUND otherwise), and then so is its
    // subtree. The caller's own needs no lookup: the hot path of the home page is two indexed queries.
    const org = organizationId == null || organizationId === viewer.organizationId ? { id: viewer.organizationId, path: viewer.orgPath } : await this.organizations.get(ctx, organizationId);
    const [totals, days] = workbenchQueries(org.path, today, range);
    const [[totalsRow], dayRows] = await Promise.all([ctx.em.execute<TotalsRow[]>(totals.sql, totals.params), ctx.em.execute<DayRow[]>(days.sql, days.params)]);
    const byDay = new Map(dayRows.map((d) => [d.day, d]));
    const sum = (start: string, end: string, pick: (d: DayRow) => number) => dayRows.reduce((n, d) => (d.day >= start && d.day <= end ? n + pick(d) : n), 0);
    const joined = (d: DayRow) => d.joined;
    return {
      organizationId: org.id,
      today,
      from: range.from,
      to: range.to,
      memberCount: totalsRow.members,
      activeMemberCount: totalsRow.active_members,
      grassrootsCount: totalsRow.grassroots,
      enterpriseCount: totalsRow.enterprises,
      newToday: sum(today, today, joined),
      newThisWeek: sum(weekStart(today), today, joined),
      newThisMonth: sum(monthStart(today), today, joined),
      newInRange: sum(range.from, range.to, joined),
      ecardActivationsInRange: sum(range.from, range.to, (d) => d.ecard),
      daily: datesBetween(range.from, range.to).map((date) => ({ date, newMembers: byDay.get(date)?.joined ?? 0, ecardActivations: byDay.get(date)?.ecard ?? 0 })),
    };
  }
}

/**
 * The workbench's two reads of the counters (`?` placeholders): the subtree's totals, and its per-day
 * figures for the chosen range and this week and month. Exported so `npm run bench -- members` times
 * exactly these statements.
 */
export function workbenchQueries(orgPath: string, today: string, range: { from: string; to: string }): [{ sql: string; params: string[] }, { sql: string; params: string[] }] {
  const pattern = subtreePattern(orgPath);
  const periodStart = [weekStart(today), monthStart(today)].sort()[0];
  const windows = mergeWindows([
    [range.from, range.to],
    [periodStart, today],
  ]);
  return [
    {
      sql: `select coalesce(sum(members), 0)::int as members, coalesce(sum(active_members), 0)::int as active_members,
                   coalesce(sum(enterprises), 0)::int as enterprises, (count(*) filter (where grassroots))::int as grassroots
              from organization_totals where org_path like ?`,
      params: [pattern],
    },
    {
      sql: `select to_char(day, 'YYYY-MM-DD') as day, sum(joined)::int as joined, sum(ecard_activated)::int as ecard
              from member_daily_stats
             where org_path like ? and (${windows.map(() => 'day between ? and ?').join(' or ')})
             group by day`,
      params: [pattern, ...windows.flat()],
    },
  ];
}
