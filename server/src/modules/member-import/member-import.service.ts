import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import type { RequestContext } from '../../app/context.js';
import { AppError } from '../../common/errors/app-error.js';
import type { MessageKey } from '../../common/i18n/messages.js';
import { systemEm } from '../../org-scope/system-em.js';
import type { PiiCipher } from '../../pii/pii-cipher.js';
import type { AuditService } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { sealIdNumber, sealMobile } from '../member/member-pii.js';
import type { CheckedMember } from '../member/member-rules.js';
import { inspectXlsx, xlsxLimitsFor, type XlsxRefusal } from './xlsx-guard.js';
import type { ParsedRow, ParsedSheet, RowProblem, SheetRefusal } from './parse-sheet.js';
import { parseInWorker } from './run-parse.js';

export type RowOutcome = 'NEW' | 'UPDATE' | 'UNCHANGED' | 'INVALID';

export interface ImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows valid at preview that could not be written (e.g. another import got there first). */
  skipped: { rowNo: number; key: MessageKey }[];
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
  sheet?: ParsedSheet;
  outcomes: Map<number, RowOutcome>;
  result?: ImportResult;
  commit?: Promise<ImportResult | { invalid: number }>;
  createdAt: number;
}

export interface ImportLimits {
  maxRows: number;
  maxBytes: number;
}

const XLSX_REFUSALS: Record<XlsxRefusal, MessageKey> = { NOT_XLSX: 'importNotXlsx', ENCRYPTED_OR_XLS: 'importEncrypted', MACRO: 'importMacro', ZIP_BOMB: 'importZipBomb' };
/** Previews live in memory for this long (a clerk reviews, then commits). */
const JOB_TTL_MS = 60 * 60_000;
const CHUNK = 5000;

/**
 * 批量导入 (SPEC §5.3): upload -> parse in a worker -> classify against the rolls -> preview ->
 * commit in one transaction. Nothing is written before commit. Previews are kept in this process's
 * memory (see the note in the README: one API process per import).
 */
export class MemberImportService {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(
    private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly cipher: PiiCipher,
    private readonly audit: AuditService,
    readonly limits: ImportLimits,
  ) {}

  /** Checks the upload, starts parsing off the request path, returns at once. */
  async start(ctx: RequestContext, file: { buffer: Buffer; fileName: string }, enterpriseId: number): Promise<ImportJob> {
    const viewer = ctx.viewer!;
    const enterprise = await ctx.em.findOne(Enterprise, { id: enterpriseId, organization: viewer.organizationId });
    if (!enterprise) throw new AppError('BAD_USER_INPUT', ctx.t('importEnterpriseRequired'), { field: 'enterpriseId' });
    const guard = inspectXlsx(file.buffer, xlsxLimitsFor(this.limits.maxBytes));
    if (!guard.ok) throw new AppError('BAD_USER_INPUT', ctx.t(XLSX_REFUSALS[guard.reason]), { reason: guard.reason });

    this.expireOldJobs();
    const job: ImportJob = {
      id: randomUUID(),
      accountId: viewer.accountId,
      organizationId: viewer.organizationId,
      orgPath: viewer.orgPath,
      enterpriseId: enterprise.id,
      fileName: file.fileName.slice(0, 200),
      status: 'PARSING',
      progress: 0,
      outcomes: new Map(),
      createdAt: Date.now(),
    };
    this.jobs.set(job.id, job);
    void this.parse(job, file.buffer);
    return job;
  }

  private async parse(job: ImportJob, buffer: Buffer): Promise<void> {
    try {
      const parsed = await parseInWorker(buffer, this.clock.today(), this.limits.maxRows, (p) => (job.progress = Math.min(p, 0.99)));
      if ('refused' in parsed) {
        job.refusal = refusalOf(parsed);
        job.status = 'REFUSED';
        return;
      }
      job.sheet = parsed;
      await this.classify(job);
      job.status = 'READY';
      job.progress = 1;
    } catch {
      job.refusal = { key: 'importUnreadable' };
      job.status = 'REFUSED';
    }
  }

