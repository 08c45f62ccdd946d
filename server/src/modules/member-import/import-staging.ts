import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Client } from 'pg';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { sqlRows } from '../../org-scope/raw-sql.js';
import { systemEm } from '../../org-scope/system-em.js';
import type { RowProblem } from './parse-sheet.js';
import type { MessageKey } from '../../common/i18n/messages.js';
import type { StagedBatch } from './run-parse.js';
import { MEMBER_FIELDS, STAGING_COLUMNS } from './staging-row.js';

export type RowOutcome = 'NEW' | 'UPDATE' | 'UNCHANGED' | 'INVALID';
/** Outcomes stored in member_import_row: the two below are found against the rolls and count as INVALID. */
type StoredOutcome = RowOutcome | 'OTHER_UNION' | 'MOBILE_TAKEN';
const REFUSED_OUTCOMES = `('INVALID', 'OTHER_UNION', 'MOBILE_TAKEN')`;

export interface StagedJob {
  id: string;
  organizationId: number;
  orgPath: string;
  enterpriseId: number;
}

/** A row valid at preview that the commit could not write, and why. */
export interface SkippedRow {
  rowNo: number;
  key: MessageKey;
}

export interface RefusedRow {
  rowNo: number;
  problems: RowProblem[];
}

/**
 * member_import_row (see its entity): the rows of an upload between preview and commit. Everything
 * here is set-based SQL; the only per-row work on the event loop is forwarding COPY text.
 * City-wide by nature (a member of another union must be recognised), hence the system EntityManager
 * for classification; jobs themselves are scoped by the service (only their uploader sees them).
 */
export class ImportStaging {
  constructor(private readonly orm: MikroORM) {}

  /** One batch into the staging table by COPY, on a pooled connection held just for that (never while rows are being read or checked). */
  async stage(batch: StagedBatch): Promise<void> {
    const client = this.orm.em.getKnex().client as { acquireConnection(): Promise<Client>; releaseConnection(c: Client): Promise<void> };
    const conn = await client.acquireConnection();
    try {
      await pipeline(Readable.from([batch.text]), conn.query(copyFrom(`copy member_import_row (${STAGING_COLUMNS.join(', ')}) from stdin`)));
    } finally {
      await client.releaseConnection(conn);
    }
  }

  /** Drops what a parse that did not finish staged. */
  async discard(jobId: string): Promise<void> {
    await sqlRows(systemEm(this.orm), `delete from member_import_row where job_id = ?`, [jobId]);
  }

  /**
   * Duplicates inside the file, then NEW / UPDATE / UNCHANGED against the rolls by blind index; each
   * one statement that rewrites only the rows that are not NEW (the workers staged valid rows as NEW). A member of another union
   * (OTHER_UNION) is reported, never moved; a mobile of another active member is MOBILE_TAKEN.
   * Re-importing what is stored is UNCHANGED (the enterprise chosen for the upload counts too).
   */
  async classify(job: StagedJob): Promise<void> {
    const em = systemEm(this.orm);
    // The same ID number or mobile twice in the file: every later row is refused, naming the first.
    await sqlRows(
      em,
      `update member_import_row r set outcome = 'INVALID', problems = d.problems
         from (select row_no,
                      case when first_id < row_no then jsonb_build_array(jsonb_build_object('field', 'idNumber', 'key', 'importDuplicateId', 'params', jsonb_build_object('row', first_id))) else '[]'::jsonb end
                   || case when first_mobile < row_no then jsonb_build_array(jsonb_build_object('field', 'mobile', 'key', 'importDuplicateMobile', 'params', jsonb_build_object('row', first_mobile))) else '[]'::jsonb end as problems
                 from (select row_no, min(row_no) over (partition by id_number_index) as first_id,
                              case when mobile_index is not null then min(row_no) over (partition by mobile_index) end as first_mobile
                         from member_import_row where job_id = ? and outcome = 'NEW') w
                where first_id < row_no or first_mobile < row_no) d
        where r.job_id = ? and r.row_no = d.row_no`,
      [job.id, job.id],
    );
    const compared = [
      'name',
      'gender',
      'id_type',
      'id_expiry',
      'id_expiry_long_term',
      'mobile_index',
      'work_address',
      'category',
      'joined_at',
      'female_post_type',
    ];
    // The member table's enum columns compare as text with the staging table's.
    const stored = compared.map((c) => (ENUM_TYPES.has(MEMBER_FIELDS.find(([f]) => f === c)![1]) ? `m.${c}::text` : `m.${c}`));
    await sqlRows(
      em,
      `update member_import_row r set outcome = c.outcome
         from (select s.row_no, case
                 when m.organization_id <> ? then 'OTHER_UNION'
                 when s.mobile_index is not null and exists (select 1 from member o where o.life_status = 'ACTIVE' and o.mobile_index = s.mobile_index and o.id_number_index <> s.id_number_index) then 'MOBILE_TAKEN'
                 when m.id is null then 'NEW'
                 when (${stored.join(', ')}, m.enterprise_id) is not distinct from (${compared.map((c) => `s.${c}`).join(', ')}, ?::int) then 'UNCHANGED'
                 else 'UPDATE' end as outcome
                 from member_import_row s left join member m on m.id_number_index = s.id_number_index
                where s.job_id = ? and s.outcome = 'NEW') c
        where r.job_id = ? and r.row_no = c.row_no and c.outcome <> 'NEW'`,
      [job.organizationId, job.enterpriseId, job.id, job.id],
    );
  }

