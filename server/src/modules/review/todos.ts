import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { Permission } from '../../auth/permissions.js';
import { referenceSql, scopedSql } from '../../org-scope/read-db.js';
import { addDays } from '../../domain/working-days.js';

/** What a to-do item asks of its reader; the workbench links each to its page. */
export enum TodoKind {
  /** Grassroots: submissions returned by a reviewer, not yet submitted again. */
  RETURNED_SUBMISSIONS = 'RETURNED_SUBMISSIONS',
  /** Secondary and district reviewers: submissions pending review below. */
  PENDING_REVIEWS = 'PENDING_REVIEWS',
  /** Districts: card-batch revocations awaiting their decision. */
  CARD_REVOCATIONS = 'CARD_REVOCATIONS',
  /** Districts: approved submissions on the ready list, not yet submitted to the center. */
  READY_TO_SUBMIT = 'READY_TO_SUBMIT',
  /** Districts: batches at the center whose payment vouchers are not submitted. */
  VOUCHERS_DUE = 'VOUCHERS_DUE',
  /** The center: district batches to confirm or to complete. */
  BATCHES_WAITING = 'BATCHES_WAITING',
  /** A window or deadline of the reader's tier within the next 14 days. */
  DEADLINE = 'DEADLINE',
}

/** The deadlines a reader is reminded of: which date of the year, for whom (by the permission that acts on it). */
const DEADLINES = [
  { date: 'grassrootsClose', name: 'windowGrassroots', permission: Permission.ENROLLMENT_APPLY },
  { date: 'paymentDeadline', name: 'paymentDeadline', permission: Permission.ENROLLMENT_APPLY },
  { date: 'adjustmentClose', name: 'windowAdjustment', permission: Permission.FEE_SPLIT_SET },
  { date: 'districtClose', name: 'windowDistrict', permission: Permission.DISTRICT_BATCH_SUBMIT },
  { date: 'districtClose', name: 'windowDistrict', permission: Permission.DISTRICT_BATCH_REVIEW },
] as const;

export interface Todo {
  kind: TodoKind;
  count: number;
  /** DEADLINE: the date and what closes (a catalog key of the window). */
  dueOn: string | null;
  deadline: string | null;
}

/** How many of each kind are waiting in the reader's subtree (`$1`), each a cheap indexed count. */
const COUNTS = scopedSql(
  `select (select count(*) from enrollment_submission s where s.org_path like $1 and s.organization_id = $2 and s.status = 'RETURNED'
             and not exists (select 1 from enrollment_submission r where r.organization_id = s.organization_id and r.resubmission_of = s.id))::int as "returned",
          (select count(*) from enrollment_submission s where s.org_path like $1 and s.status = 'PENDING_REVIEW')::int as "pendingReviews",
          (select count(*) from card_batch b where b.org_path like $1 and b.status = 'REVOCATION_REQUESTED')::int as "revocations",
          (select count(*) from enrollment_submission s where s.org_path like $1 and s.status = 'APPROVED')::int as "ready",
          (select count(*) from district_batch b where b.org_path like $1 and b.status in ('SUBMITTED', 'CONFIRMED') and b.vouchers_submitted_at is null)::int as "vouchersDue",
          (select count(*) from district_batch b where b.org_path like $1
             and (b.status = 'SUBMITTED' or (b.status = 'CONFIRMED' and b.vouchers_submitted_at is not null)))::int as "batchesWaiting"`,
);

const YEARS_AHEAD = referenceSql(
  `select y.grassroots_close::text as "grassrootsClose", y.payment_deadline::text as "paymentDeadline", y.adjustment_close::text as "adjustmentClose",
          y.district_close::text as "districtClose"
     from protection_year y where y.district_close >= $1::date`,
);

/** 待办事项 (SPEC §12): what waits for the reader, by their permissions, each with a count; deadlines within 14 days. */
export async function todosOf(ctx: AuthedContext, clock: Clock): Promise<Todo[]> {
  const may = (p: Permission) => ctx.viewer.permissions.includes(p);
  const today = clock.today();
  const [counts, years] = await Promise.all([
    ctx.reads.one<Record<'returned' | 'pendingReviews' | 'revocations' | 'ready' | 'vouchersDue' | 'batchesWaiting', number>>(COUNTS, [
      ctx.viewer.organizationId,
    ]),
    ctx.reads.rows<Record<(typeof DEADLINES)[number]['date'], string>>(YEARS_AHEAD, [today]),
  ]);
  const c = counts!;
  const todos: Todo[] = [];
  const add = (kind: TodoKind, count: number, when: boolean) => {
    if (when && count > 0) todos.push({ kind, count, dueOn: null, deadline: null });
  };
  add(TodoKind.RETURNED_SUBMISSIONS, c.returned, may(Permission.ENROLLMENT_APPLY));
  add(TodoKind.PENDING_REVIEWS, c.pendingReviews, may(Permission.ENROLLMENT_REVIEW));
  add(TodoKind.CARD_REVOCATIONS, c.revocations, may(Permission.CARD_REVOCATION_REVIEW));
  add(TodoKind.READY_TO_SUBMIT, c.ready, may(Permission.DISTRICT_BATCH_SUBMIT));
  add(TodoKind.VOUCHERS_DUE, c.vouchersDue, may(Permission.DISTRICT_BATCH_SUBMIT));
  add(TodoKind.BATCHES_WAITING, c.batchesWaiting, may(Permission.DISTRICT_BATCH_REVIEW));
  const horizon = addDays(today, 14);
  const seen = new Set<string>();
  for (const y of years) {
    for (const d of DEADLINES) {
      const date = y[d.date];
      const key = `${d.name}:${date}`;
      if (may(d.permission) && date >= today && date <= horizon && !seen.has(key)) {
        seen.add(key);
        todos.push({ kind: TodoKind.DEADLINE, count: 1, dueOn: date, deadline: d.name });
      }
    }
  }
  return todos;
}
