import { ID_TYPE_LABELS_ZH, type IdType } from '../../domain/id-document.js';
import {
  GENDER_LABELS_ZH,
  LIFE_STATUS_LABELS_ZH,
  MEMBER_CATEGORY_LABELS_ZH,
  type Gender,
  type LifeStatus,
  type MemberCategory,
} from '../../domain/member-category.js';

export const MEMBER_EXPORT_SHEET = '会员信息';
export const MEMBER_EXPORT_HEADERS = [
  '会员编号',
  '姓名',
  '性别',
  '出生日期',
  '证件类型',
  '证件号码',
  '证件到期日',
  '手机号码',
  '工作单位详细地址',
  '关联企业',
  '所属工会',
  '会员类别',
  '状态',
  '状态日期',
  '入会日期',
  '人保状态',
];

/**
 * The columns the export reads, as a SQL array expression over member `m`, enterprise `e` and
 * organization `o`: personal data masked only. In the order of ExportRow.
 */
export const EXPORT_ROW_SQL = `json_build_array(m.member_no, m.name, m.gender, m.birth_date, m.id_type, m.id_number_masked, m.id_expiry, m.id_expiry_long_term,
  m.mobile_masked, m.work_address, e.name, o.name, m.category, m.life_status, m.life_status_date, m.joined_at, m.needs_confirmation)`;

/** One member as EXPORT_ROW_SQL reads it (dates as YYYY-MM-DD). */
export type ExportRow = [
  memberNo: string,
  name: string,
  gender: Gender,
  birthDate: string | null,
  idType: IdType,
  idNumberMasked: string,
  idExpiry: string | null,
  idExpiryLongTerm: boolean,
  mobileMasked: string | null,
  workAddress: string | null,
  enterprise: string | null,
  organization: string,
  category: MemberCategory,
  lifeStatus: LifeStatus,
  lifeStatusDate: string | null,
  joinedAt: string,
  needsConfirmation: boolean,
];

/** The export's row of a member, every cell text, as the list shows it (ID number and mobile masked). */
export function exportCells([
  memberNo,
  name,
  gender,
  birthDate,
  idType,
  idMasked,
  idExpiry,
  longTerm,
  mobileMasked,
  address,
  enterprise,
  organization,
  category,
  lifeStatus,
  lifeStatusDate,
  joinedAt,
  needsConfirmation,
]: ExportRow): string[] {
  return [
    memberNo,
    name,
    GENDER_LABELS_ZH[gender],
    birthDate ?? '',
    ID_TYPE_LABELS_ZH[idType],
    idMasked,
    longTerm ? '长期' : (idExpiry ?? ''),
    mobileMasked ?? '',
    address ?? '',
    enterprise ?? '',
    organization,
    MEMBER_CATEGORY_LABELS_ZH[category],
    LIFE_STATUS_LABELS_ZH[lifeStatus],
    lifeStatusDate ?? '',
    joinedAt,
    needsConfirmation ? '待确认' : '',
  ];
}