  async counts(jobId: string): Promise<Record<RowOutcome, number>> {
    const counts = { NEW: 0, UPDATE: 0, UNCHANGED: 0, INVALID: 0 };
    const rows = await sqlRows<{ outcome: StoredOutcome; n: number }>(
      systemEm(this.orm),
      `select outcome, count(*)::int as n from member_import_row where job_id = ? group by outcome`,
      [jobId],
    );
    for (const { outcome, n } of rows) counts[outcome === 'OTHER_UNION' || outcome === 'MOBILE_TAKEN' ? 'INVALID' : outcome] += n;
    return counts;
  }

  /** The rows that will not be imported, in sheet order (`limit` for the preview, all for the error report). */
  async refusedRows(jobId: string, limit?: number): Promise<RefusedRow[]> {
    const rows = await sqlRows<{ row_no: number; outcome: StoredOutcome; problems: RowProblem[] | null }>(
      systemEm(this.orm),
      `select row_no, outcome, problems from member_import_row where job_id = ? and outcome in ${REFUSED_OUTCOMES} order by row_no ${limit ? 'limit ?' : ''}`,
      limit ? [jobId, limit] : [jobId],
    );
    return rows.map((r) => ({ rowNo: r.row_no, problems: r.problems ?? [OUTCOME_PROBLEMS[r.outcome as 'OTHER_UNION' | 'MOBILE_TAKEN']] }));
  }

  /**
   * Inserts the NEW rows inside the caller's transaction and returns the rows it had to skip.
   * `racing: false` is the fast path: a plain INSERT, which fails on any member written since the
   * preview. The caller then retries with `racing: true`: ON CONFLICT DO NOTHING skips such rows
   * (never duplicating a member) at several times the cost per row.
   */
  async insertNew(tx: EntityManager, job: StagedJob, now: Date, racing: boolean): Promise<SkippedRow[]> {
    const columns = MEMBER_FIELDS.map(([c]) => c).join(', ');
    const values = MEMBER_FIELDS.map(([c, type]) => (type === 'text' ? c : `${c}::${type}`)).join(', ');
    await sqlRows(
      tx,
      `insert into member (${columns}, member_no, organization_id, org_path, enterprise_id, created_at, updated_at)
       select ${values}, lpad(nextval('member_no_seq')::text, 12, '0'), ?::int, ?::text, ?::int, ?::timestamptz, ?::timestamptz
         from member_import_row where job_id = ? and outcome = 'NEW' order by row_no
       ${racing ? 'on conflict do nothing' : ''}`,
      [job.organizationId, job.orgPath, job.enterpriseId, now, now, job.id],
    );
    if (!racing) return [];
    // Skipped: NEW rows whose member this transaction did not write (xmin is the writing transaction),
    // with why: the ID number is now in another union, or already in this one (another import of the
    // same union), or the mobile now belongs to another active member.
    const skipped = await sqlRows<{ row_no: number; organization_id: number | null }>(
      tx,
      `select r.row_no, m.organization_id from member_import_row r left join member m on m.id_number_index = r.id_number_index
        where r.job_id = ? and r.outcome = 'NEW' and (m.id is null or m.xmin <> xid(pg_current_xact_id()))
        order by r.row_no`,
      [job.id],
    );
    return skipped.map((r) => ({
      rowNo: r.row_no,
      key: r.organization_id === null ? 'importMobileTaken' : r.organization_id === job.organizationId ? 'idNumberTaken' : 'importOtherUnion',
    }));
  }

  /** Applies the UPDATE rows to this union's members inside the caller's transaction. */
  async applyUpdates(tx: EntityManager, job: StagedJob, now: Date): Promise<void> {
    const assignments = MEMBER_FIELDS.filter(([c]) => c !== 'id_number_index')
      .map(([c, type]) => `${c} = r.${c}${type === 'text' ? '' : `::${type}`}`)
      .join(', ');
    await sqlRows(
      tx,
      `update member m set ${assignments}, enterprise_id = ?, updated_at = ?, version = m.version + 1
         from member_import_row r
        where r.job_id = ? and r.outcome = 'UPDATE' and m.id_number_index = r.id_number_index and m.organization_id = ?`,
      [job.enterpriseId, now, job.id, job.organizationId],
    );
  }
}

const ENUM_TYPES = new Set(['gender', 'id_type', 'member_category', 'female_post_type']);

const OUTCOME_PROBLEMS: Record<'OTHER_UNION' | 'MOBILE_TAKEN', RowProblem> = {
  OTHER_UNION: { field: 'idNumber', key: 'importOtherUnion' },
  MOBILE_TAKEN: { field: 'mobile', key: 'importMobileTaken' },
};
