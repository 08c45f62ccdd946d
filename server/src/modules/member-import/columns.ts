import type { MemberDraft } from '../member/member-rules.js';
import { toHalfWidth } from '../../domain/full-width.js';

export type ColumnKey = Exclude<keyof MemberDraft, 'gender'> | 'gender';

/** The template's columns in order, with the header variants clerks' own sheets use. */
export const COLUMNS: { key: ColumnKey; header: string; aliases: string[]; required?: boolean; text?: boolean }[] = [
  { key: 'name', header: '姓名', aliases: ['会员姓名', '职工姓名'], required: true },
  { key: 'gender', header: '性别', aliases: [] },
  { key: 'idType', header: '证件类型', aliases: [] },
  { key: 'idNumber', header: '证件号码', aliases: ['身份证号', '身份证号码', '证件号', '身份证'], required: true, text: true },
  { key: 'idExpiry', header: '证件到期日', aliases: ['证件有效期', '有效期至', '证件有效期至', '到期日'] },
  { key: 'mobile', header: '手机号码', aliases: ['手机号', '手机', '联系电话', '电话'], text: true },
  { key: 'workAddress', header: '工作单位详细地址', aliases: ['工作单位地址', '单位地址', '详细地址'] },
  { key: 'category', header: '会员类别', aliases: ['会员类型', '人员类别', '类别'] },
  { key: 'joinedAt', header: '入会日期', aliases: ['入会时间'] },
  { key: 'femalePostType', header: '女职工岗位', aliases: ['岗位', '岗位类型'] },
];

function normalizeHeader(cell: unknown): string {
  return toHalfWidth(String(cell ?? ''))
    .replace(/[\s*＊:：]/g, '')
    .replace(/[（(].*?[）)]/g, '');
}

/**
 * Maps a header row to column indexes. Unknown headers are reported (not fatal); a missing
 * required column is.
 */
export function mapHeader(row: unknown[]): { columns: Map<ColumnKey, number>; unknown: string[]; missing: string[] } {
  const columns = new Map<ColumnKey, number>();
  const unknown: string[] = [];
  row.forEach((cell, index) => {
    const text = normalizeHeader(cell);
    if (!text) return;
    const column = COLUMNS.find((c) => c.header === text || c.aliases.includes(text));
    if (column && !columns.has(column.key)) columns.set(column.key, index);
    else if (!column) unknown.push(String(cell).trim());
  });
  const missing = COLUMNS.filter((c) => c.required && !columns.has(c.key)).map((c) => c.header);
  return { columns, unknown, missing };
}

/**
 * The example row of the downloaded template (workbook-files.ts writes it), by column. It has no ID
 * number, so it can never be a member: an upload that still holds it unchanged skips it
 * (parse-sheet.ts) instead of reporting "请填写证件号码" for a row the clerk never wrote.
 */
export const TEMPLATE_EXAMPLE: Record<ColumnKey, string> = {
  name: '张三',
  gender: '男',
  idType: '身份证',
  idNumber: '',
  idExpiry: '2033-01-01',
  mobile: '',
  workAddress: '上海市浦东新区世纪大道一百号',
  category: '企业内职工',
  joinedAt: '2024-01-01',
  femalePostType: '',
};

/** Whether a row looks like the header: it names the required columns. */
export function isHeaderRow(row: unknown[]): boolean {
  return mapHeader(row).missing.length === 0;
}
