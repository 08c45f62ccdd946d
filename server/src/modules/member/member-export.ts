import { ID_TYPE_LABELS_ZH, type IdType } from '../../domain/id-document.js';
import { GENDER_LABELS_ZH, LIFE_STATUS_LABELS_ZH, MEMBER_CATEGORY_LABELS_ZH, type Gender, type LifeStatus, type MemberCategory } from '../../domain/member-category.js';

export const MEMBER_EXPORT_SHEET = '会员信息';
export const MEMBER_EXPORT_HEADERS = ['会员编号', '姓名', '性别', '出生日期', '证件类型', '证件号码', '证件到期日', '手机号码', '工作单位详细地址', '关联企业', '所属工会', '会员类别', '状态', '状态日期', '入会日期', '人保状态'];

/** One member as the export reads it from the database: plain columns, personal data masked only. */
export interface ExportRow {
  member_no: string;
  name: string;
  gender: Gender;
  birth_date: string | null;
  id_type: IdType;
  id_number_masked: string;
  id_expiry: string | null;
  id_expiry_long_term: boolean;
  mobile_masked: string | null;
  work_address: string | null;
  enterprise_name: string | null;
  organization_name: string;
  category: MemberCategory;
  life_status: LifeStatus;
  life_status_date: string | null;
  joined_at: string;
  needs_confirmation: boolean;
}

/** The export's row of a member, every cell text, as the list shows it (ID number and mobile masked). */
export function exportCells(r: ExportRow): string[] {
  return [
    r.member_no,
    r.name,
    GENDER_LABELS_ZH[r.gender],
    r.birth_date ?? '',
    ID_TYPE_LABELS_ZH[r.id_type],
    r.id_number_masked,
    r.id_expiry_long_term ? '长期' : (r.id_expiry ?? ''),
    r.mobile_masked ?? '',
    r.work_address ?? '',
    r.enterprise_name ?? '',
    r.organization_name,
    MEMBER_CATEGORY_LABELS_ZH[r.category],
    LIFE_STATUS_LABELS_ZH[r.life_status],
    r.life_status_date ?? '',
    r.joined_at,
    r.needs_confirmation ? '待确认' : '',
  ];
}
