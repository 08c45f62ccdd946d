import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { MessageKey } from '../../common/i18n/messages.js';
import { isUniqueViolation, sqlRows } from '../../org-scope/raw-sql.js';
import { systemEm } from '../../org-scope/system-em.js';
import type { RefusedRow, RowOutcome, SkippedRow } from './import-staging.js';

export type ImportJobStatus = 'PARSING' | 'READY' | 'REFUSED' | 'COMMITTED';

export interface ImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows valid at preview that could not be written (e.g. another import got there first). */
  skipped: SkippedRow[];
}

export interface Refusal {
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface ImportJob {
  id: string;
  accountId: number;
  organizationId: number;
  orgPath: string;
  enterpriseId: number;
  fileName: string;
  status: ImportJobStatus;
  progress: number;
  refusal: Refusal | null;
  headers: string[];
  unknownColumns: string[];
  counts: Record<RowOutcome, number>;
  /** The first refused rows, for the preview (the error report has them all). */
  firstErrors: RefusedRow[];
  result: ImportResult | null;
}

export type NewImportJob = Pick<ImportJob, 'id' | 'accountId' | 'organizationId' | 'orgPath' | 'enterpriseId' | 'fileName'>;

interface JobRow {
  id: string;
  account_id: number;
  organization_id: number;
  org_path: string;
  enterprise_id: number;
  file_name: string;
  status: ImportJobStatus;
  progress: number;
  refusal: Refusal | null;
  headers: string[] | null;
  unknown_columns: string[] | null;
  counts: Record<RowOutcome, number> | null;
  first_errors: RefusedRow[] | null;
  result: ImportResult | null;
  dead: boolean;
}

const COLUMNS = `id, account_id, organization_id, org_path, enterprise_id, file_name, status, progress, refusal, headers, unknown_columns, counts, first_errors, result, (status = 'PARSING' and parse_deadline < now()) as dead`;
/** What a parse whose process died (crash, restart) is told. */
export const DEAD_PARSE: Refusal = { key: 'importInterrupted' };

/**
 * member_import_job (see its entity): the state of each import, in SQL; its staged rows go with it. City-wide table, so the system
 * EntityManager; every read names the account (an import is its uploader's alone).
 */
export class ImportJobs {
  constructor(private readonly orm: MikroORM) {}

  /**
   * Records a new parse of an upload (kept sealed, for the error report), which must end by
   * `deadlineSeconds` from now. False when the union already has
   * a running parse (the partial unique index decides, so two processes cannot both start one).
   */
  async open(job: NewImportJob, uploadSealed: Buffer, deadlineSeconds: number): Promise<boolean> {
    const em = systemEm(this.orm);
    const insert = () =>
      sqlRows(
        em,
        `insert into member_import_job (id, account_id, organization_id, org_path, enterprise_id, file_name, upload_sealed, status, parse_deadline)
         values (?, ?, ?, ?, ?, ?, ?, 'PARSING', now() + make_interval(secs => ?))`,
        [job.id, job.accountId, job.organizationId, job.orgPath, job.enterpriseId, job.fileName, uploadSealed, deadlineSeconds],
      ).then(
        () => true,
        (e: unknown) => (isUniqueViolation(e) ? false : Promise.reject(e)),
      );
    if (await insert()) return true;
    // The slot may be held by a parse whose process died: free it if so, and try once more.
    return (await this.endDeadParses(em, job.organizationId)) > 0 && (await insert());
  }

  /** The account's own import, or null (anyone else's looks missing). A parse past its deadline reads as refused. */
  async get(id: string, accountId: number): Promise<ImportJob | null> {
    const [row] = await sqlRows<JobRow>(systemEm(this.orm), `select ${COLUMNS} from member_import_job where id = ? and account_id = ?`, [id, accountId]);
    if (!row) return null;
    if (row.dead) {
      await this.refuse(id, DEAD_PARSE);
      return { ...toJob(row), status: 'REFUSED', refusal: DEAD_PARSE };
    }
    return toJob(row);
  }

  async progress(id: string, progress: number): Promise<void> {
    await sqlRows(systemEm(this.orm), `update member_import_job set progress = ? where id = ? and status = 'PARSING'`, [progress, id]);
  }

  async ready(id: string, preview: Pick<ImportJob, 'headers' | 'unknownColumns' | 'counts' | 'firstErrors'>): Promise<void> {
    await sqlRows(
      systemEm(this.orm),
      `update member_import_job set status = 'READY', progress = 1, parse_deadline = null, headers = ?::jsonb, unknown_columns = ?::jsonb, counts = ?::jsonb, first_errors = ?::jsonb
        where id = ? and status = 'PARSING'`,
      [JSON.stringify(preview.headers), JSON.stringify(preview.unknownColumns), JSON.stringify(preview.counts), JSON.stringify(preview.firstErrors), id],
    );
  }

  async refuse(id: string, refusal: Refusal): Promise<void> {
    await sqlRows(systemEm(this.orm), `update member_import_job set status = 'REFUSED', parse_deadline = null, refusal = ?::jsonb where id = ? and status = 'PARSING'`, [JSON.stringify(refusal), id]);
  }

  /**
   * The job, locked until the caller's transaction ends: a second commit of the same import (a double
   * click, another tab, another process) waits here and then finds it COMMITTED.
   */
  async lockForCommit(tx: EntityManager, id: string, accountId: number): Promise<ImportJob | null> {
    const [row] = await sqlRows<JobRow>(tx, `select ${COLUMNS} from member_import_job where id = ? and account_id = ? for update`, [id, accountId]);
    return row ? toJob(row) : null;
  }

  async committed(tx: EntityManager, id: string, result: ImportResult): Promise<void> {
    await sqlRows(tx, `update member_import_job set status = 'COMMITTED', result = ?::jsonb where id = ?`, [JSON.stringify(result), id]);
  }

  /** The upload as it was received, still sealed. */
  async upload(id: string): Promise<Buffer> {
    const [row] = await sqlRows<{ upload_sealed: Buffer }>(systemEm(this.orm), `select upload_sealed from member_import_job where id = ?`, [id]);
    return row.upload_sealed;
  }

  /** Forgets imports older than `maxAgeSeconds`, with their staged rows, in one statement. */
  async expire(maxAgeSeconds: number): Promise<void> {
    await sqlRows(
      systemEm(this.orm),
      `with gone as (delete from member_import_job where created_at < now() - make_interval(secs => ?) returning id)
       delete from member_import_row where job_id in (select id from gone)`,
      [maxAgeSeconds],
    );
  }

  /** A union's parse whose process died holds its slot until its deadline; then it is refused. */
  private async endDeadParses(em: EntityManager, organizationId: number): Promise<number> {
    const ended = await sqlRows(
      em,
      `update member_import_job set status = 'REFUSED', parse_deadline = null, refusal = ?::jsonb
        where organization_id = ? and status = 'PARSING' and parse_deadline < now() returning id`,
      [JSON.stringify(DEAD_PARSE), organizationId],
    );
    return ended.length;
  }
}

function toJob(r: JobRow): ImportJob {
  return {
    id: r.id,
    accountId: r.account_id,
    organizationId: r.organization_id,
    orgPath: r.org_path,
    enterpriseId: r.enterprise_id,
    fileName: r.file_name,
    status: r.status,
    progress: r.progress,
    refusal: r.refusal,
    headers: r.headers ?? [],
    unknownColumns: r.unknown_columns ?? [],
    counts: r.counts ?? { NEW: 0, UPDATE: 0, UNCHANGED: 0, INVALID: 0 },
    firstErrors: r.first_errors ?? [],
    result: r.result,
  };
}
