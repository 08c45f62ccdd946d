import { randomUUID } from 'node:crypto';
import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { AppError } from '../../common/errors/app-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { userError, type UserError } from '../../common/errors/error-result.js';
import type { Page, PageArgs } from '../../common/pagination/page.js';
import { readSqlPage } from '../../common/pagination/sql-page.js';
import { asQuestionMarks, scopedSql, SqlParams } from '../../org-scope/read-db.js';
import { sqlRows } from '../../org-scope/raw-sql.js';
import { enqueueMany, enqueue } from '../../jobs/queue.js';
import type { JobAttempt } from '../../jobs/worker.js';
import type { PiiCipher } from '../../pii/pii-cipher.js';
import { EnrollmentChannel } from '../../domain/enrollment-eligibility.js';
import { passesSocialSecurityCheck, type EmploymentStatus, type SsCardStatus } from '../../domain/social-security-status.js';
import { REGISTRY_MAX_BATCH, RegistryRequestError, type SocialSecurityRegistry } from '../../adapters/social-security/social-security-registry.js';
import type { ProtectionService } from '../protection/protection.service.js';
import { eligibilitySql, factsSql, YEAR_VALUES as VALUES } from './enrollment-checks.js';
import { SocialSecurityCheckStatus } from './enrollment.entity.js';

/** The job of one batch sent to the registry: send it (once), then ask for its answers until they come. */
export const SS_CHECK_TASK = 'enrollment.social-security-check';
export interface SsCheckJob {
  requestId: string;
}

export interface CheckRow {
  memberId: number;
  name: string;
  idNumberMasked: string;
  status: SocialSecurityCheckStatus;
  cardStatus: SsCardStatus | null;
  employmentStatus: EmploymentStatus | null;
  requestedAt: Date;
  checkedOn: string | null;
  error: string | null;
}

/**
 * 获取社保卡及在职状态 (SPEC §8, social-security-card channel): members without a card, with a resident
 * ID and not enrolled are sent to the registry in batches by jobs; its answers come about a working day
 * later; NORMAL + EMPLOYED members become READY to submit, the others are told to use the member-card
 * channel. A registry that stays unreachable marks the batch FAILED after the last try (ask again).
 */
export class SocialSecurityChecks {
  constructor(
    private readonly clock: Clock,
    private readonly cipher: PiiCipher,
    private readonly registry: SocialSecurityRegistry,
    private readonly protection: ProtectionService,
    private readonly options: { pollSeconds: number; attempts: number },
  ) {}

  /**
   * Sends the chosen members (each must be a candidate of the channel) or every candidate not already
   * awaiting or ready; returns how many were sent. A member asked again after an answer is asked anew.
   */
  async request(ctx: AuthedContext, year: number, memberIds: readonly number[] | null): Promise<number | UserError> {
    const y = await this.protection.year(ctx, year);
    this.protection.assertInWindow(ctx, 'windowGrassroots', { open: y.grassrootsOpen, close: y.grassrootsClose });
    const { reasons } = eligibilitySql(EnrollmentChannel.SOCIAL_SECURITY_CARD);
    const chosen = memberIds ? [...new Set(memberIds)] : null;
    const values = [`${ctx.viewer.orgPath}%`, y.id, y.coverageStart, y.coverageEnd, ctx.viewer.organizationId, chosen ?? []];
    const where = `m.org_path like $1 and m.organization_id = $5 ${chosen ? 'and m.id = any($6::int[])' : ''}`;
    if (chosen) {
      const found = await ctx.reads.rows<{ name: string; ok: boolean }>(
        scopedSql(`select m.name, cardinality(${reasons}) = 0 as ok from member m ${factsSql(VALUES)} where ${where}`),
        values.slice(1),
      );
      if (found.length !== chosen.length) throw new AppError('NOT_FOUND', ctx.t('notFound'));
      const not = found.filter((m) => !m.ok);
      if (not.length) return userError(ErrorCode.BAD_USER_INPUT, ctx.t('ssNotCandidates', { members: not.map((m) => m.name).join('、') }), 'memberIds');
    }
    const batch = randomUUID();
    return ctx.em.transactional(async (tx) => {
      const q = asQuestionMarks(
        `insert into social_security_check (org_path, organization_id, member_id, year, status, request_id, requested_at)
         select m.org_path, m.organization_id, m.id, $2, 'AWAITING', $7 || '-' || ((row_number() over (order by m.id) - 1) / ${REGISTRY_MAX_BATCH}), $8
           from member m ${factsSql(VALUES)}
          where ${where} and cardinality(${reasons}) = 0
            and not exists (select 1 from social_security_check sc where sc.member_id = m.id and sc.year = $2 and sc.status in ('AWAITING', 'READY'))
         on conflict (member_id, year) do update
            set status = 'AWAITING', request_id = excluded.request_id, requested_at = excluded.requested_at, ticket = null,
                card_status = null, employment_status = null, checked_on = null, error = null
          -- A request at the same time (a double click) that sent them first: sent once, counted once.
          where social_security_check.status not in ('AWAITING', 'READY')
         returning request_id`,
        [...values, batch, this.clock.now()],
      );
      const rows = await sqlRows<{ request_id: string }>(tx, q.sql, q.bindings);
      const requests = [...new Set(rows.map((r) => r.request_id))];
      await enqueueMany(
        ctx,
        tx,
        SS_CHECK_TASK,
        requests.map((requestId) => ({ requestId }) satisfies SsCheckJob),
        { maxAttempts: this.options.attempts },
      );
      return rows.length;
    });
  }

