import type { Clock } from '../../common/clock.js';
import type { AuthedContext } from '../../common/request-context.js';
import { scopedSql } from '../../org-scope/read-db.js';
import { sqlRows } from '../../org-scope/raw-sql.js';
import { EnrollmentChannel } from '../../domain/enrollment-eligibility.js';
import { HOLDING_STATES } from '../../domain/enrollment-submission-states.js';
import type { OrganizationService } from '../organization/organization.service.js';
import type { ProtectionService } from '../protection/protection.service.js';
import { t, type Lang } from '../../common/i18n/messages.js';
import { renderEnrollmentNotice, type NoticeData } from './notice-pdf.js';

/** The job that renders a union's notice after a submission (one queue per union, so they run in order). */
export const NOTICE_TASK = 'enrollment.notice';
export interface NoticeJob {
  year: number;
}

const ENROLLED = scopedSql(
  `select s.channel, sum(s.member_count)::int as n, min(s.plan_id) as "planId"
     from enrollment_submission s
    where s.org_path like $1 and s.organization_id = $2 and s.year = $3 and s.status = any($4::enrollment_submission_status[])
    group by s.channel`,
);
const STORED = scopedSql(`select n.pdf from enrollment_notice n where n.org_path like $1 and n.organization_id = $2 and n.year = $3`);

/** A union's notice of a year in `lang`, signed by the service center: as the job renders it (and the demo seed). */
export function renderUnionNotice(
  lang: Lang,
  n: {
    unionName: string;
    year: { id: number; paymentDeadline: string; coverageStart: string; coverageEnd: string };
    planName: string;
    enrolled: NoticeData['enrolled'];
    issuedOn: string;
  },
): Promise<Buffer> {
  return renderEnrollmentNotice(
    {
      unionName: n.unionName,
      year: n.year.id,
      programName: t(lang, 'noticeProgram'),
      planName: n.planName,
      enrolled: n.enrolled,
      paymentDeadline: n.year.paymentDeadline,
      coverageStart: n.year.coverageStart,
      coverageEnd: n.year.coverageEnd,
      serviceCenterName: t(lang, 'noticeServiceCenter'),
      issuedOn: n.issuedOn,
    },
    lang,
  );
}

/** 告知书 (SPEC §8): rendered by a job after each submission, stored, downloaded any time. */
export class NoticeService {
  constructor(
    private readonly clock: Clock,
    private readonly protection: ProtectionService,
    private readonly organizations: OrganizationService,
  ) {}

  /** Renders the caller's union's notice of `year` from its submissions now, and stores it. */
  async regenerate(ctx: AuthedContext, { year }: NoticeJob): Promise<void> {
    const union = await this.organizations.get(ctx, ctx.viewer.organizationId);
    const y = await this.protection.year(ctx, year);
    const rows = await ctx.reads.rows<{ channel: EnrollmentChannel; n: number; planId: number }>(ENROLLED, [union.id, year, HOLDING_STATES]);
    const count = (c: EnrollmentChannel) => rows.find((r) => r.channel === c)?.n ?? 0;
    const plan = (await this.protection.plans(ctx)).find((p) => p.id === rows[0]?.planId);
    const pdf = await renderUnionNotice(ctx.lang, {
      unionName: union.name,
      year: y,
      planName: plan?.name ?? '',
      enrolled: { memberCard: count(EnrollmentChannel.MEMBER_CARD), socialSecurityCard: count(EnrollmentChannel.SOCIAL_SECURITY_CARD) },
      issuedOn: this.clock.today(),
    });
    await ctx.em.transactional((tx) =>
      sqlRows(
        tx,
        `insert into enrollment_notice (org_path, organization_id, year, pdf, generated_at) values (?, ?, ?, ?, ?)
         on conflict (organization_id, year) do update set pdf = excluded.pdf, generated_at = excluded.generated_at`,
        [union.path, union.id, year, pdf, this.clock.now()],
      ),
    );
  }

  /** The caller's union's stored notice of `year`; null before its first submission's notice is rendered. */
  async read(ctx: AuthedContext, year: number): Promise<Buffer | null> {
    return (await ctx.reads.one<{ pdf: Buffer }>(STORED, [ctx.viewer.organizationId, year]))?.pdf ?? null;
  }
}
