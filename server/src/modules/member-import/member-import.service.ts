import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import { isUniqueViolation } from '../../db/raw-sql.js';
import type { RequestContext } from '../../app/context.js';
import { AppError } from '../../common/errors/app-error.js';
import type { MessageKey } from '../../common/i18n/messages.js';
import type { PiiCipher } from '../../pii/pii-cipher.js';
import type { AuditService } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { inspectXlsx, xlsxLimitsFor, type XlsxRefusal } from './xlsx-guard.js';
import type { SheetRefusal } from './parse-sheet.js';
import { parseInWorker } from './run-parse.js';
import { ImportStaging, type RefusedRow, type RowOutcome, type SkippedRow, type StagingCopy } from './import-staging.js';

export type { RowOutcome };

export interface ImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows valid at preview that could not be written (e.g. another import got there first). */
  skipped: SkippedRow[];
}

export interface ImportJob {
  id: string;
  accountId: number;
  organizationId: number;
  orgPath: string;
  enterpriseId: number;
  fileName: string;
  status: 'PARSING' | 'READY' | 'REFUSED' | 'COMMITTING' | 'COMMITTED';
  progress: number;
  refusal?: { key: MessageKey; params?: Record<string, string | number> };
  headers: string[];
  unknownColumns: string[];
  counts: Record<RowOutcome, number>;
  /** The first refused rows, for the preview (the error report has them all). */
  firstErrors: RefusedRow[];
  result?: ImportResult;
  commit?: Promise<ImportResult | { invalid: number }>;
  createdAt: number;
}

export interface ImportLimits {
  maxRows: number;
  maxBytes: number;
}

const XLSX_REFUSALS: Record<XlsxRefusal, MessageKey> = { NOT_XLSX: 'importNotXlsx', ENCRYPTED_OR_XLS: 'importEncrypted', MACRO: 'importMacro', ZIP_BOMB: 'importZipBomb' };
/** Previews live this long (a clerk reviews, then commits). */
const JOB_TTL_MS = 60 * 60_000;
/** Refused rows listed in the preview; the error report has them all. */
export const PREVIEW_ERRORS = 200;

/**
 * 批量导入 (SPEC §5.3): upload -> worker threads read, check and seal the rows while they stream into
 * the staging table -> SQL finds duplicates and classifies them against the rolls -> preview -> commit
 * in one transaction. Nothing is written to the rolls before commit. Job state (status, progress, counts)
 * lives in this process's memory (see the README: one API process per import); the rows are staged
 * in PostgreSQL.
 */
export class MemberImportService {
  private readonly jobs = new Map<string, ImportJob>();
  private readonly staging: ImportStaging;

  constructor(
    orm: MikroORM,
    private readonly clock: Clock,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    readonly limits: ImportLimits,
  ) {
    this.staging = new ImportStaging(orm, cipher);
  }

  /** Checks the upload, starts parsing off the request path, returns at once. `onFailure` logs what went wrong unexpectedly. */
  async start(ctx: RequestContext, file: { buffer: Buffer; fileName: string }, enterpriseId: number, onFailure: (e: unknown) => void): Promise<ImportJob> {
    const viewer = ctx.viewer!;
    const enterprise = await ctx.em.findOne(Enterprise, { id: enterpriseId, organization: viewer.organizationId });
    if (!enterprise) throw new AppError('BAD_USER_INPUT', ctx.t('importEnterpriseRequired'), { field: 'enterpriseId' });
    const guard = inspectXlsx(file.buffer, xlsxLimitsFor(this.limits.maxBytes));
    if (!guard.ok) throw new AppError('BAD_USER_INPUT', ctx.t(XLSX_REFUSALS[guard.reason]), { reason: guard.reason });

    await this.expireOldJobs();
    const job: ImportJob = {
      id: randomUUID(),
      accountId: viewer.accountId,
      organizationId: viewer.organizationId,
      orgPath: viewer.orgPath,
      enterpriseId: enterprise.id,
      fileName: file.fileName.slice(0, 200),
      status: 'PARSING',
      progress: 0,
      headers: [],
      unknownColumns: [],
      counts: { NEW: 0, UPDATE: 0, UNCHANGED: 0, INVALID: 0 },
      firstErrors: [],
      createdAt: Date.now(),
    };
    this.jobs.set(job.id, job);
    void this.parse(job, file.buffer, onFailure);
    return job;
  }