  /** The job: send the batch if it has no ticket yet, then ask for its answers; not answered yet, ask again later. */
  async run(ctx: AuthedContext, job: SsCheckJob, attempt: JobAttempt): Promise<void> {
    const rows = await sqlRows<{ id: number; member_id: number; name: string; id_number_sealed: string; ticket: string | null }>(
      ctx.em,
      `select sc.id, sc.member_id, m.name, m.id_number_sealed, sc.ticket from social_security_check sc join member m on m.id = sc.member_id
        where sc.request_id = ? and sc.status = 'AWAITING' and sc.org_path like ?`,
      [job.requestId, `${ctx.viewer.orgPath}%`],
    );
    if (!rows.length) return;
    const people = rows.map((r) => ({ ref: String(r.member_id), name: r.name, idNumber: this.cipher.decrypt(r.id_number_sealed) }));
    const today = this.clock.today();
    try {
      let ticket = rows[0].ticket;
      if (!ticket) {
        ticket = (await this.registry.submit({ requestId: job.requestId, people }, today)).ticket;
        await sqlRows(ctx.em, `update social_security_check set ticket = ? where request_id = ? and status = 'AWAITING'`, [ticket, job.requestId]);
      }
      const answer = await this.registry.results(ticket, people, today);
      await ctx.em.transactional(async (tx) => {
        if (!answer.ready) {
          await enqueue(ctx, tx, SS_CHECK_TASK, job, { maxAttempts: this.options.attempts, runAt: new Date(Date.now() + this.options.pollSeconds * 1000) });
          return;
        }
        const results = answer.results.map((r) => ({
          member: Number(r.ref),
          status: passesSocialSecurityCheck(r.cardStatus, r.employmentStatus) ? SocialSecurityCheckStatus.READY : SocialSecurityCheckStatus.ABNORMAL,
          card: r.cardStatus,
          employment: r.employmentStatus,
        }));
        await sqlRows(
          tx,
          `update social_security_check sc set status = r.status::social_security_check_status, card_status = r.card::ss_card_status,
                  employment_status = r.employment::employment_status, checked_on = ?
             from jsonb_to_recordset(?::jsonb) as r(member int, status text, card text, employment text)
            where sc.request_id = ? and sc.member_id = r.member and sc.status = 'AWAITING'`,
          [answer.checkedOn, JSON.stringify(results), job.requestId],
        );
      });
    } catch (e) {
      attempt.log.warn(
        { component: 'social-security', requestId: job.requestId, attempt: attempt.attempt, error: (e as Error).message },
        'registry call failed',
      );
      // A malformed call will not get better by trying again; an unreachable registry might, until the last try.
      if (e instanceof RegistryRequestError || attempt.isLast) {
        await sqlRows(ctx.em, `update social_security_check set status = 'FAILED', error = ? where request_id = ? and status = 'AWAITING'`, [
          ctx.t('ssRegistryFailed'),
          job.requestId,
        ]);
        return;
      }
      throw e;
    }
  }

  /**
   * The union's checks of a year, by status (none: all), by name. Members enrolled this year (either
   * channel) are done with: they leave the list, so 待提交 holds only members still to submit.
   */
  list(ctx: AuthedContext, year: number, status: SocialSecurityCheckStatus | null, pageArgs: PageArgs): Promise<Page<CheckRow>> {
    const params = new SqlParams();
    const where = ['sc.org_path like $1', `sc.organization_id = ${params.add(ctx.viewer.organizationId)}`, `sc.year = ${params.add(year)}`, NOT_ENROLLED];
    if (status) where.push(`sc.status = ${params.add(status)}`);
    return readSqlPage(ctx, pageArgs, { select: CHECK_SELECT, from: CHECK_FROM, where, params, order: { 'm.name': 'asc', 'm.id': 'asc' } });
  }

  /** The checks of a year of some of the union's members (a page of candidates), by member id; a member never sent has none. */
  async ofMembers(ctx: AuthedContext, year: number, memberIds: readonly number[]): Promise<Map<number, CheckRow>> {
    if (!memberIds.length) return new Map();
    const rows = await ctx.reads.rows<CheckRow>(CHECKS_OF_MEMBERS, [ctx.viewer.organizationId, year, memberIds]);
    return new Map(rows.map((r) => [Number(r.memberId), r]));
  }
}

const CHECK_SELECT = `m.id as "memberId", m.name, m.id_number_masked as "idNumberMasked", sc.status, sc.card_status as "cardStatus",
  sc.employment_status as "employmentStatus", sc.requested_at as "requestedAt", sc.checked_on as "checkedOn", sc.error`;
const CHECK_FROM = 'social_security_check sc join member m on m.id = sc.member_id';
const NOT_ENROLLED = `not exists (select 1 from enrollment_member em where em.member_id = sc.member_id and em.year = sc.year and em.holding)`;
const CHECKS_OF_MEMBERS = scopedSql(
  `select ${CHECK_SELECT} from ${CHECK_FROM} where sc.org_path like $1 and sc.organization_id = $2 and sc.year = $3 and sc.member_id = any($4::int[])`,
);
