import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthedContext } from '../../common/request-context.js';
import { sqlRows } from '../../org-scope/raw-sql.js';
import { CardCheckProblem, QUEUE_REFUSALS } from '../../domain/card-rules.js';
import { CardQueueStatus, type StoredProblem } from './card-queue.entity.js';
import { checkBindings, problemsSql } from './card-checks.js';

/** A union: the owner of a card queue. */
export interface Union {
  id: number;
  path: string;
}

/** The caller's union: the only one whose queue a clerk works on (CARD_APPLY is granted at grassroots unions only). */
export function callerUnion(ctx: AuthedContext): Union {
  return { id: ctx.viewer.organizationId, path: ctx.viewer.orgPath };
}

export interface QueueSummary {
  /** 0 before the union ever queued anyone. */
  version: number;
  totalCount: number;
  notCheckedCount: number;
  passedCount: number;
  failedCount: number;
}

/** A member refused from the queue, with every reason. */
export interface RefusedMember {
  memberId: number;
  name: string;
  memberNo: string;
  problems: CardCheckProblem[];
}

/** Members of a filtered list that were not queued, by their first reason. */
export interface FilteredAdd {
  added: number;
  alreadyQueued: number;
  skipped: { problem: CardCheckProblem; count: number }[];
}

/**
 * The card queues in SQL, set-based: a whole queue is checked, filled or emptied by one statement,
 * whatever its size. Every statement names the union whose queue it touches (the caller's own, or, for
 * a job or a district reviewer, the batch's union, which is in their scope); every change of a queue's
 * entries runs after {@link QueueStore.lock}, which bumps the queue's version under its row lock.
 */
export class QueueStore {
  /**
   * Takes the union's queue row lock for the caller's transaction and bumps its version (creating the
   * row, version 1, for a first queued member): whoever submits with the version they saw before this
   * change gets a conflict.
   */
  async lock(tx: EntityManager, union: Union, now: Date): Promise<number> {
    const [row] = await sqlRows<{ version: number }>(
      tx,
      `insert into card_queue (id, org_path, updated_at, version) values (?, ?, ?, 1)
       on conflict (id) do update set version = card_queue.version + 1, updated_at = excluded.updated_at returning version`,
      [union.id, union.path, now],
    );
    return row.version;
  }

  async summary(em: EntityManager, unionId: number): Promise<QueueSummary> {
    const [row] = await sqlRows<{ version: number | null; total: number; not_checked: number; passed: number; failed: number }>(
      em,
      `select (select version from card_queue where id = ?) as version, count(*)::int as total,
              (count(*) filter (where status = 'NOT_CHECKED'))::int as not_checked,
              (count(*) filter (where status = 'PASSED'))::int as passed,
              (count(*) filter (where status = 'FAILED'))::int as failed
       from card_queue_entry where organization_id = ?`,
      [unionId, unionId],
    );
    return { version: row.version ?? 0, totalCount: row.total, notCheckedCount: row.not_checked, passedCount: row.passed, failedCount: row.failed };
  }

  /** The members among `memberIds` (all in the caller's scope) that cannot be queued at all, with every reason of each. */
  async refusals(tx: EntityManager, unionId: number, memberIds: number[], today: string): Promise<RefusedMember[]> {
    const rows = await sqlRows<{ id: number; name: string; member_no: string; problems: CardCheckProblem[] }>(
      tx,
      `select m.id, m.name, m.member_no, ${problemsSql('m', '?::int')} as problems
       from member m where m.id = any(?::int[]) order by array_position(?::int[], m.id)`,
      [unionId, ...checkBindings(today), memberIds, memberIds],
    );
    return rows
      .map((r) => ({ memberId: r.id, name: r.name, memberNo: r.member_no, problems: r.problems.filter((p) => QUEUE_REFUSALS.includes(p)) }))
      .filter((r) => r.problems.length > 0);
  }

  /** Queues the members (NOT_CHECKED); one already queued stays as it is. Returns how many were added. */
  async add(tx: EntityManager, union: Union, memberIds: number[], accountId: number, now: Date): Promise<number> {
    const rows = await sqlRows(
      tx,
      `insert into card_queue_entry (org_path, organization_id, member_id, status, problems, added_at, added_by)
       select ?, ?, id, 'NOT_CHECKED', '[]', ?, ? from unnest(?::int[]) as id
       on conflict (member_id) do nothing returning id`,
      [union.path, union.id, now, accountId, memberIds],
    );
    return rows.length;
  }

