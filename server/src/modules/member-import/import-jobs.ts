import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { MessageKey } from '../../common/i18n/messages.js';
import { sqlRows } from '../../org-scope/raw-sql.js';
import { systemEm } from '../../org-scope/system-em.js';
import type { RefusedRow, RowOutcome, SkippedRow } from './import-staging.js';
import { ImportStatus } from '../../domain/member-import-states.js';

export type ImportJobStatus = ImportStatus;

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
 * member_import_job (see its entity): the state of each import, in SQL; its staged rows go with it.
 * City-wide table, so the system EntityManager; every read for a user names the account (an import is
 * its uploader's alone). The status only moves through `move` (a compare-and-set, the status being the
 * row's version), which the service calls through the transition kernel.
 */
export class ImportJobs {
  constructor(private readonly orm: MikroORM) {}

  /** Records a new import, QUEUED, in `tx`. Throws a unique violation when the union already has one queued or parsing. */
  async insert(tx: EntityManager, job: NewImportJob, uploadSealed: Buffer): Promise<void> {
    await sqlRows(
      tx,
      `insert into member_import_job (id, account_id, organization_id, org_path, enterprise_id, file_name, upload_sealed, status)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
      [job.id, job.accountId, job.organizationId, job.orgPath, job.enterpriseId, job.fileName, uploadSealed, ImportStatus.QUEUED],
    );
  }

  /** The account's own import, or null (anyone else's looks missing). */
  async get(id: string, accountId: number): Promise<(ImportJob & { dead: boolean }) | null> {
    const [row] = await sqlRows<JobRow>(systemEm(this.orm), `select ${COLUMNS} from member_import_job where id = ? and account_id = ?`, [id, accountId]);
    return row ? { ...toJob(row), dead: row.dead } : null;
  }

  /** An import as its worker sees it (whoever uploaded it). */
  async forWorker(id: string): Promise<ImportJob | null> {
    const [row] = await sqlRows<JobRow>(systemEm(this.orm), `select ${COLUMNS} from member_import_job where id = ?`, [id]);
    return row ? toJob(row) : null;
  }

  /** A union's imports parsing past their deadline (their process died or was stopped). */
  async deadParses(organizationId: number): Promise<ImportJob[]> {
    const rows = await sqlRows<JobRow>(
      systemEm(this.orm),
      `select ${COLUMNS} from member_import_job where organization_id = ? and status = 'PARSING' and parse_deadline < now()`,
      [organizationId],
    );
    return rows.map(toJob);
  }

  /**
   * Moves the import from `from` to `to` and sets `fields` with it, only if it is still in `from`.
   * False when it had moved meanwhile (a race lost).
   */
  async move(tx: EntityManager, id: string, from: ImportStatus, to: ImportStatus, fields: Partial<MovedFields> = {}): Promise<boolean> {
    const sets = ['status = ?'];
    const values: unknown[] = [to];
    const set = (sql: string, value?: unknown) => {
      sets.push(sql);
      if (value !== undefined) values.push(value);
    };
    if (fields.deadlineSeconds !== undefined) set('parse_deadline = now() + make_interval(secs => ?)', fields.deadlineSeconds);
    if (to !== ImportStatus.PARSING) set('parse_deadline = null');
    for (const [key, column] of JSON_FIELDS) if (fields[key] !== undefined) set(`${column} = ?::jsonb`, JSON.stringify(fields[key]));
    if (to === ImportStatus.READY) sets.push('progress = 1');
    const moved = await sqlRows(tx, `update member_import_job set ${sets.join(', ')} where id = ? and status = ? returning id`, [...values, id, from]);
    return moved.length === 1;
  }

  async progress(id: string, progress: number): Promise<void> {
    await sqlRows(systemEm(this.orm), `update member_import_job set progress = ? where id = ? and status = 'PARSING'`, [progress, id]);
  }

  /**
   * The job, locked until the caller's transaction ends: a second commit of the same import (a double
   * click, another tab, another process) waits here and then finds it COMMITTED.
   */
  async lockForCommit(tx: EntityManager, id: string, accountId: number): Promise<ImportJob | null> {
    const [row] = await sqlRows<JobRow>(tx, `select ${COLUMNS} from member_import_job where id = ? and account_id = ? for update`, [id, accountId]);
    return row ? toJob(row) : null;
  }

  /** The upload as it was received, still sealed. */
  async upload(id: string): Promise<Buffer> {
    const [row] = await sqlRows<{ upload_sealed: Buffer }>(systemEm(this.orm), `select upload_sealed from member_import_job where id = ?`, [id]);
    return row.upload_sealed;
  }

  /** Forgets imports older than `maxAgeSeconds`, with their staged rows and timelines, in one statement. */
  async expire(maxAgeSeconds: number): Promise<void> {
    await sqlRows(
      systemEm(this.orm),
      `with gone as (delete from member_import_job where created_at < now() - make_interval(secs => ?) returning id),
            timeline as (delete from state_change where subject_type = 'MemberImport' and subject_id in (select id::text from gone))
       delete from member_import_row where job_id in (select id from gone)`,
      [maxAgeSeconds],
    );
  }
}

/** What a move may set besides the status. */
export interface MovedFields {
  /** Seconds from now a parse must end by. */
  deadlineSeconds: number;
  refusal: Refusal;
  headers: string[];
  unknownColumns: string[];
  counts: Record<RowOutcome, number>;
  firstErrors: RefusedRow[];
  result: ImportResult;
}

const JSON_FIELDS: [keyof MovedFields, string][] = [
  ['refusal', 'refusal'],
  ['headers', 'headers'],
  ['unknownColumns', 'unknown_columns'],
  ['counts', 'counts'],
  ['firstErrors', 'first_errors'],
  ['result', 'result'],
];

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
