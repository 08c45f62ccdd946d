import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import type { MessageKey } from '../../common/i18n/messages.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { scopedSql, SqlParams, type ScopedStatement } from '../../org-scope/read-db.js';
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

/** An organization without counted members or enterprises has no subtree row yet. */
const NO_TOTALS: TotalsRow = { members: 0, active_members: 0, enterprises: 0, grassroots: 0 };

interface DayRow {
  day: string;
  joined: number;
  ecard: number;
}

/** The workbench's figures, as the resolver answers them (the GraphQL Workbench, whose fields these are). */
export interface Workbench {
  /** The organization whose subtree the figures cover. */
  organizationId: number;
  today: string;
  from: string;
  to: string;
  memberCount: number;
  activeMemberCount: number;
  grassrootsCount: number;
  enterpriseCount: number;
  newToday: number;
  newThisWeek: number;
  newThisMonth: number;
  newInRange: number;
  ecardActivationsInRange: number;
  /** Every day of the range, oldest first. */
  daily: { date: string; newMembers: number; ecardActivations: number }[];
}

/**
 * 业务工作台 (SPEC §12). Every figure comes from counters that triggers maintain per subtree (see
 * member-stats.entity.ts): one row of totals and one row per day of the range, read by primary key, so
 * the cost follows the number of days shown, never the number of members or unions.
 */
export class DashboardService {
  constructor(
    private readonly clock: Clock,
    private readonly organizations: OrganizationService,
  ) {}

  async workbench(ctx: AuthedContext, organizationId: number | null, from: string | null | undefined, to: string | null | undefined): Promise<Workbench> {
    const today = this.clock.today();
    const range = resolveRange(from, to, today);
    if (!range.ok) throw new AppError('BAD_USER_INPUT', ctx.t(RANGE_MESSAGES[range.reason], { max: MAX_RANGE_DAYS }), { field: range.field });
    const viewer = ctx.viewer;
    // Another organization must be in the caller's subtree (NOT_FOUND otherwise), and then so is its
    // subtree. The caller's own needs no lookup: the hot path of the home page is two indexed queries.
    const org =
      organizationId == null || organizationId === viewer.organizationId
        ? { id: viewer.organizationId, path: viewer.orgPath }
        : await this.organizations.get(ctx, organizationId);
    const [totals, days] = workbenchQueries(org.id, today, range);
    const [[totalsRow = NO_TOTALS], dayRows] = await Promise.all([
      ctx.reads.rows<TotalsRow>(totals.statement, totals.params),
      ctx.reads.rows<DayRow>(days.statement, days.params),
    ]);
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
      daily: datesBetween(range.from, range.to).map((date) => ({
        date,
        newMembers: byDay.get(date)?.joined ?? 0,
        ecardActivations: byDay.get(date)?.ecard ?? 0,
      })),
    };
  }
}

const TOTALS = scopedSql(
  `select t.members, t.active_members, t.enterprises, t.grassroots
     from subtree_totals t join organization o on o.id = t.organization_id where o.path like $1 and t.organization_id = $2`,
);

interface WorkbenchQuery {
  statement: ScopedStatement;
  /** After the scope's `$1`, which the read path binds. */
  params: (string | number)[];
}

/**
 * The workbench's two reads of the subtree counters, on the read path: the subtree's totals (one row),
 * and its per-day figures for the chosen range and this week and month. Exported so
 * `npm run bench -- members` times exactly these statements.
 */
export function workbenchQueries(organizationId: number, today: string, range: { from: string; to: string }): [WorkbenchQuery, WorkbenchQuery] {
  const periodStart = [weekStart(today), monthStart(today)].sort()[0];
  const windows = mergeWindows([
    [range.from, range.to],
    [periodStart, today],
  ]);
  const params = new SqlParams();
  const org = params.add(organizationId);
  const days = windows.map(([from, to]) => `d.day between ${params.add(from)} and ${params.add(to)}`).join(' or ');
  return [
    { statement: TOTALS, params: [organizationId] },
    {
      statement: scopedSql(
        `select to_char(d.day, 'YYYY-MM-DD') as day, d.joined, d.ecard_activated as ecard
           from subtree_daily_stats d join organization o on o.id = d.organization_id
          where o.path like $1 and d.organization_id = ${org} and (${days})`,
      ),
      params: params.values as (string | number)[],
    },
  ];
}