  /**
   * NEW / UPDATE / UNCHANGED against the rolls, by blind index. Members of other unions are reported,
   * never moved: that lookup is city-wide by nature (the system EntityManager), and tells the clerk
   * nothing but "another union".
   */
  private async classify(job: ImportJob): Promise<void> {
    const em = systemEm(this.orm);
    const valid = job.sheet!.rows.filter((r) => r.member);
    for (let i = 0; i < valid.length; i += CHUNK) {
      const chunk = valid.slice(i, i + CHUNK);
      const idIndexes = chunk.map((r) => this.cipher.blindIndex('id', r.member!.idNumber));
      const mobileIndexes = chunk.flatMap((r) => (r.member!.mobile ? [this.cipher.blindIndex('mobile', r.member!.mobile)] : []));
      const existing = new Map(
        (await bound<ExistingRow>(em, `select ${EXISTING_COLUMNS} from member where id_number_index = any(?)`, [idIndexes])).map((m) => [m.id_number_index, m]),
      );
      const mobileOwners = new Map(
        mobileIndexes.length
          ? (await bound<{ mobile_index: string; id_number_index: string }>(em, `select mobile_index, id_number_index from member where life_status = 'ACTIVE' and mobile_index = any(?)`, [mobileIndexes])).map((m) => [m.mobile_index, m.id_number_index])
          : [],
      );
      chunk.forEach((row, k) => {
        const found = existing.get(idIndexes[k]);
        const mobileOwner = row.member!.mobile ? mobileOwners.get(this.cipher.blindIndex('mobile', row.member!.mobile)) : undefined;
        if (found && found.organization_id !== job.organizationId) return this.invalidate(job, row, { field: 'idNumber', key: 'importOtherUnion' });
        if (mobileOwner && mobileOwner !== idIndexes[k]) return this.invalidate(job, row, { field: 'mobile', key: 'importMobileTaken' });
        job.outcomes.set(row.rowNo, !found ? 'NEW' : sameAsStored(found, row.member!, this.cipher, job.enterpriseId) ? 'UNCHANGED' : 'UPDATE');
      });
    }
    for (const row of job.sheet!.rows) if (!row.member) job.outcomes.set(row.rowNo, 'INVALID');
  }

  private invalidate(job: ImportJob, row: ParsedRow, problem: RowProblem): void {
    row.problems.push(problem);
    row.member = null;
    job.outcomes.set(row.rowNo, 'INVALID');
  }

  /** The caller's own import; anyone else's looks missing. */
  get(ctx: RequestContext, id: string): ImportJob {
    const job = this.jobs.get(id);
    if (!job || job.accountId !== ctx.viewer?.accountId) throw new AppError('NOT_FOUND', ctx.t('importNotFound'));
    return job;
  }

  counts(job: ImportJob): Record<RowOutcome, number> {
    const counts = { NEW: 0, UPDATE: 0, UNCHANGED: 0, INVALID: 0 };
    for (const outcome of job.outcomes.values()) counts[outcome]++;
    return counts;
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
    const counts = this.counts(job);
    if (allOrNothing && counts.INVALID > 0) {
      job.status = 'READY';
      return { invalid: counts.INVALID };
    }
    const rows = job.sheet!.rows.filter((r) => r.member);
    const inserts = rows.filter((r) => job.outcomes.get(r.rowNo) === 'NEW');
    const updates = rows.filter((r) => job.outcomes.get(r.rowNo) === 'UPDATE');
    const now = this.clock.now();
    const skipped: ImportResult['skipped'] = [];
    try {
      await ctx.em.transactional(async (tx) => {
        for (let i = 0; i < inserts.length; i += CHUNK) {
          const chunk = inserts.slice(i, i + CHUNK);
          const records = chunk.map((r) => this.record(r.member!));
          const written = new Set(
            (
              await bound<{ id_number_index: string }>(
                tx,
                `insert into member (${INSERT_COLUMNS}, member_no, organization_id, org_path, enterprise_id, created_at, updated_at)
                 select ${INSERT_COLUMNS}, lpad(nextval('member_no_seq')::text, 12, '0'), ?::int, ?::text, ?::int, ?::timestamptz, ?::timestamptz
                   from jsonb_to_recordset(?::jsonb) as r(${RECORD_TYPES})
                 on conflict do nothing
                 returning id_number_index`,
                [job.organizationId, job.orgPath, job.enterpriseId, now, now, JSON.stringify(records)],
              )
            ).map((r) => r.id_number_index),
          );
          chunk.forEach((r, k) => {
            if (!written.has(records[k].id_number_index)) skipped.push({ rowNo: r.rowNo, key: 'importOtherUnion' });
          });
        }
        for (let i = 0; i < updates.length; i += CHUNK) {
          const chunk = updates.slice(i, i + CHUNK);
          const records = chunk.map((r) => this.record(r.member!));
          await bound(
            tx,
            `update member m set ${UPDATE_ASSIGNMENTS}, enterprise_id = ?, updated_at = ?, version = m.version + 1
               from jsonb_to_recordset(?::jsonb) as r(${RECORD_TYPES})
              where m.id_number_index = r.id_number_index and m.organization_id = ?`,
            [job.enterpriseId, now, JSON.stringify(records), job.organizationId],
          );
        }
        if (allOrNothing && skipped.length) throw new SkippedRows();
        this.audit.record(ctx, tx, {
          action: 'member.imported',
          organization: { id: job.organizationId, path: job.orgPath },
          targetType: 'MemberImport',
          targetId: job.id,
          after: { fileName: job.fileName, inserted: inserts.length - skipped.length, updated: updates.length, unchanged: counts.UNCHANGED, invalid: counts.INVALID, skipped: skipped.length },
        });
      });
    } catch (e) {
      if (e instanceof SkippedRows) {
        job.status = 'READY';
        return { invalid: counts.INVALID + skipped.length };
      }
      throw e;
    }
    job.result = { inserted: inserts.length - skipped.length, updated: updates.length, unchanged: counts.UNCHANGED, skipped };
    return job.result;
  }