  /**
   * Queues every member `matching` selects (SQL with its bindings, in the caller's scope) that can get a
   * card through the union and is not queued yet; the others are counted by their first reason.
   */
  async addMatching(
    tx: EntityManager,
    union: Union,
    matching: { sql: string; bindings: unknown[] },
    today: string,
    accountId: number,
    now: Date,
  ): Promise<FilteredAdd> {
    const rows = await sqlRows<{ what: string; n: number }>(
      tx,
      `with matching as (
         select m.id, exists (select 1 from card_queue_entry e where e.member_id = m.id) as queued,
                (select array_agg(p order by i) from unnest(${problemsSql('m', '?::int')}) with ordinality as u(p, i) where p = any(?::text[])) as refused
         from member m where m.id in (${matching.sql})
       ), added as (
         insert into card_queue_entry (org_path, organization_id, member_id, status, problems, added_at, added_by)
         select ?, ?, id, 'NOT_CHECKED', '[]', ?, ? from matching where not queued and refused is null
         on conflict (member_id) do nothing returning id
       )
       select 'ADDED' as what, count(*)::int as n from added
       union all select 'ALREADY_QUEUED', count(*)::int from matching where queued
       union all select refused[1], count(*)::int from matching where not queued and refused is not null group by refused[1]`,
      [union.id, ...checkBindings(today), [...QUEUE_REFUSALS], ...matching.bindings, union.path, union.id, now, accountId],
    );
    const count = (what: string) => rows.find((r) => r.what === what)?.n ?? 0;
    const skipped = rows.filter((r) => r.what in CardCheckProblem).map((r) => ({ problem: r.what as CardCheckProblem, count: r.n }));
    return { added: count('ADDED'), alreadyQueued: count('ALREADY_QUEUED'), skipped: sortByProblem(skipped) };
  }

  /** Takes members, or every entry of a status, out of the union's queue. Returns how many. */
  async remove(tx: EntityManager, unionId: number, which: { memberIds: number[] } | { status: CardQueueStatus }): Promise<number> {
    const rows =
      'status' in which
        ? await sqlRows(tx, `delete from card_queue_entry where organization_id = ? and status = ? returning id`, [unionId, which.status])
        : await sqlRows(tx, `delete from card_queue_entry where organization_id = ? and member_id = any(?::int[]) returning id`, [unionId, which.memberIds]);
    return rows.length;
  }

  /** 信息校验: checks the union's queue (or those of its entries for `memberIds`), each entry PASSED or FAILED with every problem. */
  async check(tx: EntityManager, unionId: number, memberIds: number[] | null, today: string, now: Date): Promise<number> {
    const rows = await sqlRows(
      tx,
      `with checked as (
         select e.id, ${problemsSql('m', 'e.organization_id')} as problems
         from card_queue_entry e join member m on m.id = e.member_id
         where e.organization_id = ? ${memberIds ? 'and e.member_id = any(?::int[])' : ''}
       )
       update card_queue_entry e
       set status = (case when cardinality(c.problems) = 0 then 'PASSED' else 'FAILED' end)::card_queue_status,
           problems = coalesce((select jsonb_agg(jsonb_build_object('code', p) order by i) from unnest(c.problems) with ordinality as u(p, i)), '[]'),
           checked_at = ?
       from checked c where e.id = c.id returning e.id`,
      [...checkBindings(today), unionId, ...(memberIds ? [memberIds] : []), now],
    );
    return rows.length;
  }

  /** How many PASSED entries would fail their check now (a member changed since). */
  async stalePassed(tx: EntityManager, unionId: number, today: string): Promise<number> {
    const [row] = await sqlRows<{ n: number }>(
      tx,
      `select count(*)::int as n from card_queue_entry e join member m on m.id = e.member_id
       where e.organization_id = ? and e.status = 'PASSED' and cardinality(${problemsSql('m', 'e.organization_id')}) > 0`,
      [unionId, ...checkBindings(today)],
    );
    return row.n;
  }

  /**
   * Puts members back in their union's queue (a revoked batch's, NOT_CHECKED; an issuer's refusals,
   * FAILED with its reason each), unless queued meanwhile, bumping the queue's version.
   */
  async requeue(tx: EntityManager, union: Union, members: { memberId: number; problem: StoredProblem | null }[], now: Date): Promise<void> {
    if (!members.length) return;
    await this.lock(tx, union, now);
    await sqlRows(
      tx,
      `insert into card_queue_entry (org_path, organization_id, member_id, status, problems, added_at, added_by)
       select ?, ?, r.member_id, (case when r.problem is null then 'NOT_CHECKED' else 'FAILED' end)::card_queue_status,
              case when r.problem is null then '[]'::jsonb else jsonb_build_array(r.problem) end, ?, null
       from jsonb_to_recordset(?::jsonb) as r(member_id int, problem jsonb)
       on conflict (member_id) do nothing`,
      [union.path, union.id, now, JSON.stringify(members.map((m) => ({ member_id: m.memberId, problem: m.problem })))],
    );
  }
}

const ORDER = Object.values(CardCheckProblem);
function sortByProblem<T extends { problem: CardCheckProblem }>(rows: T[]): T[] {
  return rows.sort((a, b) => ORDER.indexOf(a.problem) - ORDER.indexOf(b.problem));
}
