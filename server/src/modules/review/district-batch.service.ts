import { shanghaiDate, type Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { fieldErrors, userError, type FieldError, type UserError, type VersionConflict } from '../../common/errors/error-result.js';
import type { Page, PageArgs } from '../../common/pagination/page.js';
import { readSqlPage } from '../../common/pagination/sql-page.js';
import { scopedSql, selectColumns, SqlParams } from '../../org-scope/read-db.js';
import { isUniqueViolation, sqlRows } from '../../org-scope/raw-sql.js';
import { moverOf, recordCreation, timelineOf, transitionAll } from '../../changes/transition.js';
import { changeVersioned } from '../../changes/versioned-change.js';
import type { StateChange } from '../../changes/state-change.entity.js';
import type { AuditService } from '../../audit-trail/audit.service.js';
import { Tier } from '../../org-scope/tier.js';
import { normalizeMobile } from '../../domain/mobile.js';
import { DISTRICT_BATCH_MACHINE, DistrictBatchStatus, VOUCHER_STATES } from '../../domain/district-batch-states.js';
import { ENROLLMENT_SUBMISSION_MACHINE, EnrollmentSubmissionEvent, EnrollmentSubmissionStatus } from '../../domain/enrollment-submission-states.js';
import { VOUCHER_LIMITS, VoucherFileError } from '../../documents/voucher-file.js';
import { checkVoucherIsolated } from '../../documents/voucher-check.js';
import type { ProtectionService } from '../protection/protection.service.js';
import type { OrganizationService } from '../organization/organization.service.js';
import { DistrictBatch, DistrictBatchVoucher } from './district-batch.entity.js';
import type { DistrictNoticeData } from './district-notice-pdf.js';
import type { StatisticsRow } from './statistics-workbook.js';
import { TOTALS_SELECT, type ReviewTotals } from './review.service.js';

export interface HandlerInput {
  handlerName: string;
  handlerPhone: string;
  handlerEmail: string;
}

export interface SubmitDistrictBatchInput extends HandlerInput {
  year: number;
  /** One per click: a repeat of the same key answers the batch it made. */
  clientKey: string;
}

const BATCH_FIELDS = [
  'id',
  'orgPath',
  'organizationId',
  'year',
  'batchNo',
  'status',
  'submissionCount',
  'memberCardMembers',
  'socialSecurityMembers',
  'feeFen',
  'cityFen',
  'districtFen',
  'grassrootsFen',
  'handlerName',
  'handlerPhone',
  'handlerEmail',
  'centerAccountName',
  'centerAccountNo',
  'centerBank',
  'submittedAt',
  'updatedAt',
  'confirmedAt',
  'completedAt',
  'returnReason',
  'vouchersUploadedAt',
  'vouchersSubmittedAt',
  'version',
] as const satisfies readonly (keyof DistrictBatch)[];
export type DistrictBatchRow = Pick<DistrictBatch, (typeof BATCH_FIELDS)[number]>;
export const BATCH_SELECT = selectColumns('b', BATCH_FIELDS);
const BATCH_BY_ID = scopedSql(`select ${BATCH_SELECT} from district_batch b where b.org_path like $1 and b.id = $2`);

export interface VoucherRow {
  id: number;
  fileName: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  uploadedAt: Date;
}
const VOUCHERS = scopedSql(
  `select v.id, v.file_name as "fileName", v.content_type as "contentType", v.byte_size as "byteSize", v.sha256, v.uploaded_at as "uploadedAt"
     from district_batch_voucher v where v.org_path like $1 and v.district_batch_id = $2 order by v.id`,
);
const VOUCHER_CONTENT = scopedSql(
  `select v.file_name as "fileName", v.content_type as "contentType", v.content from district_batch_voucher v
    where v.org_path like $1 and v.district_batch_id = $2 and v.id = $3`,
);

/** A statistics-table row per submission (row amounts in fen: members × the frozen split); the callers add where and order. */
const STATISTICS_ROWS = `select o.name as "unionName", coalesce(o.credit_code, '') as "creditCode", s.batch_no as "batchNo", s.channel, p.name as "planName",
          s.member_count as members, s.member_count * s.fee_fen as "feeFen", s.member_count * s.city_share_fen as "cityShareFen",
          s.member_count * s.district_share_fen as "districtShareFen", s.member_count * s.grassroots_share_fen as "grassrootsShareFen",
          s.submitted_at as "submittedAt"
     from enrollment_submission s join organization o on o.id = s.organization_id join protection_plan p on p.id = s.plan_id`;

/** The grassroots submissions of a batch, as its statistics table lists them. */
const BATCH_SUBMISSIONS = scopedSql(`${STATISTICS_ROWS} where s.org_path like $1 and s.district_batch_id = $2 order by o.name, s.id`);

/** Every submission of the caller's subtree that went to the center in a year (the city's, for the center). */
const SENT_SUBMISSIONS = scopedSql(
  `${STATISTICS_ROWS} where s.org_path like $1 and s.year = $2 and s.status in ('SUBMITTED_TO_CENTER', 'CONFIRMED', 'COMPLETED') order by o.path, s.id`,
);

/** The most voucher files a batch holds: a transfer slip or two, a bank receipt, a scan of each page. */
export const MAX_VOUCHERS = 10;

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/**
 * 提交列表中的参保信息 and 参保批次管理 (SPEC §9): a district submits its ready list to the service center
 * inside the December window as a district batch, which freezes every submission in it; then lists its
 * batches and uploads and submits their payment vouchers.
 */
export class DistrictBatchService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly protection: ProtectionService,
    private readonly organizations: Pick<OrganizationService, 'get'>,
  ) {}

  /**
   * Submits the district's whole ready list for a year, with the handler's name, phone and email: only
   * inside the district window, once per client key. Two at once: one batch, CONFLICT for the other.
   */
  async submit(ctx: AuthedContext, input: SubmitDistrictBatchInput): Promise<DistrictBatch | UserError> {
    if (ctx.viewer.tier !== Tier.DISTRICT) throw new AppError('FORBIDDEN', ctx.t('forbidden'));
    const district = { id: ctx.viewer.organizationId, path: ctx.viewer.orgPath };
    const repeated = await ctx.em.findOne(DistrictBatch, { organizationId: district.id, clientKey: input.clientKey });
    if (repeated) return repeated;
    const handler = this.checkHandler(ctx, input);
    if ('code' in handler) return handler;
    const y = await this.protection.year(ctx, input.year);
    this.protection.assertInWindow(ctx, 'windowDistrict', { open: y.districtOpen, close: y.districtClose });
    const ready = await ctx.reads.rows<{ id: number; orgPath: string }>(
      scopedSql(
        `select s.id, s.org_path as "orgPath" from enrollment_submission s where s.org_path like $1 and s.year = $2 and s.status = 'APPROVED' order by s.id`,
      ),
      [y.id],
    );
    if (!ready.length) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('districtBatchEmpty'));
    const now = this.clock.now();
    const conflict = () => new AppError('CONFLICT', ctx.t('districtBatchConflict'));
    try {
      return await ctx.em.transactional(async (tx) => {
        const ids = ready.map((r) => r.id);
        const [totals] = await sqlRows<ReviewTotals & { seq: number }>(
          tx,
          `select ${TOTALS_SELECT}, (select count(*) + 1 from district_batch b where b.organization_id = ? and b.year = ?)::int as seq
             from enrollment_submission s where s.id = any(?::int[])`,
          [district.id, y.id, ids],
        );
        const batch = tx.create(DistrictBatch, {
          orgPath: district.path,
          organizationId: district.id,
          year: y.id,
          batchNo: `QJ${y.id}${String(district.id).padStart(4, '0')}${String(totals.seq).padStart(3, '0')}`,
          status: DistrictBatchStatus.SUBMITTED,
          submissionCount: totals.submissions,
          memberCardMembers: totals.memberCardMembers,
          socialSecurityMembers: totals.socialSecurityMembers,
          feeFen: String(totals.feeFen),
          cityFen: String(totals.cityFen),
          districtFen: String(totals.districtFen),
          grassrootsFen: String(totals.grassrootsFen),
          ...handler,
          centerAccountName: y.centerAccountName,
          centerAccountNo: y.centerAccountNo,
          centerBank: y.centerBank,
          clientKey: input.clientKey,
          submittedBy: ctx.viewer.accountId,
          submittedAt: now,
          updatedAt: now,
        });
        await tx.flush();
        await transitionAll(
          ctx,
          tx,
          {
            machine: ENROLLMENT_SUBMISSION_MACHINE,
            subjects: ready,
            from: EnrollmentSubmissionStatus.APPROVED,
            event: EnrollmentSubmissionEvent.SUBMIT_TO_CENTER,
            by: moverOf(ctx),
            at: now,
          },
          async (to) =>
            (
              await sqlRows(
                tx,
                `update enrollment_submission set status = ?, district_batch_id = ?, updated_at = ?, version = version + 1
                  where id = any(?::int[]) and status = 'APPROVED' returning id`,
                [to, batch.id, now, ids],
              )
            ).length,
          conflict,
        );
        recordCreation(tx, DISTRICT_BATCH_MACHINE, { id: batch.id, orgPath: district.path }, moverOf(ctx), now);
        this.audit.record(ctx, tx, {
          action: 'district_batch.submitted',
          organization: district,
          targetType: 'DistrictBatch',
          targetId: batch.id,
          after: { year: y.id, batchNo: batch.batchNo, submissionCount: totals.submissions, handler: handler.handlerName },
        });
        await tx.flush();
        return batch;
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        const first = await ctx.em.fork().findOne(DistrictBatch, { organizationId: district.id, clientKey: input.clientKey });
        if (first) return first;
        throw conflict();
      }
      throw e;
    }
  }

  private checkHandler(ctx: AuthedContext, input: HandlerInput): HandlerInput | UserError {
    const problems: FieldError[] = [];
    const name = input.handlerName.trim();
    if (!name) problems.push({ field: 'handlerName', message: ctx.t('fieldRequired') });
    const phone = normalizeMobile(input.handlerPhone);
    if (!phone.ok) problems.push({ field: 'handlerPhone', message: ctx.t('handlerPhoneInvalid') });
    const email = input.handlerEmail.trim();
    if (!EMAIL.test(email) || email.length > 100) problems.push({ field: 'handlerEmail', message: ctx.t('handlerEmailInvalid') });
    if (problems.length || !phone.ok) return fieldErrors(ctx, ErrorCode.BAD_USER_INPUT, problems);
    return { handlerName: name, handlerPhone: phone.value, handlerEmail: email };
  }

  /** The district batches of the caller's subtree (the center: every district's), newest first. */
  list(ctx: AuthedContext, filter: { year?: number | null; status?: DistrictBatchStatus | null }, pageArgs: PageArgs): Promise<Page<DistrictBatchRow>> {
    const params = new SqlParams();
    const where = ['b.org_path like $1'];
    if (filter.year != null) where.push(`b.year = ${params.add(filter.year)}`);
    if (filter.status) where.push(`b.status = ${params.add(filter.status)}`);
    return readSqlPage(ctx, pageArgs, { select: BATCH_SELECT, from: 'district_batch b', where, params, order: { 'b.id': 'desc' } });
  }

  /** One batch of the caller's subtree; NOT_FOUND otherwise. */
  async get(ctx: AuthedContext, id: number): Promise<DistrictBatchRow> {
    const row = Number.isSafeInteger(id) ? await ctx.reads.one<DistrictBatchRow>(BATCH_BY_ID, [id]) : undefined;
    if (!row) throw new AppError('NOT_FOUND', ctx.t('notFound'));
    return row;
  }

  /** The grassroots submissions a batch holds, by union name (the statistics table's rows). */
  async submissionRows(ctx: AuthedContext, id: number): Promise<StatisticsRow[]> {
    await this.get(ctx, id);
    return ctx.reads.rows<StatisticsRow>(BATCH_SUBMISSIONS, [id]);
  }

  /** 集中参保统计表 of a whole subtree and year (the city's for the center): every submission sent to the center. */
  sentRows(ctx: AuthedContext, year: number): Promise<StatisticsRow[]> {
    return ctx.reads.rows<StatisticsRow>(SENT_SUBMISSIONS, [year]);
  }

  /** What the district's notice prints: the batch as frozen (the center's account with it) and the year's dates. */
  async noticeData(ctx: AuthedContext, id: number, centerName: string): Promise<DistrictNoticeData> {
    const b = await this.get(ctx, id);
    const [y, district] = await Promise.all([this.protection.year(ctx, b.year), this.organizations.get(ctx, b.organizationId)]);
    return {
      districtName: district.name,
      year: b.year,
      batchNo: b.batchNo,
      members: { memberCard: b.memberCardMembers, socialSecurityCard: b.socialSecurityMembers },
      fees: { feeFen: Number(b.feeFen), cityShareFen: Number(b.cityFen), districtShareFen: Number(b.districtFen), grassrootsShareFen: Number(b.grassrootsFen) },
      submissionCount: b.submissionCount,
      handler: { name: b.handlerName, phone: b.handlerPhone, email: b.handlerEmail },
      account: { name: b.centerAccountName, number: b.centerAccountNo, bank: b.centerBank },
      coverageStart: y.coverageStart,
      coverageEnd: y.coverageEnd,
      centerName,
      issuedOn: shanghaiDate(b.submittedAt),
    };
  }

  timeline(ctx: AuthedContext, id: number): Promise<StateChange[]> {
    return timelineOf(ctx.em, DISTRICT_BATCH_MACHINE.subject, id);
  }

  vouchers(ctx: AuthedContext, batchId: number): Promise<VoucherRow[]> {
    return ctx.reads.rows<VoucherRow>(VOUCHERS, [batchId]);
  }

  /** One voucher file of a batch of the caller's subtree (the district's, or any for the center). */
  async voucherContent(ctx: AuthedContext, batchId: number, voucherId: number): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    const row =
      Number.isSafeInteger(batchId) && Number.isSafeInteger(voucherId)
        ? await ctx.reads.one<{ fileName: string; contentType: string; content: Buffer }>(VOUCHER_CONTENT, [batchId, voucherId])
        : undefined;
    if (!row) throw new AppError('NOT_FOUND', ctx.t('notFound'));
    return row;
  }

  /**
   * 上传缴费凭证: attaches a file to the district's own batch while the center has not finished with it and
   * the vouchers are not yet submitted. The file is checked by its content (in a worker thread) before any database work.
   */
  async uploadVoucher(ctx: AuthedContext, batchId: number, file: { fileName: string; bytes: Buffer }): Promise<VoucherRow> {
    let checked;
    try {
      checked = await checkVoucherIsolated(file.bytes);
    } catch (e) {
      if (e instanceof VoucherFileError) throw this.refusal(ctx, e);
      throw e;
    }
    const batch = await this.get(ctx, batchId);
    if (batch.organizationId !== ctx.viewer.organizationId) throw new AppError('FORBIDDEN', ctx.t('forbidden'));
    const now = this.clock.now();
    return ctx.em.transactional(async (tx) => {
      // The batch's row lock: two uploads at once queue here. The files are counted by a statement of their
      // own, after the lock is held: one statement reads with the snapshot it began with, so a count taken
      // while waiting for the lock would miss the file the holder is adding (and both would pass the cap).
      const [locked] = await sqlRows<{ status: DistrictBatchStatus; submitted: Date | null }>(
        tx,
        `select status, vouchers_submitted_at as submitted from district_batch where id = ? for update`,
        [batch.id],
      );
      if (!VOUCHER_STATES.includes(locked.status) || locked.submitted) throw new AppError('CONFLICT', ctx.t('voucherClosed'));
      const [{ files }] = await sqlRows<{ files: number }>(tx, `select count(*)::int as files from district_batch_voucher where district_batch_id = ?`, [
        batch.id,
      ]);
      if (files >= MAX_VOUCHERS) throw new AppError('BAD_USER_INPUT', ctx.t('voucherTooMany', { max: MAX_VOUCHERS }));
      const voucher = tx.create(DistrictBatchVoucher, {
        orgPath: ctx.viewer.orgPath,
        districtBatchId: batch.id,
        fileName: file.fileName.slice(0, 255) || 'voucher',
        contentType: checked.contentType,
        byteSize: checked.bytes,
        sha256: checked.sha256,
        content: file.bytes,
        uploadedBy: ctx.viewer.accountId,
        uploadedAt: now,
      });
      await tx.flush();
      await sqlRows(tx, `update district_batch set vouchers_uploaded_at = ?, updated_at = ? where id = ?`, [now, now, batch.id]);
      this.audit.record(ctx, tx, {
        action: 'district_batch.voucher_uploaded',
        organization: { id: batch.organizationId, path: ctx.viewer.orgPath },
        targetType: 'DistrictBatch',
        targetId: batch.id,
        after: { batchNo: batch.batchNo, vouchers: files + 1 },
      });
      return {
        id: voucher.id,
        fileName: voucher.fileName,
        contentType: voucher.contentType,
        byteSize: voucher.byteSize,
        sha256: voucher.sha256,
        uploadedAt: now,
      };
    });
  }

  private refusal(ctx: AuthedContext, e: VoucherFileError): AppError {
    const key = `voucher${e.refusal}` as const;
    return new AppError('BAD_USER_INPUT', ctx.t(key, { maxMb: VOUCHER_LIMITS.maxBytes / 1024 / 1024, maxPages: VOUCHER_LIMITS.maxPdfPages }), {
      field: 'file',
    });
  }

  /** 保存提交: hands the uploaded vouchers to the center; afterwards they are the center's to check. */
  async submitVouchers(ctx: AuthedContext, ref: { id: number; version: number }): Promise<DistrictBatch | VersionConflict | UserError> {
    const files = await this.vouchers(ctx, ref.id);
    return changeVersioned(ctx, this.audit, {
      entity: DistrictBatch,
      id: ref.id,
      version: ref.version,
      action: 'district_batch.vouchers_submitted',
      targetType: 'DistrictBatch',
      organization: (b) => ({ id: b.organizationId, path: b.orgPath }),
      view: (b) => ({ batchNo: b.batchNo, vouchers: b.vouchersSubmittedAt ? files.length : 0 }),
      apply: (b) => {
        if (b.organizationId !== ctx.viewer.organizationId) throw new AppError('FORBIDDEN', ctx.t('forbidden'));
        if (!VOUCHER_STATES.includes(b.status) || b.vouchersSubmittedAt) return userError(ErrorCode.CONFLICT, ctx.t('voucherClosed'));
        if (!files.length) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('vouchersMissing'));
        b.vouchersSubmittedAt = this.clock.now();
        b.updatedAt = b.vouchersSubmittedAt;
      },
    });
  }

  /**
   * 删除: takes a wrong file off the batch before 保存提交. A versioned change of the batch, so it and 保存提交
   * racing each other cannot both win: vouchers are never submitted as a list one of them has just changed.
   */
  async removeVoucher(ctx: AuthedContext, ref: { id: number; version: number }, voucherId: number): Promise<DistrictBatch | VersionConflict | UserError> {
    let removed: string | null = null;
    return changeVersioned(ctx, this.audit, {
      entity: DistrictBatch,
      id: ref.id,
      version: ref.version,
      action: 'district_batch.voucher_removed',
      targetType: 'DistrictBatch',
      organization: (b) => ({ id: b.organizationId, path: b.orgPath }),
      view: (b) => ({ batchNo: b.batchNo, removed }),
      apply: async (b, tx) => {
        if (b.organizationId !== ctx.viewer.organizationId) throw new AppError('FORBIDDEN', ctx.t('forbidden'));
        if (!VOUCHER_STATES.includes(b.status) || b.vouchersSubmittedAt) return userError(ErrorCode.CONFLICT, ctx.t('voucherClosed'));
        const [gone] = await sqlRows<{ fileName: string; left: number }>(
          tx,
          `with d as (delete from district_batch_voucher where id = ? and district_batch_id = ? returning file_name)
           select d.file_name as "fileName", (select count(*) from district_batch_voucher v where v.district_batch_id = ?)::int - 1 as left from d`,
          [voucherId, b.id, b.id],
        );
        if (!gone) throw new AppError('NOT_FOUND', ctx.t('notFound'));
        removed = gone.fileName;
        b.updatedAt = this.clock.now();
        if (gone.left === 0) b.vouchersUploadedAt = null;
      },
    });
  }
}
