import type { RequestContext } from '../app/context.js';
import { AppError } from '../common/errors/app-error.js';
import { toId } from '../common/ids.js';
import { ID_TYPE_LABELS_ZH } from '../domain/id-document.js';
import { GENDER_LABELS_ZH, LIFE_STATUS_LABELS_ZH, LifeStatus, MEMBER_CATEGORY_LABELS_ZH, MemberCategory } from '../domain/member-category.js';
import type { Member } from '../modules/member/member.entity.js';
import type { MemberFilter } from '../modules/member/member.service.js';

export const MAX_EXPORT_ROWS = 100_000;

export const MEMBER_EXPORT_HEADERS = ['会员编号', '姓名', '性别', '出生日期', '证件类型', '证件号码', '证件到期日', '手机号码', '工作单位详细地址', '关联企业', '所属工会', '会员类别', '状态', '状态日期', '入会日期', '人保状态'];

/** One row per member; ID number and mobile masked as in the list (the export is a list). */
export function memberExportRows(members: Member[]): (string | number | null)[][] {
  return members.map((m) => [
    m.memberNo,
    m.name,
    GENDER_LABELS_ZH[m.gender],
    m.birthDate ?? '',
    ID_TYPE_LABELS_ZH[m.idType],
    m.idNumberMasked,
    m.idExpiryLongTerm ? '长期' : (m.idExpiry ?? ''),
    m.mobileMasked ?? '',
    m.workAddress ?? '',
    m.enterprise?.getEntity().name ?? '',
    m.organization.getEntity().name,
    MEMBER_CATEGORY_LABELS_ZH[m.category],
    LIFE_STATUS_LABELS_ZH[m.lifeStatus as LifeStatus],
    m.lifeStatusDate ?? '',
    m.joinedAt,
    m.needsConfirmation ? '待确认' : '',
  ]);
}

/** The list's filters from the query string; unknown values are refused, not ignored. */
export function parseExportFilter(ctx: RequestContext, q: Record<string, string | undefined>): MemberFilter {
  const oneOf = <T extends string>(values: T[], v: string | undefined, field: string): T | null => {
    if (!v) return null;
    if (!values.includes(v as T)) throw new AppError('BAD_USER_INPUT', ctx.t('badInput', { detail: field }), { field });
    return v as T;
  };
  return {
    organizationId: q.organizationId ? toId(q.organizationId) : null,
    enterpriseId: q.enterpriseId ? toId(q.enterpriseId) : null,
    category: oneOf(Object.values(MemberCategory), q.category, 'category'),
    lifeStatus: oneOf(Object.values(LifeStatus), q.lifeStatus, 'lifeStatus'),
    needsConfirmation: q.needsConfirmation === undefined || q.needsConfirmation === '' ? null : q.needsConfirmation === 'true',
    search: q.search?.slice(0, 50) ?? null,
  };
}