  /** One row as the SQL above reads it: personal data sealed here, never sent to the database in clear. */
  private record(m: CheckedMember) {
    const id = sealIdNumber(this.cipher, m.idNumber);
    const mobile = sealMobile(this.cipher, m.mobile);
    return {
      name: m.name,
      gender: m.gender,
      birth_date: m.birthDate,
      id_type: m.idType,
      id_number_sealed: id.idNumberSealed,
      id_number_index: id.idNumberIndex,
      id_number_masked: id.idNumberMasked,
      id_expiry: m.idExpiry && !m.idExpiry.longTerm ? m.idExpiry.date : null,
      id_expiry_long_term: m.idExpiry?.longTerm ?? false,
      mobile_sealed: mobile.mobileSealed,
      mobile_index: mobile.mobileIndex,
      mobile_masked: mobile.mobileMasked,
      work_address: m.workAddress,
      category: m.category,
      joined_at: m.joinedAt,
      female_post_type: m.femalePostType,
    };
  }

  private expireOldJobs(): void {
    const cutoff = Date.now() - JOB_TTL_MS;
    for (const [id, job] of this.jobs) if (job.createdAt < cutoff) this.jobs.delete(id);
  }
}

class SkippedRows extends Error {}

/**
 * Runs SQL with real bind parameters inside the EntityManager's transaction. (`em.execute` inlines
 * parameters into the SQL text; escaping a multi-megabyte JSON batch that way stalls the event loop.)
 */
async function bound<T>(em: EntityManager, sql: string, bindings: unknown[]): Promise<T[]> {
  const query = em.getKnex().raw(sql, bindings as never[]);
  const trx = em.getTransactionContext();
  const result = (await (trx ? query.transacting(trx as never) : query)) as { rows: T[] };
  return result.rows;
}

interface ExistingRow {
  organization_id: number;
  id_number_index: string;
  name: string;
  gender: string;
  id_type: string;
  id_expiry: string | null;
  id_expiry_long_term: boolean;
  mobile_index: string | null;
  work_address: string | null;
  category: string;
  joined_at: string;
  female_post_type: string | null;
  enterprise_id: number | null;
}

const EXISTING_COLUMNS = `organization_id, id_number_index, name, gender, id_type, to_char(id_expiry, 'YYYY-MM-DD') as id_expiry, id_expiry_long_term, mobile_index, work_address, category, to_char(joined_at, 'YYYY-MM-DD') as joined_at, female_post_type, enterprise_id`;

/** Re-importing the same file changes nothing: a row equal to what is stored is UNCHANGED. */
function sameAsStored(stored: ExistingRow, m: CheckedMember, cipher: PiiCipher, enterpriseId: number): boolean {
  const expiry = m.idExpiry && !m.idExpiry.longTerm ? m.idExpiry.date : null;
  return (
    stored.name === m.name &&
    stored.gender === m.gender &&
    stored.id_type === m.idType &&
    stored.id_expiry === expiry &&
    stored.id_expiry_long_term === (m.idExpiry?.longTerm ?? false) &&
    stored.mobile_index === (m.mobile ? cipher.blindIndex('mobile', m.mobile) : null) &&
    (stored.work_address ?? null) === m.workAddress &&
    stored.category === m.category &&
    stored.joined_at === m.joinedAt &&
    (stored.female_post_type ?? null) === m.femalePostType &&
    stored.enterprise_id === enterpriseId
  );
}

const RECORD_FIELDS: [string, string][] = [
  ['name', 'text'],
  ['gender', 'gender'],
  ['birth_date', 'date'],
  ['id_type', 'id_type'],
  ['id_number_sealed', 'text'],
  ['id_number_index', 'text'],
  ['id_number_masked', 'text'],
  ['id_expiry', 'date'],
  ['id_expiry_long_term', 'boolean'],
  ['mobile_sealed', 'text'],
  ['mobile_index', 'text'],
  ['mobile_masked', 'text'],
  ['work_address', 'text'],
  ['category', 'member_category'],
  ['joined_at', 'date'],
  ['female_post_type', 'female_post_type'],
];
const RECORD_TYPES = RECORD_FIELDS.map(([name, type]) => `${name} ${type}`).join(', ');
const INSERT_COLUMNS = RECORD_FIELDS.map(([name]) => name).join(', ');
/** Every field but the identity (id_number_index) is refreshed by an update. */
const UPDATE_ASSIGNMENTS = RECORD_FIELDS.filter(([name]) => name !== 'id_number_index')
  .map(([name]) => `${name} = r.${name}`)
  .join(', ');

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
