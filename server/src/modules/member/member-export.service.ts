import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import { ExportWorkbook } from './export-workbook.js';
import type { MemberFilter, MemberService } from './member.service.js';

export const MAX_EXPORT_ROWS = 100_000;

/**
 * 导出 (SPEC §5.4): the filtered member list as an xlsx. An export is the heaviest thing a user can ask
 * for, so it is bounded before any row is read: the matching ids (at most one past the limit) refuse an
 * oversized one at once, each account runs one at a time and the process a few (the rest are told to
 * come back). Rows are read by id in batches and the workbook is built in a worker thread, so other
 * users keep their latency and no database connection waits on the building.
 */
export class MemberExportService {
  /** Accounts with an export building in this process. */
  private readonly running = new Set<number>();

  constructor(
    private readonly members: MemberService,
    private readonly maxConcurrent: number,
    readonly maxRows = MAX_EXPORT_ROWS,
  ) {}

  async export(ctx: AuthedContext, filter: MemberFilter, signal: AbortSignal): Promise<{ body: Buffer; count: number }> {
    const accountId = ctx.viewer.accountId;
    // Checked and taken before the first await: nothing can slip in between.
    if (this.running.has(accountId)) throw new AppError('CONFLICT', ctx.t('exportRunning'));
    if (this.running.size >= this.maxConcurrent) throw new AppError('RATE_LIMITED', ctx.t('exportBusy'));
    this.running.add(accountId);
    try {
      const ids = await this.members.exportIdBatches(ctx, filter, this.maxRows + 1);
      if (ids.count > this.maxRows) throw new AppError('BAD_USER_INPUT', ctx.t('exportTooMany', { max: this.maxRows }));
      signal.throwIfAborted();
      const workbook = new ExportWorkbook();
      const stop = () => void workbook.close(); // the user went away: the thread and its memory go at once
      signal.addEventListener('abort', stop, { once: true });
      try {
        for await (const rows of this.members.exportBatches(ctx, filter, ids.batches)) {
          signal.throwIfAborted();
          workbook.add(rows);
        }
        const { body, count } = await workbook.finish();
        await this.members.recordExport(ctx, filter, count);
        return { body, count };
      } finally {
        signal.removeEventListener('abort', stop);
        void workbook.close();
      }
    } finally {
      this.running.delete(accountId);
    }
  }
}