  private async parse(job: ImportJob, buffer: Buffer, onFailure: (e: unknown) => void): Promise<void> {
    let copy: StagingCopy | undefined;
    try {
      copy = await this.staging.copy(job.id);
      const input = { buffer, today: this.clock.today(), maxRows: this.limits.maxRows, jobId: job.id, dataKey: this.cipher.keyForWorker() };
      const parsed = await parseInWorker(input, copy.add, (p) => (job.progress = Math.min(p, 0.95)));
      if ('refused' in parsed) {
        await copy.abort();
        job.refusal = refusalOf(parsed);
        job.status = 'REFUSED';
        return;
      }
      await copy.finish();
      Object.assign(job, parsed);
      await this.staging.classify(job);
      job.counts = await this.staging.counts(job.id);
      job.firstErrors = await this.staging.refusedRows(job.id, PREVIEW_ERRORS);
      job.status = 'READY';
      job.progress = 1;
    } catch (e) {
      onFailure(e);
      await copy?.abort().catch(onFailure);
      job.refusal = { key: 'importUnreadable' };
      job.status = 'REFUSED';
    }
  }

  /** The caller's own import; anyone else's looks missing. */
  get(ctx: RequestContext, id: string): ImportJob {
    const job = this.jobs.get(id);
    if (!job || job.accountId !== ctx.viewer?.accountId) throw new AppError('NOT_FOUND', ctx.t('importNotFound'));
    return job;
  }

  /** Every row that will not be imported, with its cells as uploaded (the error report). */
  async errorReport(ctx: RequestContext, id: string): Promise<{ headers: string[]; rows: (RefusedRow & { cells: string[] })[] }> {
    const job = this.get(ctx, id);
    const rows = await this.staging.refusedRows(job.id);
    const cells = await this.staging.cellsOf(job.id, rows.map((r) => r.rowNo));
    return { headers: job.headers, rows: rows.map((r) => ({ ...r, cells: cells.get(r.rowNo) ?? [] })) };
  }

  /**
   * Writes the valid rows in one transaction. With allOrNothing, any invalid row (at preview or
   * found at commit) writes nothing. A second call (double click) gets the first call's answer.
   */
  commit(ctx: RequestContext, id: string, allOrNothing: boolean): Promise<ImportResult | { invalid: number }> {
    const job = this.get(ctx, id);
    if (job.status === 'PARSING' || job.status === 'REFUSED') throw new AppError('CONFLICT', ctx.t('importNotReady'));
    job.commit ??= this.write(ctx, job, allOrNothing).then(
      (r) => {
        if ('inserted' in r) job.status = 'COMMITTED';
        else job.commit = undefined; // refused without writing: the clerk may commit again without all-or-nothing
        return r;
      },
      (e: unknown) => {
        job.commit = undefined;
        throw e;
      },
    );
    job.status = job.status === 'READY' ? 'COMMITTING' : job.status;
    return job.commit;
  }

  private async write(ctx: RequestContext, job: ImportJob, allOrNothing: boolean): Promise<ImportResult | { invalid: number }> {
    const { counts } = job;
    if (allOrNothing && counts.INVALID > 0) {
      job.status = 'READY';
      return { invalid: counts.INVALID };
    }
    const now = this.clock.now();
    let skipped: SkippedRow[] = [];
    const attempt = (racing: boolean) =>
      ctx.em.transactional(async (tx) => {
        skipped = await this.staging.insertNew(tx, job, now, racing);
        if (allOrNothing && skipped.length) throw new SkippedRows();
        await this.staging.applyUpdates(tx, job, now);
        this.audit.record(ctx, tx, {
          action: 'member.imported',
          organization: { id: job.organizationId, path: job.orgPath },
          targetType: 'MemberImport',
          targetId: job.id,
          after: { fileName: job.fileName, inserted: counts.NEW - skipped.length, updated: counts.UPDATE, unchanged: counts.UNCHANGED, invalid: counts.INVALID, skipped: skipped.length },
        });
      });
    try {
      // Someone wrote one of these members since the preview: the slower path that skips them.
      await attempt(false).catch((e: unknown) => (isUniqueViolation(e) ? attempt(true) : Promise.reject(e)));
    } catch (e) {
      if (e instanceof SkippedRows) {
        job.status = 'READY';
        return { invalid: counts.INVALID + skipped.length };
      }
      throw e;
    }
    job.result = { inserted: counts.NEW - skipped.length, updated: counts.UPDATE, unchanged: counts.UNCHANGED, skipped };
    return job.result;
  }

  private async expireOldJobs(): Promise<void> {
    const cutoff = Date.now() - JOB_TTL_MS;
    for (const [id, job] of this.jobs) if (job.createdAt < cutoff) this.jobs.delete(id);
    await this.staging.expire(JOB_TTL_MS);
  }
}

class SkippedRows extends Error {}

function refusalOf(r: SheetRefusal): NonNullable<ImportJob['refusal']> {
  switch (r.refused) {
    case 'NO_HEADER':
      return { key: 'importNoHeader', params: { missing: r.missing.join('、') } };
    case 'TOO_MANY_ROWS':
      return { key: 'importTooManyRows', params: { max: r.maxRows } };
    default:
      return { key: 'importUnreadable' };
  }
}
