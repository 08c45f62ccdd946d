import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import { isUniqueViolation } from '../../org-scope/raw-sql.js';
import type { AuthedContext, RequestContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import type { MessageKey } from '../../common/i18n/messages.js';
import type { PiiCipher } from '../../pii/pii-cipher.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { inspectXlsx, xlsxLimitsFor, type XlsxRefusal } from './xlsx-guard.js';
import type { SheetRefusal } from './parse-sheet.js';
import { ParseProcesses, type ParseFailure, type StagedBatch } from './run-parse.js';
import { ImportStaging, type RefusedRow, type RowOutcome, type SkippedRow } from './import-staging.js';
import { DEAD_PARSE, ImportJobs, type ImportJob, type ImportResult, type MovedFields, type Refusal } from './import-jobs.js';
import { systemEm } from '../../org-scope/system-em.js';
import { IMPORT_MACHINE, ImportEvent, ImportStatus } from '../../domain/member-import-states.js';
import { moverOf, recordCreation, timelineOf, transition } from '../../changes/transition.js';
import type { StateChange } from '../../changes/state-change.entity.js';
import { enqueue } from '../../jobs/queue.js';
import type { JobAttempt } from '../../jobs/worker.js';
import { buildErrorReport } from './workbook-files.js';

export type { ImportJob, ImportResult, RowOutcome };

export interface ImportLimits {
  maxRows: number;
  maxBytes: number;
  /** Wall-clock budget of one parse, in seconds. */
  parseSeconds: number;
  /** Heap cap of the parse process, in MiB. */
  parseMemoryMb: number;
  /** Parses running at once in this process (each union has at most one anywhere). */
  maxParallel: number;
}

const XLSX_REFUSALS: Record<XlsxRefusal, MessageKey> = {
  NOT_XLSX: 'importNotXlsx',
  ENCRYPTED_OR_XLS: 'importEncrypted',
  MACRO: 'importMacro',
  ZIP_BOMB: 'importZipBomb',
};
/** Previews live this long (a clerk reviews, then commits). */
const JOB_TTL_SECONDS = 60 * 60;
/** A parse's row in the job table outlives its budget by this much before it is presumed dead. */
const DEADLINE_GRACE_SECONDS = 30;
/** Progress is written at most this often. */
const PROGRESS_EVERY_MS = 500;
/** The graphile-worker task that parses an upload. */
export const PARSE_TASK = 'member-import.parse';
export interface ParseJob {
  jobId: string;
}
/** A parse that failed through no fault of the file (e.g. the database went away) is tried this often. */
const PARSE_ATTEMPTS = 3;
/** Refused rows listed in the preview; the error report has them all. */
export const PREVIEW_ERRORS = 200;

/**
 * 批量导入 (SPEC §5.3): upload -> a child process reads, checks and seals the rows, which stream batch by
 * batch into the staging table -> SQL finds duplicates and classifies them against the rolls -> preview
 * -> commit in one transaction. Nothing is written to the rolls before commit.
 * The upload is hostile until read: the reading runs in its own process under a time budget and a heap
 * cap (run-parse.ts), one at a time per union and a few at a time per API process, and no database
 * connection is held while it computes. The job's state is in PostgreSQL (import-jobs.ts).
 */
export class MemberImportService {
  private readonly staging: ImportStaging;
  private readonly jobs: ImportJobs;
  private readonly parser: ParseProcesses;
  /** Parses running (or about to) in this process: at most limits.maxParallel. */
  private running = 0;
  private expiredAt = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    readonly limits: ImportLimits,
  ) {
    this.staging = new ImportStaging(orm);
    this.jobs = new ImportJobs(orm);
    this.parser = new ParseProcesses({ ms: limits.parseSeconds * 1000, memoryMb: limits.parseMemoryMb }, limits.maxParallel);
  }

  /** Ends the parse processes kept for later uploads (the server is closing). */
  close(): void {
    this.parser.close();
  }

  /**
   * A place among the parses this process may run at once (an upload's, or an error report's reading
   * it again), or null when they are all taken. Taken before the upload is even read (so a flood of
   * uploads is refused without a query or a parse) and given back when the reading ends; `release`
   * may be called more than once.
   */
  reserve(): { release(): void } | null {
    if (this.running >= this.limits.maxParallel) return null;
    this.running++;
    let held = true;
    return {
      release: () => {
        if (held) this.running--;
        held = false;
      },
    };
  }

  /**
   * Checks the upload and queues its parse (a job, enqueued in the transaction that records the
   * import); returns at once. At most one import per union is queued or parsing.
   */
  async start(ctx: AuthedContext, file: { buffer: Buffer; fileName: string }, enterpriseId: number): Promise<{ id: string }> {
    const viewer = ctx.viewer;
    const job = {
      id: randomUUID(),
      accountId: viewer.accountId,
      organizationId: viewer.organizationId,
      orgPath: viewer.orgPath,
      enterpriseId,
      fileName: file.fileName.slice(0, 200),
    };
    const guard = inspectXlsx(file.buffer, xlsxLimitsFor(this.limits.maxBytes));
    if (!guard.ok) throw new AppError('BAD_USER_INPUT', ctx.t(XLSX_REFUSALS[guard.reason]), { reason: guard.reason });
    const enterprise = await ctx.em.findOne(Enterprise, { id: enterpriseId, organization: viewer.organizationId });
    if (!enterprise) throw new AppError('BAD_USER_INPUT', ctx.t('importEnterpriseRequired'), { field: 'enterpriseId' });
    await this.expireOldJobs();
    const sealed = this.cipher.sealBytes(file.buffer);
    const open = () =>
      ctx.em.fork().transactional(async (tx) => {
        await this.jobs.insert(tx, job, sealed);
        recordCreation(tx, IMPORT_MACHINE, { id: job.id, orgPath: job.orgPath }, moverOf(ctx), this.clock.now());
        await enqueue(ctx, tx, PARSE_TASK, { jobId: job.id } satisfies ParseJob, { maxAttempts: PARSE_ATTEMPTS });
      });
    try {
      await open();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      // The union's slot may be held by a parse whose process died: end it, and try once more.
      const dead = await this.jobs.deadParses(job.organizationId);
      for (const d of dead) await this.move(ctx, d, ImportEvent.REFUSE, { refusal: DEAD_PARSE }).catch(() => {});
      if (!dead.length) throw new AppError('CONFLICT', ctx.t('importRunning'));
      await open().catch((e2: unknown) => Promise.reject(isUniqueViolation(e2) ? new AppError('CONFLICT', ctx.t('importRunning')) : e2));
    }
    return { id: job.id };
  }

  /** The parse job (a graphile-worker task, run as the uploader): reads the sealed upload in a parse process. */
  async runParse(ctx: AuthedContext, { jobId }: ParseJob, attempt: JobAttempt, log: ImportLog): Promise<void> {
    const job = await this.jobs.forWorker(jobId);
    if (!job || (job.status !== ImportStatus.QUEUED && job.status !== ImportStatus.PARSING)) return; // ended (expired, refused) meanwhile
    const deadlineSeconds = this.limits.parseSeconds + DEADLINE_GRACE_SECONDS;
    if (job.status === ImportStatus.QUEUED) await this.move(ctx, job, ImportEvent.START, { deadlineSeconds });
    else await this.staging.discard(jobId); // a retry: the try before may have staged some rows
    const parsing = { ...job, status: ImportStatus.PARSING };
    try {
      await this.parse(ctx, parsing, this.cipher.unsealBytes(await this.jobs.upload(jobId)), log);
    } catch (e) {
      await this.staging.discard(jobId).catch(() => {});
      // The file is not at fault: try again (graphile-worker backs off); after the last try the clerk is told.
      if (attempt.isLast) await this.move(ctx, parsing, ImportEvent.REFUSE, { refusal: { key: 'importFailed' } }).catch(() => {});
      throw e;
    }
  }

  private async parse(ctx: AuthedContext, job: ImportJob, buffer: Buffer, log: ImportLog): Promise<void> {
    const jobId = job.id;
    // Batches go to PostgreSQL as they come, on two connections at most; the child reads on meanwhile,
    // a few batches ahead at most.
    const lanes = [Promise.resolve(), Promise.resolve()];
    let lane = 0;
    const stage = (batch: StagedBatch) => {
      lane = 1 - lane;
      return (lanes[lane] = lanes[lane].then(() => this.staging.stage(batch)));
    };
    const written = () => Promise.all(lanes);
    let lastProgress = 0;
    const progress = (p: number) => {
      if (Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = Date.now();
      lanes[lane] = lanes[lane].then(() => this.jobs.progress(jobId, Math.min(p, 0.95)));
    };
    try {
      const input = { buffer, today: this.clock.today(), maxRows: this.limits.maxRows, jobId, dataKey: this.cipher.keyForWorker() };
      const parsed = await this.parser.parse(input, { onRows: stage, onProgress: progress });
      await written();
      if ('failed' in parsed || 'refused' in parsed) {
        if ('failed' in parsed) log.warn({ jobId, failure: parsed }, 'member import parse failed');
        await this.staging.discard(jobId);
        return await this.move(ctx, job, ImportEvent.REFUSE, { refusal: refusalOf(parsed) });
      }
      await this.staging.classify(job);
      await this.move(ctx, job, ImportEvent.PARSED, {
        ...parsed,
        counts: await this.staging.counts(jobId),
        firstErrors: await this.staging.refusedRows(jobId, PREVIEW_ERRORS),
      });
    } catch (e) {
      await written().catch(() => {});
      throw e;
    }
  }

  /** A system move of the import (the worker's, or ending a dead parse), with its state-change row. */
  private async move(ctx: AuthedContext, job: ImportJob, event: ImportEvent, fields: Partial<MovedFields> = {}): Promise<void> {
    await systemEm(this.orm).transactional((tx) =>
      transition(
        ctx,
        tx,
        { machine: IMPORT_MACHINE, subject: { id: job.id, orgPath: job.orgPath }, from: job.status, event, by: 'system', at: this.clock.now() },
        (to) => this.jobs.move(tx, job.id, job.status, to, fields),
      ),
    );
  }

  /** The caller's own import; anyone else's looks missing. A parse past its deadline is ended here. */
  async get(ctx: AuthedContext, id: string): Promise<ImportJob> {
    const job = isUuid(id) ? await this.jobs.get(id, ctx.viewer.accountId) : null;
    if (!job) throw new AppError('NOT_FOUND', ctx.t('importNotFound'));
    if (!job.dead) return job;
    await this.move(ctx, job, ImportEvent.REFUSE, { refusal: DEAD_PARSE }).catch(() => {});
    return { ...job, status: ImportStatus.REFUSED, refusal: DEAD_PARSE };
  }

  /** The import's timeline (who moved it, when, from, to), oldest first. */
  timeline(ctx: AuthedContext, id: string): Promise<StateChange[]> {
    return timelineOf(ctx.em, IMPORT_MACHINE.subject, id);
  }

  /**
   * 错误明细: every row that will not be imported, as uploaded, with its reasons in the caller's
   * language, as a workbook. The cells come from the sealed upload, read again in a parse process (in
   * a place of its own among the parses: none free, RATE_LIMITED).
   */
  async errorReport(ctx: AuthedContext, id: string): Promise<Buffer> {
    const job = await this.get(ctx, id);
    const slot = this.reserve();
    if (!slot) throw new AppError('RATE_LIMITED', ctx.t('importBusy'));
    try {
      const rows = await this.staging.refusedRows(job.id);
      if (!rows.length) return buildErrorReport(job.headers, [], () => '');
      const buffer = this.cipher.unsealBytes(await this.jobs.upload(job.id));
      const cells = await this.parser.cells({ buffer, maxRows: this.limits.maxRows, rowNos: rows.map((r) => r.rowNo) });
      // The file was read once already: failing now is ours, not the clerk's.
      if (!Array.isArray(cells)) throw new Error(`error report of import ${job.id}: ${JSON.stringify(cells)}`);
      const byRow = new Map(cells);
      const withCells = rows.map((r) => ({ ...r, cells: byRow.get(r.rowNo) ?? [] }));
      return buildErrorReport(job.headers, withCells, (r) => rowReasons(ctx, r));
    } finally {
      slot.release();
    }
  }

  /** The refusal of an upload over the size limit, in the caller's language. */
  tooLarge(ctx: RequestContext): AppError {
    return new AppError('PAYLOAD_TOO_LARGE', ctx.t('importTooLarge', { max: Math.round(this.limits.maxBytes / 1024 / 1024) }));
  }

  /**
   * Writes the valid rows in one transaction. With allOrNothing, any invalid row (at preview or
   * found at commit) writes nothing. A second call (double click, another tab) waits for the first
   * and gets its answer.
   */
  async commit(ctx: AuthedContext, id: string, allOrNothing: boolean): Promise<ImportResult | { invalid: number }> {
    await this.get(ctx, id); // NOT_FOUND before anything else
    const accountId = ctx.viewer.accountId;
    let skipped: SkippedRow[] = [];
    const attempt = (racing: boolean) =>
      ctx.em.transactional(async (tx): Promise<ImportResult | { invalid: number }> => {
        const job = await this.jobs.lockForCommit(tx, id, accountId);
        if (!job) throw new AppError('NOT_FOUND', ctx.t('importNotFound'));
        if (job.status === ImportStatus.COMMITTED) return job.result!;
        if (job.status !== ImportStatus.READY) throw new AppError('CONFLICT', ctx.t('importNotReady'));
        const { counts } = job;
        if (allOrNothing && counts.INVALID > 0) return { invalid: counts.INVALID };
        const now = this.clock.now();
        skipped = await this.staging.insertNew(tx, job, now, racing);
        if (allOrNothing && skipped.length) throw new SkippedRows();
        await this.staging.applyUpdates(tx, job, now);
        const result: ImportResult = { inserted: counts.NEW - skipped.length, updated: counts.UPDATE, unchanged: counts.UNCHANGED, skipped };
        await transition(
          ctx,
          tx,
          { machine: IMPORT_MACHINE, subject: { id, orgPath: job.orgPath }, from: job.status, event: ImportEvent.COMMIT, by: moverOf(ctx), at: now },
          (to) => this.jobs.move(tx, id, job.status, to, { result }),
        );
        this.audit.record(ctx, tx, {
          action: 'member.imported',
          organization: { id: job.organizationId, path: job.orgPath },
          targetType: 'MemberImport',
          targetId: job.id,
          after: {
            fileName: job.fileName,
            inserted: result.inserted,
            updated: counts.UPDATE,
            unchanged: counts.UNCHANGED,
            invalid: counts.INVALID,
            skipped: skipped.length,
          },
        });
        return result;
      });
    try {
      // Someone wrote one of these members since the preview: the slower path that skips them.
      return await attempt(false).catch((e: unknown) => (isUniqueViolation(e) ? attempt(true) : Promise.reject(e)));
    } catch (e) {
      if (e instanceof SkippedRows) return { invalid: (await this.get(ctx, id)).counts.INVALID + skipped.length };
      throw e;
    }
  }

  /** Housekeeping, at most once a minute per process (real time: it is not a business date). */
  private async expireOldJobs(): Promise<void> {
    if (Date.now() - this.expiredAt < 60_000) return;
    this.expiredAt = Date.now();
    await this.jobs.expire(JOB_TTL_SECONDS);
  }
}

/** Where a parse reports: failures a clerk caused (warn) and ones we did (error). */
export interface ImportLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

class SkippedRows extends Error {}

/** Every problem of a row, in the clerk's language. */
function rowReasons(ctx: AuthedContext, row: RefusedRow): string {
  return row.problems.map((p) => ctx.t(p.key, p.params)).join('；');
}

function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

function refusalOf(r: SheetRefusal | ParseFailure): Refusal {
  if ('failed' in r) return { key: r.failed === 'TIMEOUT' ? 'importTimeout' : 'importTooComplex' };
  switch (r.refused) {
    case 'NO_HEADER':
      return { key: 'importNoHeader', params: { missing: r.missing.join('、') } };
    case 'TOO_MANY_ROWS':
      return { key: 'importTooManyRows', params: { max: r.maxRows } };
    case 'COLUMN_OUT_OF_RANGE':
      return { key: 'importColumnOutOfRange', params: { cell: r.cell, last: r.lastColumn } };
    default:
      return { key: 'importUnreadable' };
  }
}
