import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { sqlRows } from '../../org-scope/raw-sql.js';
import { transitionAll } from '../../changes/transition.js';
import { addDays } from '../../domain/working-days.js';
import { ENROLLMENT_SUBMISSION_MACHINE, EnrollmentSubmissionEvent, EnrollmentSubmissionStatus } from '../../domain/enrollment-submission-states.js';
import { MessageKind } from '../message/message.entity.js';
import type { MessageService, OutgoingMessage } from '../message/message.service.js';

export const DEADLINES_TASK = 'enrollment-deadlines';

/** Reminders go out this many days before a window closes (and every run until it does, once per unit). */
export const REMIND_DAYS = 3;

type Window = 'grassroots' | 'adjustment' | 'district';

/** Who has not acted on a window of the year (the query's one binding, read once as `y.year`): each recipient's id and path. */
const NOT_ACTED: Record<Window, string> = {
  // Unions that have not submitted, or whose submission was returned and not submitted again.
  grassroots: `with y as (select ?::int as year)
               select o.id, o.path from organization o cross join y
                where o.tier = 'GRASSROOTS'
                  and not exists (select 1 from union_campaign c where c.organization_id = o.id and c.year = y.year and c.standing in ('PENDING', 'SUBMITTED'))`,
  // Districts that have not set their own split of any plan (the defaults would apply).
  adjustment: `with y as (select ?::int as year)
               select o.id, o.path from organization o cross join y
                where o.tier = 'DISTRICT' and not exists (select 1 from fee_split s where s.district_id = o.id and s.year = y.year)`,
  // Districts whose ready list still holds approved submissions.
  district: `with y as (select ?::int as year)
             select o.id, o.path from organization o cross join y
              where o.tier = 'DISTRICT'
                and exists (select 1 from enrollment_submission s where s.org_path like o.path || '%' and s.year = y.year and s.status = 'APPROVED')`,
};

const WINDOW_NAME: Record<Window, string> = {
  grassroots: '@windowGrassrootsName',
  adjustment: '@windowAdjustmentName',
  district: '@windowDistrictName',
};

interface YearDates {
  id: number;
  grassrootsClose: string;
  adjustmentClose: string;
  districtClose: string;
}

/**
 * The campaign's deadlines, run daily by the worker (and by tests with a moved clock):
 * - VOID: a submission not sent to the center by the end of the district window was never paid for
 *   (the district pays the center for what its batch holds), so it ends VOID with the reason, its members
 *   are free again, and its union is told that instant enrollment remains (SPEC §8, §11);
 * - reminders: from REMIND_DAYS before a window closes, a message to each unit that has not acted, once.
 * Safe to run twice: a void submission is not pending any more, and a reminder has a dedupe key.
 */
export class Deadlines {
  constructor(
    private readonly clock: Clock,
    private readonly messages: MessageService,
  ) {}

  async run(ctx: AuthedContext): Promise<{ voided: number; reminded: number }> {
    const today = this.clock.today();
    const years = await sqlRows<YearDates>(
      ctx.em,
      `select id, grassroots_close::text as "grassrootsClose", adjustment_close::text as "adjustmentClose", district_close::text as "districtClose"
         from protection_year where district_close >= ?::date - 400 order by id`,
      [today],
    );
    let voided = 0;
    let reminded = 0;
    for (const y of years) {
      if (today > y.districtClose) voided += await this.voidUnpaid(ctx, y);
      for (const window of ['grassroots', 'adjustment', 'district'] as const) {
        const close = y[`${window}Close`];
        if (today <= close && today >= addDays(close, -REMIND_DAYS)) reminded += await this.remind(ctx.em, y.id, window, close);
      }
    }
    return { voided, reminded };
  }

  private async voidUnpaid(ctx: AuthedContext, y: YearDates): Promise<number> {
    const now = this.clock.now();
    return ctx.em.transactional(async (tx) => {
      let voided = 0;
      for (const from of [EnrollmentSubmissionStatus.PENDING_REVIEW, EnrollmentSubmissionStatus.APPROVED]) {
        const rows = await sqlRows<{ id: number; orgPath: string; organizationId: number; channel: string; memberCount: number }>(
          tx,
          `select id, org_path as "orgPath", organization_id as "organizationId", channel, member_count as "memberCount"
             from enrollment_submission where year = ? and status = ? order by id for update`,
          [y.id, from],
        );
        await transitionAll(
          ctx,
          tx,
          {
            machine: ENROLLMENT_SUBMISSION_MACHINE,
            subjects: rows,
            from,
            event: EnrollmentSubmissionEvent.EXPIRE,
            by: 'system',
            at: now,
            reason: { key: 'reasonUnpaidByDeadline', params: { date: y.districtClose } },
          },
          async (to) => {
            const ids = rows.map((r) => r.id);
            await sqlRows(tx, `update enrollment_member set holding = false where submission_id = any(?::int[]) and holding`, [ids]);
            return (
              await sqlRows(tx, `update enrollment_submission set status = ?, updated_at = ?, version = version + 1 where id = any(?::int[]) returning id`, [
                to,
                now,
                ids,
              ])
            ).length;
          },
        );
        await this.messages.sendMany(
          tx,
          rows.map((r): OutgoingMessage => ({
            recipient: { id: r.organizationId, path: r.orgPath },
            kind: MessageKind.ENROLLMENT_VOID,
            params: { year: y.id, channel: `@channel${r.channel}`, count: r.memberCount },
          })),
        );
        voided += rows.length;
      }
      return voided;
    });
  }

  private async remind(em: EntityManager, year: number, window: Window, close: string): Promise<number> {
    const recipients = await sqlRows<{ id: number; path: string }>(em, NOT_ACTED[window], [year]);
    return this.messages.sendMany(
      em,
      recipients.map((r) => ({
        recipient: r,
        kind: MessageKind.WINDOW_CLOSING,
        params: { year, window: WINDOW_NAME[window], date: close },
        dedupeKey: `window-closing:${year}:${window}:${r.id}`,
      })),
    );
  }
}
