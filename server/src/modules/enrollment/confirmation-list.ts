import type { AuthedContext } from '../../common/request-context.js';
import type { Page, PageArgs } from '../../common/pagination/page.js';
import { readSqlPage } from '../../common/pagination/sql-page.js';
import { SqlParams } from '../../org-scope/read-db.js';
import { MEMBER_SELECT, type MemberRow } from '../member/member.reads.js';

/** A member of the confirmation list, with when the clerk confirmed the member for the year (null: not yet). */
export interface ConfirmationRow {
  member: MemberRow;
  confirmedAt: Date | null;
}

/**
 * 集中参保待确认名单 (SPEC §8, member-card channel): the caller union's members flagged 人保状态待确认, by
 * name, each with its confirmation for the year, so the clerk sees who is still to confirm and who was
 * (the manual's 确认 / 已确认). Confirming is EnrollmentService.confirm.
 */
export async function confirmationList(ctx: AuthedContext, year: number, pageArgs: PageArgs): Promise<Page<ConfirmationRow>> {
  const params = new SqlParams();
  const page = await readSqlPage<MemberRow & { confirmedAt: Date | null }>(ctx, pageArgs, {
    select: `${MEMBER_SELECT}, ec.confirmed_at as "confirmedAt"`,
    from: `member m left join enrollment_confirmation ec on ec.member_id = m.id and ec.year = ${params.add(year)}`,
    where: ['m.org_path like $1', `m.organization_id = ${params.add(ctx.viewer.organizationId)}`, 'm.needs_confirmation'],
    params,
    order: { 'm.name': 'asc', 'm.id': 'asc' },
  });
  return { ...page, nodes: page.nodes.map(({ confirmedAt, ...member }) => ({ member, confirmedAt })) };
}
